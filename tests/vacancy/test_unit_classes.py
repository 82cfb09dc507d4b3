"""The display classes of units (gi.vacancy.unit_classes): one rule for maps and print maps."""

from __future__ import annotations

import pandas as pd

import geoinnenstadt as gi


def _state() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["A", "B", "C", "D", "E"],
            "status": ["vacant", "occupied", "vacant", "vacant", None],
        },
        index=[10, 11, 12, 13, 14],
    )


def test_vacant_units_take_their_duration_class_by_unit_id() -> None:
    # durations in another order and with other row labels: matched by unit_id
    durations = pd.DataFrame(
        {"unit_id": ["C", "A"], "duration_class": ["gt24m", "lt6m"]}, index=[0, 1]
    )
    out = gi.vacancy.unit_classes(_state(), durations)
    assert out.to_dict() == {10: "lt6m", 11: "occupied", 12: "gt24m", 13: "unknown", 14: "occupied"}


def test_without_durations_or_unit_ids_the_index_decides() -> None:
    assert list(gi.vacancy.unit_classes(_state(), None)) == [
        "unknown", "occupied", "unknown", "unknown", "occupied",
    ]  # fmt: skip
    by_index = pd.DataFrame({"duration_class": ["6to12m"]}, index=[13])
    state = _state().drop(columns="unit_id")
    assert gi.vacancy.unit_classes(state, by_index)[13] == "6to12m"
    # an occupied unit never takes a duration class
    assert (
        gi.vacancy.unit_classes(state, pd.DataFrame({"duration_class": ["lt6m"]}, index=[11]))[11]
        == "occupied"
    )
