"""One representation for dates the articles give loosely: EDTF (ISO 8601-2, level 1).

'199X' is a year of the 1990s (the article writes 'những năm 90'), '1998~' about 1998,
'..' an open end.  A fact's period may use them; a fact's date value stays as precise as
the article writes it, its looseness carried by the qualifier ('about')."""

from __future__ import annotations

import pytest

import comparative as c
from comparative.locale import i18n
from comparative.store.facts import is_fuzzy, parse_date, parse_period


@pytest.mark.parametrize("text", ["199X/..", "1998~", "199X", "1998~/2003", "2019/..", "2025-08-01/2025-08-23"])
def test_edtf_forms_parse_as_periods(text):
    assert parse_period(text) == text


@pytest.mark.parametrize("text", ["19XX", "199X-05", "1998?", "~1998", "199x", "2003/199X"])
def test_other_forms_are_refused(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_a_date_value_is_never_fuzzy():
    with pytest.raises(ValueError):
        parse_date("199X")
    assert is_fuzzy("199X") and is_fuzzy("1998~") and not is_fuzzy("1998")


@pytest.mark.parametrize("text, en, vi", [
    ("199X/..", "the 1990s onwards", "từ những năm 1990"),
    ("1998~", "about 1998", "khoảng năm 1998"),
    ("199X", "the 1990s", "những năm 1990"),
])
def test_fuzzy_periods_are_written_in_words(text, en, vi):
    assert i18n.period(text, "en") == en
    assert i18n.period(text, "vi") == vi


def test_the_late_1990s_are_an_open_start_in_the_decade_not_a_closed_1990_1999():
    f = c.fact("huzhou-rural-eligibility-late-1990s")
    assert f.period == "199X/.." and f.value == 90 and f.unit == "decade"
    assert i18n.during(f.period, "en") == "since the 1990s"
    g = c.fact("cnlds-growth-evaluation-1990s")
    assert g.period == "199X/.."
