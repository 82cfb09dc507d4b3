"""Personal columns and publication suppression: one filter each."""

from __future__ import annotations

import pandas as pd
import pytest

import geoinnenstadt as gi
from geoinnenstadt import privacy


def test_personal_columns_come_from_the_schema():
    assert set(privacy.personal_columns("units")) == {"owner_name", "owner_contact"}
    assert set(privacy.personal_columns()) >= {"owner_name", "owner_contact"}


def test_drop_personal():
    units = gi.load_sample("dortmund").units
    assert {"owner_name", "owner_contact"} <= set(units.columns)
    out = privacy.drop_personal(units)
    assert not {"owner_name", "owner_contact"} & set(out.columns)
    assert len(out) == len(units)
    assert out.attrs["personal_dropped"] == ["owner_name", "owner_contact"]
    assert {"owner_name"} <= set(units.columns)  # the input is untouched
    assert privacy.drop_personal(units, personal=True) is units


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # one small quarter: total minus shown would reveal it -> a second quarter is suppressed
        ({"A": 1, "B": 10, "C": 4}, {"A": "primary", "B": "", "C": "secondary"}),
        # the fixture: a 1-unit and a 2-unit quarter
        (
            {"A": 1, "B": 2, "C": 40, "D": 12},
            {"A": "primary", "B": "primary", "C": "", "D": "secondary"},
        ),
        # nothing small: nothing suppressed
        ({"A": 3, "B": 9}, {"A": "", "B": ""}),
        # everything small: all primary, no regular quarter to add
        ({"A": 1, "B": 2}, {"A": "primary", "B": "primary"}),
        # ties: the first of the smallest regular quarters
        ({"A": 0, "B": 5, "C": 5}, {"A": "primary", "B": "secondary", "C": ""}),
    ],
)
def test_secondary_suppression(counts, expected):
    s = pd.Series(counts)
    assert privacy.suppression(s, min_count=3).to_dict() == expected


def test_residual_never_isolates_a_small_quarter():
    # invariant on generated data: the suppressed set is empty, or contains a regular quarter,
    # or is everything (then nothing is shown and no residual exists)
    for seed in range(30):
        counts = pd.Series(
            pd.Series(range(12)).sample(n=8, replace=True, random_state=seed).to_numpy(),
            index=[f"Q{i}" for i in range(8)],
        )
        s = privacy.suppression(counts, min_count=3)
        hidden = counts[s != ""]
        assert (counts[s == "primary"] < 3).all()
        assert (counts[s != "primary"] >= 3).all()
        if len(hidden) and len(hidden) < len(counts):
            assert (hidden >= 3).any()


def test_default_threshold_from_settings(monkeypatch):
    monkeypatch.setattr(gi.settings, "public_min_count", 5)
    assert list(privacy.suppressed(pd.Series({"A": 4, "B": 6, "C": 9}))) == ["A", "B"]
