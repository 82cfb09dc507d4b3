"""Class breaks shared by maps and print maps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geoinnenstadt import classify, labels


def test_fixed_breaks_are_right_closed():
    values = pd.Series([0.0, 0.05, 0.0500001, 0.10, 0.15, 0.2, 0.2000001, 1.0, np.nan])
    c = classify.classify(values)
    assert c.codes.tolist() == [0, 0, 1, 1, 2, 3, 4, 4, -1]
    assert c.counts() == [2, 2, 1, 1, 2]
    assert c.labels("de") == ["0 – 5 %", "> 5 – 10 %", "> 10 – 15 %", "> 15 – 20 %", "> 20 %"]
    assert c.labels("en") == ["0 – 5 %", "> 5 – 10 %", "> 10 – 15 %", "> 15 – 20 %", "> 20 %"]


def test_own_bins_and_decimals():
    c = classify.classify([0.01, 0.3], bins=[0.025, 0.125])
    assert c.codes.tolist() == [0, 2]
    assert c.labels("de") == ["0,0 – 2,5 %", "> 2,5 – 12,5 %", "> 12,5 %"]
    assert c.labels("en") == ["0.0 – 2.5 %", "> 2.5 – 12.5 %", "> 12.5 %"]


@pytest.mark.parametrize("bins", [[0.0, 0.1], [0.1, 1.0], []])
def test_bad_bins(bins):
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        classify.classify([0.1], bins=bins)


def test_unknown_scheme():
    with pytest.raises(ValueError, match="unknown scheme 'jenks'"):
        classify.classify([0.1], scheme="jenks")


def test_quantiles_and_natural_breaks_are_deterministic():
    y = np.linspace(0, 0.4, 41)
    q = classify.classify(y, scheme="quantiles", k=4)
    assert q.counts() == [11, 10, 10, 10]
    a = classify.classify(y, scheme="natural_breaks", k=4)
    b = classify.classify(y, scheme="fisher_jenks", k=4)
    assert a.codes.tolist() == b.codes.tolist()
    assert a.k == 4
    assert sorted(set(a.codes.tolist())) == [0, 1, 2, 3]


def test_degenerate_inputs():
    one = classify.classify([0.1, 0.1, None], scheme="quantiles")
    assert one.codes.tolist() == [0, 0, -1]
    assert one.labels("de") == ["10 %"]
    none = classify.classify([None, None], scheme="quantiles")
    assert none.codes.tolist() == [-1, -1]


def test_colours_one_per_class():
    assert classify.class_colors(0) == []
    c = classify.classify([0.1])
    assert len(c.colors()) == c.k == 5
    assert len(set(c.colors())) == 5


def test_labels_module_is_the_text_home():
    # classify delegates legend texts to labels (one home per text)
    assert labels.class_labels(0.0, [0.05, 1.0], open_top=True, lang="de") == ["0 – 5 %", "> 5 %"]
