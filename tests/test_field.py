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

from pathlib import Path

import pytest

import coalitions
from coalitions import Corpus

FIELD = Path(__file__).parent / "data" / "european-alliance"


@pytest.fixture(scope="module")
def field() -> Corpus:
    """The corpus of another field, loaded as a user would."""
    return coalitions.load(FIELD)


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

    def test_one_intended_warning(self, field: Corpus) -> None:
        """The corpus loads with one warning, the one it means: ERM's membership of CRG has no end and CRG was
        dissolved on 2020-05-31."""
        expected = [("memberships/coastal-regions-group.yaml", "members[0].end", "outlives-council")]
        actual = [("/".join(Path(w.file).parts[-2:]), w.field, w.code) for w in field.warnings]
        assert expected == actual
