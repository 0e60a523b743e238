"""A corpus of another field (``tests/data/european-alliance``, fictional) gets the truthful answers.

The corpus is a European parliamentary alliance, the Alliance of the Four Seas (AFS, 2019-07-02), renamed the Four
Seas Group (FSG) on 2022-03-15; the Coastal Regions Group (CRG), 2019-07-02 until its dissolution on 2020-05-31;
seven parties (RCP, SGU, BLP, FSD, ERM, FFP, and SGL, split from SGU on 2021-09-04); a trade union (HWF, kind
``trade-union``, out of the default scope but brought in by an entry from 2020-02-01) and an NGO (FOW, kind ``ngo``,
out of it). Its README lists what each record is for. Every figure below is worked out by hand in the docstring of
its test, from the records.

Memberships of the parties (``end`` is the day the membership ended, on which it no longer holds)::

    AFS  RCP, SGU, FSD  2019-07-02 .. 2022-03-15     CRG  ERM  2019-07-02 .. (no end: the group's dissolution)
         BLP            2019-07-02 .. 2021-05-10          FFP  2019-07-02 .. 2020-05-31
         ERM            2020-06-01 .. 2022-03-15     FSG  RCP, SGU, FSD, ERM, SGL  2022-03-15 ..
         SGL            2021-10-04 .. 2022-03-15          FFP                      2023-01-16 ..

The co-chairs of AFS and FSG are Maren Holt and Ona Lisk (people: never counted as member organisations).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import coalitions
from coalitions import Corpus, ListStatus

FIELD = Path(__file__).parent / "data" / "european-alliance"
EXPULSION = "statement-on-the-expulsion-of-the-bordurian-liberal-party"


@pytest.fixture(scope="module")
def field() -> Corpus:
    """The corpus of another field, loaded as a user would."""
    return coalitions.load(FIELD)


def edited(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the corpus in ``tmp_path`` with ``old`` replaced by ``new`` (once, and it must be there) in
    ``file``."""
    copy = tmp_path / "european-alliance"
    shutil.copytree(FIELD, copy)
    path = copy / file
    text = path.read_text(encoding="utf-8")
    assert 1 == text.count(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def warnings_of(corpus: Corpus) -> list[tuple[str, str, str]]:
    """``(file in the corpus, field, message)`` of each warning of ``corpus``."""
    return [("/".join(Path(w.file).parts[-2:]), w.field, w.message) for w in corpus.warnings]


class TestLoad:
    """load: the corpus's own vocabulary is read as it is written."""

    def test_own_words_read_as_words(self, field: Corpus) -> None:
        """The corpus's own kinds and roles read back as their words, with ``value`` as the built-in words have
        (code that writes ``kind.value`` reads a corpus's own word too: it raised AttributeError)."""
        hwf = field.organisation("HWF")
        conference = field.declaration("four-seas-energy-conference")
        expected = [("trade-union", "trade-union"), ("manifesto", "manifesto"), ("observer", "observer"),
                    ("party", "party")]  # fmt: skip
        actual = [(hwf.kind.value, str(hwf.kind)), (field.declaration("four-seas-manifesto").kind.value,
                  str(field.declaration("four-seas-manifesto").kind)), (conference.signatures[1].role.value,
                  str(conference.signatures[1].role)), (field.organisation("RCP").kind.value,
                  str(field.organisation("RCP").kind))]  # fmt: skip
        assert expected == actual

    def test_own_words_stay_in_their_corpus(self, field: Corpus, tmp_path: Path) -> None:
        """A corpus read after this one, without its corpus.yaml, does not know its words: HWF's kind
        ``trade-union`` is refused there (the reader lists a vocabulary's words once, for that vocabulary only),
        and this corpus still reads it (loaded again without the cache)."""
        copy = tmp_path / "european-alliance"
        shutil.copytree(FIELD, copy)
        (copy / "corpus.yaml").unlink()
        with pytest.raises(coalitions.InvalidCorpus) as raised:
            coalitions.load(copy, cache=False)
        assert any(p.message.startswith("'trade-union' is not a known organisation kind")
                   and p.field == "kind" for p in raised.value.problems)  # fmt: skip
        assert "trade-union" == str(coalitions.load(FIELD, cache=False).organisation("HWF").kind)

    def test_one_intended_warning(self, field: Corpus) -> None:
        """The corpus loads with one warning, the one it means: ERM's membership of CRG has no end and CRG was
        dissolved on 2020-05-31."""
        expected = [("memberships/coastal-regions-group.yaml", "members[0].end", "no end, and coastal-regions-group "
                     "was dissolved (2020-05-31): the membership is read as ending then")]  # fmt: skip
        assert expected == warnings_of(field)

    def test_an_end_at_the_dissolution_is_no_warning(self, tmp_path: Path) -> None:
        """Given the end the dissolution implies (2020-05-31), ERM's membership of CRG warns no more."""
        copy = edited(tmp_path, "memberships/coastal-regions-group.yaml", "  - member: elbonian-reform-movement\n"
                      "    start: 2019-07-02\n", "  - member: elbonian-reform-movement\n    start: 2019-07-02\n"
                      "    end: 2020-05-31\n")  # fmt: skip
        assert [] == warnings_of(coalitions.load(copy))

    def test_an_end_after_the_dissolution(self, tmp_path: Path) -> None:
        """An end after the dissolution (2021-01-01) warns too, once (it warned twice, in two wordings)."""
        copy = edited(tmp_path, "memberships/coastal-regions-group.yaml", "  - member: elbonian-reform-movement\n"
                      "    start: 2019-07-02\n", "  - member: elbonian-reform-movement\n    start: 2019-07-02\n"
                      "    end: 2021-01-01\n")  # fmt: skip
        expected = [("memberships/coastal-regions-group.yaml", "members[0].end", "membership end 2021-01-01 is "
                     "after coastal-regions-group was dissolved (2020-05-31)")]  # fmt: skip
        assert expected == warnings_of(coalitions.load(copy))

    def test_an_end_after_a_rename(self, tmp_path: Path) -> None:
        """An end after the rename (RCP's membership of AFS ending 2023-01-01) warns that AFS was renamed FSG on
        2022-03-15."""
        copy = edited(tmp_path, "memberships/alliance-of-the-four-seas.yaml", "  - member: ruritanian-civic-party\n"
                      "    start: 2019-07-02\n    end: 2022-03-15\n", "  - member: ruritanian-civic-party\n"
                      "    start: 2019-07-02\n    end: 2023-01-01\n")  # fmt: skip
        expected = [("memberships/alliance-of-the-four-seas.yaml", "members[0].end", "end 2023-01-01 is after "
                     "alliance-of-the-four-seas was renamed four-seas-group on 2022-03-15: the membership is read as "
                     "ending then")]  # fmt: skip
        assert expected == [w for w in warnings_of(coalitions.load(copy)) if "coastal" not in w[0]]

    def test_a_membership_outliving_a_rename(self, tmp_path: Path) -> None:
        """Without its end (the rename, 2022-03-15), RCP's membership of AFS warns that AFS was renamed FSG that
        day, besides the intended warning; the analysis ends it there (AFS has no member on 2023-01-01)."""
        copy = edited(tmp_path, "memberships/alliance-of-the-four-seas.yaml", "  - member: ruritanian-civic-party\n"
                      "    start: 2019-07-02\n    end: 2022-03-15\n", "  - member: ruritanian-civic-party\n"
                      "    start: 2019-07-02\n")  # fmt: skip
        corpus = coalitions.load(copy)
        expected = ([("memberships/alliance-of-the-four-seas.yaml", "members[0].end", "no end, and "
                      "alliance-of-the-four-seas was renamed four-seas-group on 2022-03-15: the membership is read "
                      "as ending then")], (), 1)  # fmt: skip
        actual = ([w for w in warnings_of(corpus) if "coastal" not in w[0]],
                  coalitions.members_at(corpus, "AFS", "2023-01-01"), len(corpus.warnings) - 1)  # fmt: skip
        assert expected == actual


class TestCoverage:
    """coverage: the share of the organisations in scope, active and not councils on the date, counted."""

    def test_manifesto_counts_the_represented_parties(self, field: Corpus) -> None:
        """The manifesto's five signatures are leaders signing ``on_behalf_of`` four parties (RCP, SGU twice, BLP,
        FSD): it counts those four. On 2019-07-02 the units are the six parties that exist then (RCP, SGU, BLP,
        FSD, ERM, FFP; SGL is founded in 2021): AFS and CRG have member parties that day (councils), FSG is AFS's
        name only from the rename of 2022-03-15, HWF is in the scope only from 2020-02-01 and FOW never. 4/6."""
        r = coalitions.coverage(field, "four-seas-manifesto")
        assert (4 / 6, 4 / 6, True, False) == (r.low, r.high, r.exact, r.partial)

    def test_the_old_name_is_no_unit_after_the_rename(self, field: Corpus) -> None:
        """The 2023 summit counts RCP, SGU, FSD, SGL and FFP (leaders attending for them; FSG only organised it).
        On 2023-06-10 the units are the seven parties and HWF: 5/8. AFS, renamed FSG on 2022-03-15 and without
        members since, is no unit of its own (with it, 5/9); FSG has members (a council)."""
        r = coalitions.coverage(field, "leaders-summit-2023")
        assert (5 / 8, 5 / 8, True) == (r.low, r.high, r.exact)

    def test_the_new_name_is_no_unit_before_the_rename(self, field: Corpus) -> None:
        """The expulsion statement of 2021-05-10 is signed by AFS's two co-chairs for AFS: with AFS expanded to its
        members that day, RCP, SGU, FSD and ERM (BLP's membership ends that day). The units are RCP, SGU, BLP,
        FSD, ERM, FFP and HWF (in the scope since 2020-02-01): 4/7. FSG, the name AFS takes only on 2022-03-15, is
        no unit then (with it, 4/8)."""
        r = coalitions.coverage(field, "statement-on-the-expulsion-of-the-bordurian-liberal-party")
        assert (4 / 7, 4 / 7, True) == (r.low, r.high, r.exact)


class TestCompare:
    """compare: two declarations, two councils, or a declaration and a council, at the organisations' level."""

    def test_people_only_letters_are_not_identical(self, field: Corpus) -> None:
        """Both open letters list every signatory (``listed: complete``) and none is an organisation: two empty
        sets, which share nothing known. Jaccard and the overlap coefficient are undefined (NaN, shown ``n/a``), not
        1; shared 0."""
        o = coalitions.compare(field, "open-letter-on-coastal-fisheries", "open-letter-on-seasonal-workers")
        expected = ("nan", "nan", "nan", "n/a", "n/a", 0, "0", (ListStatus.COMPLETE, ListStatus.COMPLETE))
        actual = (repr(o.jaccard), repr(o.jaccard_range.low), repr(o.jaccard_range.high), str(o.jaccard_range),
                  str(o.coefficient_range), len(o.shared), str(o.shared_range), o.statuses)  # fmt: skip
        assert expected == actual

    def test_a_council_compares_by_its_member_organisations(self, field: Corpus) -> None:
        """The expulsion statement, AFS expanded on 2021-05-10, is RCP, SGU, FSD and ERM; AFS's members that day
        are those four parties and its two co-chairs, who are people: the same four organisations, Jaccard 1
        (with the co-chairs counted, 4/6)."""
        o = coalitions.compare(field, "statement-on-the-expulsion-of-the-bordurian-liberal-party", "AFS",
                               at_b="2021-05-10", expand=True)  # fmt: skip
        expected = (["elbonian-reform-movement", "freedonian-social-democrats", "ruritanian-civic-party",
                     "syldavian-green-union"], [], [], 1.0)  # fmt: skip
        assert expected == (sorted(o.shared), sorted(o.only_a), sorted(o.only_b), o.jaccard)

    def test_a_group_and_its_successor(self, field: Corpus) -> None:
        """AFS on 2021-01-01 (RCP, SGU, BLP, FSD, ERM) and FSG on 2023-01-01 (RCP, SGU, FSD, ERM, SGL; FFP joins
        on 2023-01-16): four shared, BLP only in AFS, SGL only in FSG, Jaccard 4/6."""
        o = coalitions.compare(field, "Alliance of the Four Seas", "FSG", at_a="2021-01-01", at_b="2023-01-01")
        expected = (4, ["bordurian-liberal-party"], ["syldavian-green-left"], 4 / 6)
        assert expected == (len(o.shared), sorted(o.only_a), sorted(o.only_b), o.jaccard)


class TestTimeline:
    """timeline: what a record did, in date order, with the dated relations and who represented whom."""

    def test_the_rename_is_a_dated_relation(self, field: Corpus) -> None:
        """FSG's relation ``renamed-from`` AFS, dated 2022-03-15, is an event on that day of FSG's timeline and of
        AFS's; neither has a dissolution."""
        def renames(key: str) -> list[tuple[str, str, str, str | None]]:
            return [(e.date_text, e.kind, e.subject, e.object) for e in coalitions.timeline(field, key)
                    if e.kind in ("renamed from", "dissolved")]  # fmt: skip

        expected = [("2022-03-15", "renamed from", "four-seas-group", "alliance-of-the-four-seas")]
        assert (expected, expected) == (renames("FSG"), renames("alliance-of-the-four-seas"))

    def test_the_split_is_a_dated_relation(self, field: Corpus) -> None:
        """SGL is founded on 2021-09-04, splits from SGU that day, joins AFS on 2021-10-04 and FSG at the rename;
        its leader's membership (role leader) starts on its founding day."""
        expected = [("2021-09-04", "admitted", "aleksander-brenn"), ("2021-09-04", "founded", None),
                    ("2021-09-04", "split from", "syldavian-green-union"),
                    ("2021-10-04", "joined", "alliance-of-the-four-seas")]  # fmt: skip
        actual = [(e.date_text, e.kind, e.object) for e in coalitions.timeline(field, "Syldavian Green Left")][:4]
        assert expected == actual

    def test_a_party_signs_through_its_leaders(self, field: Corpus) -> None:
        """SGU signed the manifesto through its two co-leaders (``on_behalf_of``): one event of SGU's, naming both;
        it signed the quota statement itself, and took part in the 2021 summit through Ilse Varo."""
        expected = [
            ("2019-07-02", "signed", "Syldavian Green Union signed (represented by Ilse Varo, Petr Kain): The Four "
                                     "Seas Manifesto"),
            ("2020-10-06", "signed", "Syldavian Green Union signed: Joint statement on the fisheries quota"),
            ("2021-06-20", "participated", "Syldavian Green Union participated (represented by Ilse Varo): "
                                           "Leaders' summit 2021"),
        ]  # fmt: skip
        actual = [(e.date_text, e.kind, e.label) for e in coalitions.timeline(field, "SGU")
                  if e.object in ("four-seas-manifesto", "joint-statement-on-the-fisheries-quota",
                                  "leaders-summit-2021")]  # fmt: skip
        assert expected == actual

    def test_a_representative_names_whom(self, field: Corpus) -> None:
        """Maren Holt represented RCP at the manifesto, signed the fisheries letter in her own name and the
        expulsion statement for AFS, as its co-chair; AFS's timeline has the statement, signed for it by both
        co-chairs."""
        expected = [
            "Maren Holt represented Ruritanian Civic Party: The Four Seas Manifesto",
            "Maren Holt signed: Open letter on the coastal fisheries",
            "Maren Holt signed for Alliance of the Four Seas: Statement on the expulsion of the Bordurian Liberal "
            "Party",
            "Alliance of the Four Seas signed (represented by Maren Holt, Ona Lisk): Statement on the expulsion of "
            "the Bordurian Liberal Party",
        ]
        asked = {"four-seas-manifesto", "open-letter-on-coastal-fisheries", EXPULSION}
        mine = [e.label for e in coalitions.timeline(field, "maren-holt") if e.object in asked]
        group = [e.label for e in coalitions.timeline(field, "AFS") if e.object == EXPULSION]
        assert expected == mine + group


class TestCompositionChanges:
    """composition_changes: a group's composition over time, its renames and splits among its changes."""

    def test_the_rename_is_a_change_of_both_names(self, field: Corpus) -> None:
        """On 2022-03-15 AFS is renamed FSG: AFS's changes that day are its five parties leaving and ``renamed-to``
        FSG; FSG's are ``renamed-from`` AFS and the same five joining (the old name's members); FFP joins FSG on
        2023-01-16."""
        def changes(key: str, start: str) -> list[tuple[str, str, str]]:
            return [(c.date_text, c.member, c.kind) for c in coalitions.composition_changes(field, key, start)]

        five = ["elbonian-reform-movement", "freedonian-social-democrats", "ruritanian-civic-party",
                "syldavian-green-left", "syldavian-green-union"]  # fmt: skip
        old = sorted([("2022-03-15", m, "left") for m in five] + [("2022-03-15", "four-seas-group", "renamed-to")])
        new = [("2022-03-15", "alliance-of-the-four-seas", "renamed-from")] + [("2022-03-15", m, "joined")
                                                                                  for m in five]  # fmt: skip
        expected = (old, new + [("2023-01-16", "fenwick-farmers-party", "joined")])
        assert expected == (sorted(changes("AFS", "2022")), changes("Four Seas Group", "2019"))

    def test_the_expulsion_and_the_split(self, field: Corpus) -> None:
        """In 2021, AFS loses BLP on the day of the expulsion statement (2021-05-10) and gains SGL on 2021-10-04;
        with its members expanded, the split of SGL from SGU on 2021-09-04 (a relation between two of its
        members, once, through AFS) is among them. SGU's own changes are the split alone (its leaders are no
        part)."""
        expected = (
            [("2021-05-10", "bordurian-liberal-party", "left", ()),
             ("2021-09-04", "syldavian-green-union", "split-from", ("alliance-of-the-four-seas",)),
             ("2021-10-04", "syldavian-green-left", "joined", ())],
            [("2021-09-04", "syldavian-green-left", "split-off", "syldavian-green-union")],
        )  # fmt: skip
        expanded = [(c.date_text, c.member, c.kind, c.via)
                    for c in coalitions.composition_changes(field, "AFS", "2021", "2021", expand=True)]  # fmt: skip
        own = [(c.date_text, c.member, c.kind, c.council) for c in coalitions.composition_changes(field, "SGU")]
        assert expected == (expanded, own)


class TestScope:
    """scope: the organisations a corpus's scope counts, on a date or at any time."""

    GROUPS = ["alliance-of-the-four-seas", "coastal-regions-group"]
    PARTIES_2019 = ["bordurian-liberal-party", "elbonian-reform-movement", "fenwick-farmers-party",
                    "freedonian-social-democrats", "ruritanian-civic-party", "syldavian-green-union"]  # fmt: skip

    def test_default_scope_at_any_time(self, field: Corpus) -> None:
        """The default scope (``four-seas-movement``) has every organisation of a kind it includes (parties,
        parliamentary groups) and HWF, a trade union its entry brings in from 2020-02-01: 11 of the 12. FOW, an
        NGO, is out: its kind is out of the default scope and no entry brings it in."""
        expected = sorted({o.id for o in field.organisations} - {"foundation-for-open-waters"})
        assert (11, expected) == (len(expected), sorted(coalitions.scope(field)))

    def test_on_dates(self, field: Corpus) -> None:
        """On 2019-07-02: AFS and CRG (founded that day) and the six parties then (SGL is founded on 2021-09-04;
        FSG is AFS's name from 2022-03-15; HWF's entry starts on 2020-02-01). On 2020-03-10, HWF too. On
        2021-05-10 CRG is gone (dissolved 2020-05-31). On 2023-01-01, FSG and SGL, and no AFS."""
        expected = [
            sorted(self.GROUPS + self.PARTIES_2019),
            sorted(self.GROUPS + self.PARTIES_2019 + ["harbour-workers-federation"]),
            sorted(["alliance-of-the-four-seas", "harbour-workers-federation"] + self.PARTIES_2019),
            sorted(["four-seas-group", "harbour-workers-federation", "syldavian-green-left"] + self.PARTIES_2019),
        ]
        actual = [sorted(coalitions.scope(field, at=at)) for at in ("2019-07-02", "2020-03-10", "2021-05-10",
                                                                   "2023-01-01")]  # fmt: skip
        assert expected == actual

    def test_other_scopes(self, field: Corpus) -> None:
        """``parties-only`` (kinds: party) has the seven parties, six of them on 2019-07-02; ``all`` has every
        organisation that exists on 2019-07-02, FOW and HWF too: 10."""
        expected = (7, self.PARTIES_2019, sorted(self.GROUPS + self.PARTIES_2019 + ["foundation-for-open-waters",
                                                                                   "harbour-workers-federation"]))
        actual = (len(coalitions.scope(field, name="parties-only")),
                  sorted(coalitions.scope(field, at="2019-07-02", name="parties-only")),
                  sorted(coalitions.scope(field, at="2019-07-02", name="all")))  # fmt: skip
        assert expected == actual

    def test_unknown_scope(self, field: Corpus) -> None:
        """A scope the corpus does not define is NotFound, suggesting the corpus's scopes and ``all``."""
        with pytest.raises(coalitions.NotFound) as raised:
            coalitions.scope(field, name="four-seas")
        assert ("four-seas-movement", "parties-only", "all") == raised.value.suggestions
