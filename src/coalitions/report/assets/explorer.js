// The coalitions explorer: tables that sort, filter, search and page; a section per record; the charts' controls.
// Every value from the data goes into the page as text (textContent, attributes), never as HTML.
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("report-data").textContent);
  var items = JSON.parse(document.getElementById("chart-items").textContent);
  var tables = page.tables;

  // -- data -----------------------------------------------------------------------------------------------------
  function column(table, name) {
    var i = table.columns.indexOf(name);
    if (i < 0) return null;
    var data = table.data[i];
    if (Array.isArray(data)) return data;
    var out, k;
    if (data.l) {
      out = data.v.map(function (v) { return v === null ? null : v.map(function (x) { return data.l[x]; }); });
      table.data[i] = out;
      return out;
    }
    out = new Array(data.i.length);
    for (k = 0; k < data.i.length; k++) out[k] = data.i[k] < 0 ? null : data.d[data.i[k]];
    table.data[i] = out;
    return out;
  }
  function rows(key) {
    var table = tables[key];
    if (!table) return [];
    if (table.cache) return table.cache;
    var cols = table.columns.map(function (c) { return column(table, c); });
    var out = [];
    for (var r = 0; r < table.rows; r++) {
      var row = {};
      for (var c = 0; c < cols.length; c++) row[table.columns[c]] = cols[c][r];
      out.push(row);
    }
    table.cache = out;
    return out;
  }
  function text(cell) {
    if (cell === null || cell === undefined) return "";
    if (cell === true || cell === false) return cell ? "yes" : "no";
    if (Array.isArray(cell)) return cell.join(", ");
    return String(cell);
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function recordLink(id, label) {
    return el("a", { href: "#record/" + encodeURIComponent(id), "data-record": id, text: label });
  }
  function urlLink(url, label) {
    return /^https?:\/\/[^\s]+$/.test(url) ? el("a", { href: url, rel: "noopener noreferrer", text: label }) :
      document.createTextNode(label);
  }
  var names = {};
  rows("records").forEach(function (r) { names[r.id] = r; });

  // -- tables ---------------------------------------------------------------------------------------------------
  function dateKey(value) {
    var m = /(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text(value));
    return m ? m[0] : "";
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
    if (b === null || b === undefined) return -1;
    return text(a).localeCompare(text(b), undefined, { numeric: true, sensitivity: "base" });
  }
  function renderCell(table, column, row) {
    var td = el("td");
    var value = row[column];
    if (typeof value === "number") td.className = "num";
    var target = table.links[column];
    if (target && row[target] && names[row[target]]) {
      td.appendChild(recordLink(row[target], text(value)));
      return td;
    }
    var parts = Array.isArray(value) ? value : [text(value)];
    parts.forEach(function (part, i) {
      if (i) td.appendChild(el("br"));
      td.appendChild(urlLink(part, part));
    });
    return td;
  }
  function Explorer(holder) {
    var key = holder.getAttribute("data-table");
    var table = tables[key];
    var all = rows(key);
    var state = { search: "", choice: {}, from: "", to: "", sort: null, desc: false, start: 0 };
    holder.appendChild(el("h3", { text: table.title + " (" + table.rows + ")" }));
    if (!table.rows) { holder.appendChild(el("p", { class: "note", text: "None." })); return; }
    var bar = el("div", { class: "toolbar" });
    var search = el("input", { type: "search", placeholder: "Search names, titles, any text", "aria-label": "Search " + table.title, class: "search" });
    search.addEventListener("input", function () { state.search = search.value.toLowerCase(); state.start = 0; draw(); });
    bar.appendChild(search);
    table.choices.forEach(function (c) {
      var values = {};
      all.forEach(function (r) { [].concat(r[c] === null ? [] : r[c]).forEach(function (v) { values[v] = true; }); });
      var select = el("select", { "aria-label": c, "data-column": c }, [el("option", { value: "", text: c + ": all" })]);
      Object.keys(values).sort().forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
      select.addEventListener("change", function () { state.choice[c] = select.value; state.start = 0; draw(); });
      bar.appendChild(select);
    });
    if (table.date) {
      ["from", "to"].forEach(function (which) {
        var input = el("input", { type: "text", size: "10", placeholder: table.date + " " + which + " (2023, 2023-05)", "aria-label": table.date + " " + which, "data-range": which });
        input.addEventListener("input", function () { state[which] = input.value.trim(); state.start = 0; draw(); });
        bar.appendChild(input);
      });
    }
    holder.appendChild(bar);
    var wrap = el("div", { class: "table" });
    var dom = el("table", { id: key });
    var head = el("tr");
    table.shown.forEach(function (c) {
      var button = el("button", { type: "button", text: c });
      var th = el("th", { scope: "col", "aria-sort": "none" }, [button]);
      button.addEventListener("click", function () {
        state.desc = state.sort === c ? !state.desc : false;
        state.sort = c;
        [].forEach.call(head.children, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
        draw();
      });
      head.appendChild(th);
    });
    dom.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    dom.appendChild(body);
    wrap.appendChild(dom);
    holder.appendChild(wrap);
    var pager = el("div", { class: "pager" });
    var previous = el("button", { type: "button", text: "Previous" });
    var next = el("button", { type: "button", text: "Next" });
    var count = el("span", { class: "count" });
    previous.addEventListener("click", function () { state.start = Math.max(0, state.start - page.page); draw(); });
    next.addEventListener("click", function () { state.start += page.page; draw(); });
    pager.appendChild(previous); pager.appendChild(count); pager.appendChild(next);
    holder.appendChild(pager);
    if (table.note) holder.appendChild(el("p", { class: "note", text: table.note }));
    var haystack = all.map(function (r) {
      return table.columns.map(function (c) { return text(r[c]); }).join(" \u0001 ").toLowerCase();
    });
    function keep(r, i) {
      if (state.search && haystack[i].indexOf(state.search) < 0) return false;
      for (var c in state.choice) {
        if (state.choice[c] && [].concat(r[c]).indexOf(state.choice[c]) < 0) return false;
      }
      if (table.date && (state.from || state.to)) {
        var d = dateKey(r[table.date]);
        if (!d || (state.from && d.slice(0, state.from.length) < state.from) || (state.to && d.slice(0, state.to.length) > state.to)) return false;
      }
      return true;
    }
    function draw() {
      var chosen = all.filter(keep);
      if (state.sort) {
        var c = state.sort, sign = state.desc ? -1 : 1;
        var key = table.date === c ? function (r) { return dateKey(r[c]); } : function (r) { return r[c]; };
        chosen = chosen.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
          return sign * compare(key(a[0]), key(b[0])) || a[1] - b[1];
        }).map(function (p) { return p[0]; });
      }
      if (state.start >= chosen.length) state.start = Math.max(0, chosen.length - page.page);
      var shown = chosen.slice(state.start, state.start + page.page);
      body.textContent = "";
      shown.forEach(function (r) {
        body.appendChild(el("tr", {}, table.shown.map(function (c) { return renderCell(table, c, r); })));
      });
      count.textContent = chosen.length ? " rows " + (state.start + 1) + "–" + (state.start + shown.length) + " of " + chosen.length + (chosen.length < all.length ? " (filtered from " + all.length + ")" : "") + " " : " no row matches ";
      previous.disabled = state.start === 0;
      next.disabled = state.start + page.page >= chosen.length;
      holder.setAttribute("data-shown", String(chosen.length));
    }
    draw();
  }
  [].forEach.call(document.querySelectorAll(".xtable[data-table]"), function (holder) { new Explorer(holder); });

  // -- a section per record -------------------------------------------------------------------------------------
  function list(title, entries) {
    var box = el("div", { class: "card" }, [el("h3", { text: title })]);
    if (!entries.length) { box.appendChild(el("p", { class: "note", text: "None in this report." })); return box; }
    var ul = el("ul");
    entries.forEach(function (parts) { ul.appendChild(el("li", {}, parts)); });
    box.appendChild(ul);
    return box;
  }
  function showRecord(id) {
    var record = names[id];
    var section = document.getElementById("record");
    var body = document.getElementById("record-body");
    body.textContent = "";
    if (!record) { section.hidden = true; return; }
    document.getElementById("record-title").textContent = record.name;
    var facts = [record.type + (record.kind && record.kind !== record.type ? ": " + record.kind : "")];
    if (record.date) facts.push((record.type === "declaration" ? "dated " : "founded ") + record.date);
    if (record["other names"] && record["other names"].length) facts.push("also known as " + record["other names"].join(", "));
    body.appendChild(el("p", { class: "facts", text: facts.join("; ") }));
    var events = [];
    if (record.type === "declaration") {
      var signers = rows("signatures").filter(function (s) { return s.declaration === id; }).map(function (s) {
        var who = s["signer id"] && names[s["signer id"]] ? recordLink(s["signer id"], s["as printed"]) : document.createTextNode(s["as printed"]);
        return [who, " (" + s.role + (s.status !== "asserted" ? ", " + s.status : "") + ")"];
      });
      body.appendChild(list("Signatories as printed", signers));
      rows("declarations").filter(function (d) { return d.id === id; }).forEach(function (d) {
        var claims = d["uncertain claims"] || d.disputed;
        if (claims && claims.length) body.appendChild(list("Uncertain claims", claims.map(function (x) { return [x]; })));
      });
    } else {
      rows("signatures").forEach(function (s) {
        if (s["signer id"] !== id && s["on behalf of"] !== id) return;
        var d = names[s.declaration] || { name: s.declaration, earliest: "" };
        events.push([d.earliest || "", [d.date || "", ": ", s.role, " of ", recordLink(s.declaration, d.name), s.status !== "asserted" ? " (" + s.status + ")" : "", s["on behalf of"] === id && s["signer id"] !== id ? " (by " + s["as printed"] + ")" : ""]]);
      });
      rows("council-memberships").forEach(function (m) {
        if (m["member id"] === id) events.push([dateKey(m.start), [(m.start || "undated") + (m.end ? " to " + m.end : "") + ": " + m.role + " of ", recordLink(m["council id"], m.council), m.status !== "asserted" ? " (" + m.status + ")" : ""]]);
        else if (m["council id"] === id) events.push([dateKey(m.start), [(m.start || "undated") + (m.end ? " to " + m.end : "") + ": ", recordLink(m["member id"], m.member), " " + m.role + (m.status !== "asserted" ? " (" + m.status + ")" : "")]]);
      });
      rows("council-changes").forEach(function (c) {
        if (c["member id"] === id) events.push([dateKey(c.date), [c.date + ": " + c.change + " ", recordLink(c["council id"], c.council)]]);
      });
      events.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      body.appendChild(list("Timeline", events.map(function (e) { return e[1]; })));
    }
    var cited = {};
    rows("record-sources").forEach(function (s) { cited[s.id] = s; });
    body.appendChild(list("Sources", (record.sources || []).map(function (s) {
      var source = cited[s] || { title: s };
      return [source.url ? urlLink(source.url, source.title) : source.title, source.publisher ? " (" + source.publisher + ")" : ""];
    })));
    section.hidden = false;
    section.scrollIntoView();
  }
  function route() {
    var m = /^#record\/(.+)$/.exec(location.hash);
    if (m) showRecord(decodeURIComponent(m[1]));
  }
  window.addEventListener("hashchange", route);
  route();

  // -- charts ---------------------------------------------------------------------------------------------------
  if (typeof Bokeh === "undefined") return;
  if (Bokeh.logger && Bokeh.logger.set_level) Bokeh.logger.set_level("warn");
  function model(name) {
    for (var i = 0; i < Bokeh.documents.length; i++) {
      var found = Bokeh.documents[i].get_model_by_name(name);
      if (found) return found;
    }
    return null;
  }
  function ms(day) { return Date.parse(day + "T00:00:00Z"); }
  function cursor() {
    var slider = document.getElementById("cursor");
    if (!slider) return;
    var bars = rows("membership-bars"), compositions = rows("council-compositions");
    var days = {};
    compositions.forEach(function (c) { if (c.from) days[c.from] = true; });
    var last = bars.length && bars[0]["last day"];
    if (last) days[last] = true;
    days = Object.keys(days).sort();
    if (!days.length) return;
    slider.max = String(days.length - 1);
    slider.value = String(days.length - 1);
    var councils = [];
    bars.forEach(function (b) { if (councils.indexOf(b["council id"]) < 0) councils.push(b["council id"]); });
    function move() {
      var day = days[Number(slider.value)];
      document.getElementById("cursor-date").textContent = day;
      councils.forEach(function (c, n) { var span = model("cursor-" + n); if (span) span.location = ms(day); });
      var box = document.getElementById("composition");
      box.textContent = "";
      councils.forEach(function (council) {
        var mine = compositions.filter(function (c) { return c["council id"] === council && c.from <= day; });
        var since = mine.reduce(function (a, c) { return c.from > a ? c.from : a; }, "");
        var members = mine.filter(function (c) { return c.from === since && c["member id"]; });
        box.appendChild(list((names[council] ? names[council].name : council) + " on " + day + " (" + members.length + ")", members.map(function (m) {
          return [recordLink(m["member id"], m.member), m.certainty !== "certain" || m.status !== "asserted" ? " (" + [m.certainty, m.status].join(", ") + ")" : ""];
        })));
      });
    }
    slider.addEventListener("input", move);
    move();
  }
  function counts(years, from, to) {
    var n = 0;
    (years || []).forEach(function (y) { var p = y.split(":"); if (p[0] >= from && p[0] <= to) n += Number(p[1]); });
    return n;
  }
  function network() {
    var edges = model("network-edges"), nodes = model("network-nodes");
    var from = document.getElementById("network-from"), to = document.getElementById("network-to");
    if (!edges || !nodes || !from) return;
    var e = rows("network-edges"), n = rows("network-nodes");
    var years = {};
    e.concat(n).forEach(function (r) { (r.years || []).forEach(function (y) { years[y.split(":")[0]] = true; }); });
    years = Object.keys(years).sort();
    years.forEach(function (y) { from.appendChild(el("option", { value: y, text: y })); to.appendChild(el("option", { value: y, text: y })); });
    from.value = years[0]; to.value = years[years.length - 1];
    function update() {
      var weights = e.map(function (r) { return counts(r.years, from.value, to.value); });
      var heaviest = Math.max.apply(null, weights.concat([1]));
      var data = Object.assign({}, edges.data);
      data.weight = weights;
      data.width = weights.map(function (w) { return w ? 1 + 7 * w / heaviest : 0; });
      data.alpha = weights.map(function (w) { return w ? 0.45 : 0; });
      edges.data = data;
      var signed = n.map(function (r) { return counts(r.years, from.value, to.value); });
      var most = Math.max.apply(null, signed.concat([1]));
      var nd = Object.assign({}, nodes.data);
      nd.declarations = signed;
      nd.size = signed.map(function (s) { return s ? 9 + 16 * Math.sqrt(s / most) : 3; });
      nodes.data = nd;
      document.getElementById("network-count").textContent = weights.filter(Boolean).length + " links in " + from.value + "–" + to.value;
    }
    from.addEventListener("change", update); to.addEventListener("change", update);
    update();
  }
  // Each chart is drawn when it comes near the screen, so the page opens at once whatever its size.
  var wiring = { memberships: cursor, network: network };
  function embed(target) {
    var key = target.id.slice("plot-".length);
    Bokeh.embed.embed_item(items[key], target.id).then(function () {
      if (wiring[key]) wiring[key]();
      target.parentNode.setAttribute("data-ready", "yes");
    });
  }
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); embed(entry.target); }
    });
  }, { rootMargin: "300px" }) : null;
  Object.keys(items).forEach(function (key) {
    var target = document.getElementById("plot-" + key);
    if (target) { if (observer) observer.observe(target); else embed(target); }
  });
})();
