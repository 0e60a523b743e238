"""The schema of the database :mod:`coalitions.interop.sqlite` writes: tables, indexes, full-text search, views."""

from __future__ import annotations

__all__ = ["METRICS", "SCHEMA"]

#: The tables, indexes and views, as one SQL script (docs/interop.md describes them).
SCHEMA = """
CREATE TABLE settings (
  json TEXT NOT NULL
);
CREATE TABLE records (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('organisation', 'person', 'declaration', 'source')),
  name TEXT NOT NULL
);
CREATE TABLE sources (
  id TEXT PRIMARY KEY REFERENCES records(id),
  title TEXT NOT NULL, publisher TEXT, author TEXT, url TEXT, file TEXT,
  date TEXT, date_earliest TEXT, date_latest TEXT,
  confidence TEXT, language TEXT, notes TEXT
);
CREATE TABLE organisations (
  id TEXT PRIMARY KEY REFERENCES records(id),
  name TEXT NOT NULL, kind TEXT NOT NULL,
  parent TEXT REFERENCES organisations(id),
  headquarters TEXT, notes TEXT
);
CREATE TABLE people (
  id TEXT PRIMARY KEY REFERENCES records(id),
  name TEXT NOT NULL, notes TEXT
);
CREATE TABLE declarations (
  id TEXT PRIMARY KEY REFERENCES records(id),
  title TEXT NOT NULL, kind TEXT NOT NULL,
  date TEXT NOT NULL, date_earliest TEXT NOT NULL, date_latest TEXT NOT NULL, date_disputed INTEGER NOT NULL,
  place TEXT, occasion TEXT, theme TEXT, language TEXT,
  series TEXT NOT NULL,
  listed TEXT CHECK (listed IN ('complete', 'partial', 'unknown')),
  notes TEXT
);
CREATE TABLE names (
  id INTEGER PRIMARY KEY,
  record TEXT NOT NULL REFERENCES records(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL, lang TEXT, note TEXT
);
CREATE TABLE date_claims (
  id INTEGER PRIMARY KEY,
  record TEXT NOT NULL REFERENCES records(id),
  event TEXT NOT NULL CHECK (event IN ('date', 'founded', 'dissolved', 'proposed')),
  position INTEGER NOT NULL,
  date TEXT NOT NULL, date_earliest TEXT NOT NULL, date_latest TEXT NOT NULL,
  note TEXT,
  by TEXT NOT NULL
);
CREATE TABLE relations (
  id INTEGER PRIMARY KEY,
  organisation TEXT NOT NULL REFERENCES organisations(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  other TEXT NOT NULL REFERENCES organisations(id),
  date TEXT, date_earliest TEXT, date_latest TEXT,
  status TEXT NOT NULL, note TEXT
);
CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  organisation TEXT NOT NULL REFERENCES organisations(id),
  member TEXT NOT NULL REFERENCES records(id),
  member_type TEXT NOT NULL,
  role TEXT NOT NULL,
  start TEXT, start_earliest TEXT, start_latest TEXT,
  "end" TEXT, end_earliest TEXT, end_latest TEXT,
  status TEXT NOT NULL,
  status_date TEXT, status_date_earliest TEXT, status_date_latest TEXT,
  on_behalf_of TEXT REFERENCES records(id),
  note TEXT
);
CREATE TABLE signatures (
  id INTEGER PRIMARY KEY,
  declaration TEXT NOT NULL REFERENCES declarations(id),
  position INTEGER NOT NULL,
  signer TEXT REFERENCES records(id),
  as_printed TEXT, title TEXT, affiliation TEXT,
  role TEXT NOT NULL, status TEXT NOT NULL,
  status_date TEXT, status_date_earliest TEXT, status_date_latest TEXT,
  on_behalf_of TEXT REFERENCES records(id),
  note TEXT
);
CREATE TABLE printed_members (
  id INTEGER PRIMARY KEY,
  signature INTEGER NOT NULL REFERENCES signatures(id),
  position INTEGER NOT NULL,
  as_printed TEXT NOT NULL,
  member TEXT REFERENCES records(id),
  status TEXT NOT NULL, heading TEXT, note TEXT
);
CREATE TABLE counts (
  id INTEGER PRIMARY KEY,
  declaration TEXT NOT NULL REFERENCES declarations(id),
  position INTEGER NOT NULL,
  number INTEGER NOT NULL, "of" TEXT NOT NULL, approximate INTEGER NOT NULL, as_printed TEXT
);
CREATE TABLE citations (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL REFERENCES sources(id),
  quote TEXT, confidence TEXT, note TEXT,
  contradicts INTEGER NOT NULL,
  position INTEGER NOT NULL,
  record TEXT REFERENCES records(id),
  membership INTEGER REFERENCES memberships(id),
  signature INTEGER REFERENCES signatures(id),
  date_claim INTEGER REFERENCES date_claims(id),
  relation INTEGER REFERENCES relations(id),
  "count" INTEGER REFERENCES counts(id),
  CHECK ((record IS NOT NULL) + (membership IS NOT NULL) + (signature IS NOT NULL) + (date_claim IS NOT NULL)
         + (relation IS NOT NULL) + ("count" IS NOT NULL) = 1)
);
CREATE TABLE analysis (
  scope TEXT,
  scope_label TEXT NOT NULL,
  last_day TEXT
);
CREATE TABLE declaration_lists (
  id INTEGER PRIMARY KEY,
  declaration TEXT NOT NULL REFERENCES declarations(id),
  level TEXT NOT NULL CHECK (level IN ('organisations', 'people')),
  status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'unknown'))
);
CREATE TABLE expanded_signatures (
  id INTEGER PRIMARY KEY,
  declaration TEXT NOT NULL REFERENCES declarations(id),
  signer TEXT REFERENCES records(id),
  individual TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('organisation', 'person', 'individual')),
  status TEXT NOT NULL, certainty TEXT NOT NULL,
  via TEXT NOT NULL, basis TEXT NOT NULL,
  represented_by TEXT NOT NULL,
  CHECK ((signer IS NULL) = (individual IS NOT NULL))
);
CREATE TABLE council_changes (
  id INTEGER PRIMARY KEY,
  council TEXT NOT NULL REFERENCES organisations(id),
  date TEXT, date_earliest TEXT, date_latest TEXT,
  member TEXT NOT NULL REFERENCES records(id),
  change TEXT NOT NULL, status TEXT NOT NULL,
  via TEXT NOT NULL,
  sources TEXT NOT NULL
);
CREATE TABLE compositions (
  id INTEGER PRIMARY KEY,
  council TEXT NOT NULL REFERENCES organisations(id),
  valid_from TEXT, valid_to TEXT,
  member TEXT NOT NULL REFERENCES records(id),
  certainty TEXT NOT NULL CHECK (certainty IN ('certain', 'possible', 'undated')),
  status TEXT NOT NULL, via TEXT NOT NULL
);
CREATE TABLE metric_series (
  id INTEGER PRIMARY KEY,
  window TEXT NOT NULL, window_earliest TEXT NOT NULL, window_latest TEXT NOT NULL,
  declarations INTEGER NOT NULL,
  metric TEXT NOT NULL,
  low REAL, high REAL, all_out REAL, all_in REAL,
  exact INTEGER NOT NULL, partial INTEGER NOT NULL, claims INTEGER NOT NULL,
  movers TEXT NOT NULL,
  left_out TEXT NOT NULL
);
CREATE VIRTUAL TABLE search USING fts5(text, kind UNINDEXED, record UNINDEXED, citation UNINDEXED);
CREATE INDEX signatures_by_signer ON signatures(signer);
CREATE INDEX memberships_by_organisation ON memberships(organisation);
CREATE INDEX memberships_by_member ON memberships(member);
CREATE INDEX expanded_by_signer ON expanded_signatures(signer);
CREATE INDEX compositions_by_council ON compositions(council, valid_from);
CREATE INDEX lists_by_declaration ON declaration_lists(declaration);
CREATE VIEW signed AS
  SELECT d.date, d.date_earliest, d.date_latest, s.declaration, d.title, s.signer, r.name AS signer_name,
         s.as_printed, s.title AS signer_title, s.affiliation, s.role, s.status, s.status_date, s.on_behalf_of
  FROM signatures s JOIN declarations d ON d.id = s.declaration LEFT JOIN records r ON r.id = s.signer;
CREATE VIEW signatories AS
  SELECT d.date, d.date_earliest, d.date_latest, e.declaration, d.title, coalesce(e.signer, e.individual) AS signer,
         coalesce(r.name, substr(e.individual, 2)) AS signer_name, e.kind, e.status, e.certainty, e.via, e.basis,
         e.represented_by, l.status AS listed
  FROM expanded_signatures e JOIN declarations d ON d.id = e.declaration LEFT JOIN records r ON r.id = e.signer
  LEFT JOIN declaration_lists l ON l.declaration = e.declaration
    AND l.level = CASE e.kind WHEN 'organisation' THEN 'organisations' ELSE 'people' END;
CREATE VIEW council_members AS
  SELECT c.council, o.name AS council_name, c.valid_from, c.valid_to, c.member,
         r.name AS member_name, c.certainty, c.status, c.via
  FROM compositions c JOIN records o ON o.id = c.council JOIN records r ON r.id = c.member;
CREATE VIEW unity AS
  SELECT window, window_earliest, window_latest, declarations,
         max(CASE WHEN metric = 'effective_number' THEN low END) AS effective_number_low,
         max(CASE WHEN metric = 'effective_number' THEN high END) AS effective_number_high,
         max(CASE WHEN metric = 'fragmentation' THEN low END) AS fragmentation_low,
         max(CASE WHEN metric = 'fragmentation' THEN high END) AS fragmentation_high,
         max(CASE WHEN metric = 'mean_jaccard' THEN low END) AS cohesion_low,
         max(CASE WHEN metric = 'mean_jaccard' THEN high END) AS cohesion_high,
         max(CASE WHEN metric = 'coverage' THEN low END) AS coverage_low,
         max(CASE WHEN metric = 'coverage' THEN high END) AS coverage_high,
         max(claims) AS claims, min(exact) AS exact, max(partial) AS partial, max(left_out) AS left_out
  FROM metric_series WHERE metric IN ('effective_number', 'fragmentation', 'mean_jaccard', 'coverage')
  GROUP BY window, window_earliest, window_latest, declarations ORDER BY window_earliest;
"""

#: The metrics of :class:`~coalitions.analysis.MetricPoint` stored in ``metric_series``.
METRICS = ("coverage", "fragmentation", "effective_number", "mean_jaccard", "density", "components", "organisations",
           "institutionalisation", "concentration")  # fmt: skip
