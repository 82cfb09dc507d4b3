"""A self-describing surface: dir() of the lazy packages, deprecation warnings, one date keyword."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
import shapely

import geoinnenstadt as gi
from geoinnenstadt import briefing, dates, kennzeichen, land, maps, schema, settings, vacancy
from geoinnenstadt import city as city_module

CRS = "EPSG:25832"

# --------------------------------------------------------------------------- dir()

LAZY_SUBMODULES = {
    "dates", "crs", "kennzeichen", "classify", "privacy", "labels", "style", "context", "io",
    "datasets", "city", "zones", "vacancy", "hotspots", "land", "preemption", "conflicts",
    "uses", "footfall", "profiles", "matching", "maps", "plots", "assets", "briefing", "cli", "scale",
}  # fmt: skip


def test_dir_of_the_package_lists_all_and_the_lazy_submodules() -> None:
    assert set(dir(gi)) == set(gi.__all__) | LAZY_SUBMODULES
    assert dir(gi) == sorted(dir(gi))
    for name in dir(gi):
        assert getattr(gi, name) is not None, name


PACKAGES = [maps, vacancy, briefing, city_module, schema, land, gi.preemption, gi.plots,
            gi.labels, gi.io, gi.sources]  # fmt: skip


@pytest.mark.parametrize("module", PACKAGES, ids=lambda m: m.__name__)
def test_dir_of_every_package_is_its_all(module) -> None:
    assert dir(module) == sorted(module.__all__)
    for name in module.__all__:
        assert hasattr(module, name), name


# names a notebook's <TAB> must not offer: the future import, typing names, imported helpers
NOT_PUBLIC = {"annotations", "Any", "Literal", "Iterable", "Mapping", "DateLike", "Rounds",
              "By", "Dtype", "np", "pd", "gpd", "re", "shapely", "warnings", "difflib", "result",
              "pyogrio"}  # fmt: skip


@pytest.mark.parametrize("module", [gi, *PACKAGES], ids=lambda m: m.__name__)
def test_dir_shows_no_typing_or_helper_names(module) -> None:
    assert NOT_PUBLIC & set(dir(module)) == set()


def test_dir_of_vacancy_and_land_exactly() -> None:
    assert dir(vacancy) == [
        "DURATION_CLASSES", "FLOW_CATEGORIES", "SplitRoundWarning", "TOTAL_ID", "TOTAL_NAME",
        "VacancyPanel", "durations", "flow_units", "flows", "hotspots", "panel", "rates",
        "state_at", "survey_rounds", "trend", "unit_classes",
    ]  # fmt: skip
    assert dir(land) == [
        "BY_OPTIONS", "LandPanel", "MIN_SHARE", "SIZE_CLASSES", "core_zone_candidates",
        "core_zone_share", "demand", "large_sites", "panel", "pipeline", "reserves", "site_areas",
        "size_class", "status_at", "supply_timeline", "take_up", "take_up_by_year",
        "years_of_supply",
    ]  # fmt: skip


def _tab(text: str) -> list[str]:
    """What IPython offers for ``text<TAB>`` in a notebook (its attribute completer)."""
    from IPython.core.completer import IPCompleter, provisionalcompleter

    completer = IPCompleter(namespace={"gi": gi}, global_namespace={}, use_jedi=False)
    with provisionalcompleter():
        return sorted(c.text.lstrip(".") for c in completer.completions(text, len(text)))


def test_tab_completion_in_a_notebook() -> None:
    assert _tab("gi.an") == []  # no "annotations"
    assert _tab("gi.ma") == ["maps", "matching"]  # the lazy submodules, not yet imported
    assert _tab("gi.la") == ["labels", "land"]
    assert _tab("gi.vacancy.") == dir(vacancy)
    assert "annotations" not in _tab("gi.land.")


def test_lazily_provided_names_are_listed() -> None:
    assert "Map" in dir(gi.maps)  # from maps.display on first use
    assert "hotspots" in dir(gi.vacancy)  # from geoinnenstadt.hotspots on first use
    assert "PUBLIC_MIN_COUNT" not in dir(gi.briefing)  # deprecated
    assert "load_sample" not in dir(city_module)  # deprecated


def test_dir_imports_no_heavy_module() -> None:
    code = (
        "import sys, json, geoinnenstadt as gi; names = dir(gi); "
        "print(json.dumps([m for m in ('folium', 'matplotlib', 'geoinnenstadt.maps', "
        "'geoinnenstadt.plots') if m in sys.modules] + [len(names)]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == [len(set(gi.__all__) | LAZY_SUBMODULES)]


# --------------------------------------------------------------------------- compatibility aliases


def test_schema_is_valid_kennzeichen_warns_and_works() -> None:
    with pytest.warns(DeprecationWarning, match=r"geoinnenstadt\.kennzeichen\.is_valid") as rec:
        assert schema.is_valid_kennzeichen("051234017001230004__") is True
    assert len(rec) == 1
    with pytest.warns(DeprecationWarning, match="is_valid_kennzeichen"):
        assert schema.is_valid_kennzeichen("171234017001230004__") is False  # no Land 17


def test_schema_kennzeichen_re_warns_and_works() -> None:
    with pytest.warns(DeprecationWarning, match=r"kennzeichen\.KENNZEICHEN_RE") as rec:
        pattern = schema.KENNZEICHEN_RE
    assert len(rec) == 1
    assert pattern is kennzeichen.KENNZEICHEN_RE


@pytest.mark.parametrize("name", ["list_samples", "load_sample", "sample_path"])
def test_city_sample_names_warn_and_work(name: str) -> None:
    with pytest.warns(DeprecationWarning, match=rf"geoinnenstadt\.datasets\.{name}") as rec:
        value = getattr(city_module, name)
    assert len(rec) == 1
    assert value is getattr(gi.datasets, name)


def test_public_min_count_warns_and_follows_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "public_min_count", 7)
    with pytest.warns(DeprecationWarning, match=r"settings\.public_min_count") as rec:
        assert briefing.PUBLIC_MIN_COUNT == 7
    assert len(rec) == 1


def test_the_deprecation_points_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning, match="is_valid_kennzeichen") as rec:
        schema.is_valid_kennzeichen("051234017001230004__")
    assert rec[0].filename == __file__


# --------------------------------------------------------------------------- at= and as_of=


@pytest.fixture
def sites() -> gpd.GeoDataFrame:
    # two 100 m × 100 m sites (1 ha each): one available, one taken up on 01.02.2023
    squares = [shapely.box(0, 0, 100, 100), shapely.box(200, 0, 300, 100)]
    return gpd.GeoDataFrame(
        {
            "site_id": ["S1", "S2"],
            "status": ["available", "taken_up"],
            "restriction": ["none", "none"],
            "taken_up_on": pd.to_datetime([None, "2023-02-01"]),
        },
        geometry=squares,
        crs=CRS,
    )


@pytest.mark.parametrize("function", [land.take_up, land.take_up_by_year, land.years_of_supply])
def test_as_of_warns_naming_at_and_gives_the_same_result(function, sites) -> None:
    expected = function(sites, at="30.06.2024")
    with pytest.warns(DeprecationWarning, match=r"as_of=.*use at=") as rec:
        result = function(sites, as_of="30.06.2024")
    assert len(rec) == 1
    assert rec[0].filename == __file__  # the warning points at the caller
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(result, expected)
    else:
        pd.testing.assert_frame_equal(result, expected)
    assert result.attrs["reference_date"] == pd.Timestamp(2024, 6, 30)


def test_take_up_at_values(sites) -> None:
    # 1 ha in 2023; 2024 partial on 30.06.2024; the window of years_of_supply is 2019–2023
    t = land.take_up(sites, at="30.06.2024")
    assert t.to_dict() == {2023: 1.0}  # take_up ends where the window ends
    assert t.attrs["partial_year"] is None
    assert land.take_up_by_year(sites, at="30.06.2024")["take_up_ha"].to_dict() == {
        2023: 1.0,
        2024: 0.0,
    }
    y = land.years_of_supply(sites, at="30.06.2024")
    assert (y.loc["observed", "window_start"], y.loc["observed", "window_end"]) == (2019, 2023)
    assert y.loc["observed", "demand_ha_per_year"] == pytest.approx(1 / 5)
    assert y.attrs["reference"] == "at"


@pytest.mark.parametrize("function", [land.take_up, land.take_up_by_year, land.years_of_supply])
def test_at_and_as_of_together_is_an_error(function, sites) -> None:
    with pytest.raises(TypeError, match="both at= and as_of="):
        function(sites, at="30.06.2024", as_of="30.06.2024")


def test_reference_date_takes_at_and_the_city_meta() -> None:
    city = gi.City(meta={"as_of": "2025-06-30"})
    assert dates.reference_date(city=city) == (pd.Timestamp(2025, 6, 30), "city.meta['as_of']")
    assert dates.reference_date("01.06.2025", city=city) == (pd.Timestamp(2025, 6, 1), "at")
    with pytest.warns(DeprecationWarning, match="reference_date"):
        assert dates.reference_date(as_of="01.06.2025") == (pd.Timestamp(2025, 6, 1), "at")
    with pytest.raises(TypeError, match="both"):
        dates.reference_date("01.06.2025", as_of="01.06.2025")


def test_deprecated_as_of_needs_an_at_parameter() -> None:
    with pytest.raises(TypeError, match="no parameter at="):

        @dates.deprecated_as_of
        def no_date(x: int) -> int:
            return x


def test_no_public_function_takes_as_of_as_a_parameter() -> None:
    import importlib
    import inspect
    import pkgutil

    found = []
    for info in pkgutil.walk_packages(gi.__path__, "geoinnenstadt."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            public = inspect.isfunction(obj) and not name.startswith("_")
            if public and obj.__module__ == module.__name__:
                parameters = inspect.signature(obj).parameters  # of the undecorated function
                if "as_of" in parameters:
                    found.append(f"{module.__name__}.{name}")
    assert found == []


# --------------------------------------------------------------------------- type hints


def test_datelike_has_one_home() -> None:
    assert vacancy.DateLike is dates.DateLike
    assert "DateLike" in dates.__all__


def test_city_require_names_the_missing_layer() -> None:
    quarters = gpd.GeoDataFrame(
        {"quarter_id": ["Q1"], "name": ["Mitte"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=CRS
    )
    city = gi.City(quarters=quarters, meta={"name": "Teststadt"})
    assert city.require("quarters") is quarters
    with pytest.raises(ValueError, match=r"^Teststadt: the 'sites' layer \(Wirtschaftsflächen\)"):
        city.require("sites")
