"""Every Hypothesis strategy of the test suite: small composable builders, extended with each feature.

Engineers: append new strategies to this module (never a second strategies module).
"""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from coalitions import Citation, Name, Organisation, OrganisationKind, PartialDate, When

# -- dates -------------------------------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1990, max_year: int = 2030) -> PartialDate:
    """A date known to the year, the month or the day."""
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@st.composite
def whens(draw: st.DrawFn, ranges: bool = True) -> When:
    """A single date at any precision, or (with ``ranges``) a range whose end is not before its start."""
    start = draw(partial_dates())
    if not ranges or draw(st.booleans()):
        return When(start, start)
    end = draw(partial_dates(min_year=start.year))
    if end.latest < start.earliest:
        end = start
    return When(start, end)


# -- names and organisations ---------------------------------------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
words = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)


@st.composite
def organisations_with_names(draw: st.DrawFn, max_size: int = 6) -> list[Organisation]:
    """Organisations with distinct ids and names, abbreviations and aliases that no two of them share."""
    from coalitions import normalise_name

    org_ids = draw(st.lists(ids, min_size=1, max_size=max_size, unique=True))
    taken = {normalise_name(i) for i in org_ids}
    organisations = []
    for org_id in org_ids:
        own = []
        for name in draw(st.lists(names, min_size=1, max_size=4)):
            key = normalise_name(name)
            if key and key not in taken:
                taken.add(key)
                own.append(name)
        if not own:
            own = [f"Organisation {org_id}"]
            taken.add(normalise_name(own[0]))
        organisations.append(
            Organisation(org_id, own[0], draw(st.sampled_from(list(OrganisationKind))), (Citation("doc"),),
                         aliases=tuple(Name(n) for n in own[1:]))  # fmt: skip
        )
    return organisations
