"""The ``geoinnenstadt`` command line.

Subcommands::

    geoinnenstadt validate PATH --kind KIND [--columns SRC=DST ...] [--layer L]
                           [--crs EPSG:...] [--encoding E] [--repair]
    geoinnenstadt sample list
    geoinnenstadt sample export NAME DIR [--format gpkg|geojson|shp|parquet]
    geoinnenstadt map vacancy|land|preemption (--data CITY.GPKG | --sample NAME) --out MAP.HTML
                      [--online] [--png] [--at DATE] [--lang de|en]
                      [--basemap TILES|FILE.mbtiles [--basemap-zoom MIN MAX]
                       [--basemap-attribution TEXT] [--basemap-scheme xyz|tms]]
    geoinnenstadt geocode LIST --reference REF --out OUT [--address COL | --street COL --number COL]
                          [--postcode COL] [--sheet S] [--no-progress]
    geoinnenstadt import osm|alkis|leerstandsmelder SOURCE --out OUT.gpkg [--kind units|parcels]
                         [--survey-date DATE] [--layer L] [--personal]
    geoinnenstadt match --data NAME|CITY.GPKG [--requests GESUCHE.XLSX] --out MATCHES.XLSX
                        [--top N] [--at DATE] [--lang de|en]
    geoinnenstadt expose --data NAME|CITY.GPKG --unit UNIT_ID --out EXPOSE.HTML
                         [--personal] [--at DATE] [--lang de|en]
    geoinnenstadt --version

Every command takes ``--lang de|en`` before its name (``geoinnenstadt --lang en
validate …``): the language of its messages, summaries and errors, else
``gi.settings.language``; ``map``, ``briefing`` and ``match`` also take it after their name.
The words come from :mod:`geoinnenstadt.labels` (``labels/_cli.py``); argparse's own
usage lines and the option help stay English.

Exit codes: 0 success (warnings allowed), 1 the data has errors, 2 usage or
file errors (a message, no traceback).

Adding a subcommand: write ``_register_<name>(subparsers)`` that adds the
subparser and sets ``handler=`` (a function ``(argparse.Namespace) -> int``)
with ``set_defaults``, and add it to :data:`COMMANDS`. Import heavy modules
inside the handler, so ``geoinnenstadt --help`` stays fast.

Examples
--------
>>> from geoinnenstadt.cli import main
>>> main(["sample", "list"])  # doctest: +ELLIPSIS
dorsten ...
0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from . import __version__
from .errors import CRSError, DataFileError, SchemaError
from .labels import LANGUAGES
from .schema import KINDS, LAYERS, ValidationReport

if TYPE_CHECKING:  # pragma: no cover
    from .city import City

__all__ = [
    "COMMANDS",
    "EXPORT_FORMATS",
    "build_parser",
    "excel_sheet_names",
    "export_city",
    "main",
]

EXIT_OK = 0
EXIT_DATA_ERRORS = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]
Subparsers = Any  # argparse._SubParsersAction (private type)

#: File extension per export format of ``geoinnenstadt sample export``.
EXPORT_FORMATS: dict[str, str] = {
    "gpkg": ".gpkg",
    "geojson": ".geojson",
    "shp": ".shp",
    "parquet": ".parquet",
}


class UsageError(Exception):
    """Bad command-line input detected after parsing (exit code 2)."""


def _t(key: str, **values: Any) -> str:
    """The command line's message ``key`` in the run's language (``gi.settings.language``)."""
    from .labels import text

    return text(key, **values)


def _require_file(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path; a usage error in the run's language when nothing is there.

    The message names the path and, when the folder has files of the same
    name in another case or with another extension, those files.
    """
    p = Path(path).expanduser()
    if p.exists():
        return p
    hint = _t("cli.file_check_name")
    folder = p.resolve().parent
    if folder.is_dir():
        similar = sorted(q.name for q in folder.iterdir() if q.stem.lower() == p.stem.lower())
        if similar:
            hint = _t("cli.file_similar", names=", ".join(similar))
    raise UsageError(_t("cli.file_not_found", path=p, hint=hint))


@contextlib.contextmanager
def _language(lang: str | None) -> Iterator[None]:
    """Run with ``gi.settings.language`` set to ``lang`` (None: unchanged); restored afterwards."""
    from . import settings

    if lang is None:
        yield
        return
    before = settings.language
    settings.language = lang
    try:
        yield
    finally:
        settings.language = before


def _date_arg(value: str) -> pd.Timestamp:
    """Argparse ``type=`` for dates: :func:`geoinnenstadt.dates.parse_date` ("01.06.2025" is 1 June).

    A two-digit year or an impossible date is a usage error (exit code 2)
    whose message carries the hint "use DD.MM.YYYY or YYYY-MM-DD".

    Examples
    --------
    >>> _date_arg("01.06.2025")
    Timestamp('2025-06-01 00:00:00')
    """
    from .dates import DateError, parse_date

    try:
        return parse_date(value, name="--at")
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# --------------------------------------------------------------------------- validate


def _register_validate(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "validate",
        help="check a data file against a layer schema",
        description=(
            "Read one layer (GeoPackage, GeoJSON, Shapefile, GeoParquet, CSV or Excel), map its "
            "columns to the schema, reproject and list every problem. Exit code 0 when the layer "
            "has no errors (warnings allowed), 1 when it has errors, 2 when the file cannot be read."
        ),
    )
    p.add_argument("path", metavar="PATH", help="data file")
    p.add_argument(
        "--kind", required=True, choices=KINDS, help="layer kind (schema) to check against"
    )
    p.add_argument(
        "--columns",
        nargs="+",
        action="extend",
        default=[],
        metavar="SRC=DST",
        help="rename source columns to schema columns, e.g. STV_NR=quarter_id STV_NAME=name",
    )
    p.add_argument("--layer", help="layer name inside a GeoPackage or sheet name of an Excel file")
    p.add_argument("--crs", help="CRS of files that do not declare one, e.g. EPSG:25832")
    p.add_argument("--encoding", help="text encoding of Shapefiles/CSV without .cpg, e.g. cp1252")
    p.add_argument(
        "--repair",
        action="store_true",
        help="repair invalid geometries with shapely.make_valid (repaired features are listed)",
    )
    p.set_defaults(handler=_cmd_validate)


def _parse_columns(pairs: Sequence[str]) -> dict[str, str] | None:
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.rpartition("=")
        if not sep or not source or not target:
            raise UsageError(_t("cli.columns_pair", pair=pair))
        mapping[source] = target
    return mapping or None


def _cmd_validate(args: argparse.Namespace) -> int:
    from . import io

    columns = _parse_columns(args.columns)
    if "://" not in str(args.path) and not str(args.path).startswith("/vsi"):  # a local file
        _require_file(args.path)
    report: ValidationReport
    try:
        with _notes_from_warnings(show=False):  # the report below lists them
            gdf = io.read_layer(
                args.path,
                args.kind,
                columns=columns,
                layer=args.layer,
                crs=args.crs,
                encoding=args.encoding,
                repair=args.repair,
            )
    except SchemaError as err:
        if err.report is None:
            raise
        report = err.report
    else:
        report = _report_of(gdf, args.kind, args.path)
    _print_report(report, sys.stdout)
    return EXIT_OK if report.ok else EXIT_DATA_ERRORS


@contextlib.contextmanager
def _notes_from_warnings(*, show: bool = True) -> Iterator[None]:
    """Turn geoinnenstadt's ReadWarnings into ``note:`` lines on stderr (or drop them).

    Other warnings are shown as usual.
    """
    from .io import ReadWarning

    records: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ReadWarning)
            records = caught  # filled while the block runs
            yield
    finally:  # outside catch_warnings, so re-issued warnings reach the caller's filters
        for w in records:
            if not issubclass(w.category, ReadWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            elif show:
                print(_t("cli.note", message=w.message), file=sys.stderr)


def _report_of(gdf: Any, kind: str, path: str) -> ValidationReport:
    """The report read_layer attached to the layer, or a fresh validation."""
    from .schema import validate

    attached = getattr(gdf, "attrs", {}).get("validation_report")
    if isinstance(attached, ValidationReport):
        return attached
    return validate(gdf, kind, source=str(path))


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def _format_table(frame: pd.DataFrame, *, max_width: int = 50) -> list[str]:
    """Plain-text table lines with columns padded to at most ``max_width``.

    Nothing is cut: a longer cell pushes the rest of its line to the right.
    """
    if frame.empty:
        return []
    names = [str(c) for c in frame.columns]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    widths = [
        min(max(len(names[k]), *(len(r[k]) for r in rows)), max(max_width, len(names[k])))
        for k in range(len(names))
    ]

    def line(cells: Sequence[str]) -> str:
        padded = [c.ljust(widths[k]) for k, c in enumerate(cells[:-1])]
        return "  ".join([*padded, cells[-1]]).rstrip()

    return [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _print_report(report: ValidationReport, out: TextIO) -> None:
    """The report as the command line shows it, in ``gi.settings.language``."""
    from .labels import text

    frame = report.display_frame()
    for line in _format_table(frame, max_width=48):
        print(line, file=out)
    if len(frame):
        print(file=out)
    if report.repaired:
        print(text("display.report_repaired", ids=", ".join(map(str, report.repaired))), file=out)
    for note in report.notes:
        print(text("report.note", note=note), file=out)
    verdict = text("report.ok" if report.ok else "report.failed")
    print(f"{verdict}: {report.summary()}", file=out)


# --------------------------------------------------------------------------- sample


def _register_sample(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "sample",
        help="list or export the bundled synthetic sample cities",
        description="The sample cities are synthetic (Beispieldaten), generated for demonstration.",
    )
    sample_sub = p.add_subparsers(dest="sample_command", metavar="ACTION")
    p.set_defaults(handler=lambda args: _missing_action(p))

    lst = sample_sub.add_parser("list", help="names of the sample cities with a short description")
    lst.set_defaults(handler=_cmd_sample_list)

    exp = sample_sub.add_parser(
        "export",
        help="write a sample city to files (personal columns are never exported)",
        description=(
            "gpkg writes one city GeoPackage (all layers, with metadata); geojson (RFC 7946, "
            "WGS 84), shp and parquet write one file per layer. Owner names and contacts are "
            "always dropped."
        ),
    )
    exp.add_argument("name", metavar="NAME", help="sample city, see 'geoinnenstadt sample list'")
    exp.add_argument("directory", metavar="DIR", help="output folder (created if missing)")
    exp.add_argument(
        "--format", dest="fmt", choices=list(EXPORT_FORMATS), default="gpkg", help="default: gpkg"
    )
    exp.set_defaults(handler=_cmd_sample_export)


def _missing_action(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print(_t("cli.choose_action", prog=parser.prog), file=sys.stderr)
    return EXIT_USAGE


def _sample_meta(name: str) -> dict[str, Any]:
    """A sample's ``meta`` read from its GeoPackage's metadata table only (fast)."""
    import pyogrio

    from .datasets import sample_path
    from .io import META_LAYER

    path = sample_path(name)
    try:
        raw = pyogrio.read_dataframe(path, layer=META_LAYER, read_geometry=False)
    except Exception:  # no metadata table: fall back to the full reader
        from .datasets import load_sample

        return dict(load_sample(name).meta)
    meta: dict[str, Any] = {}
    for key, value in zip(raw["key"], raw["value"], strict=True):
        try:
            meta[str(key)] = json.loads(value)
        except (TypeError, ValueError):
            meta[str(key)] = value
    return meta


def _describe(name: str, meta: dict[str, Any]) -> str:
    """One line: the sample's ``description`` (else its name) and provenance."""
    from .labels import format_date

    text = " ".join(str(meta.get("description") or meta.get("name") or name).split()).rstrip(".")
    details = []
    if meta.get("synthetic", False):
        details.append(_t("cli.sample_synthetic"))
    if meta.get("as_of"):
        details.append(_t("cli.sample_as_of", date=format_date(str(meta["as_of"])[:10])))
    if meta.get("license"):
        details.append(_t("cli.sample_license", license=meta["license"]))
    return f"{text} ({', '.join(details)})" if details else text


def _cmd_sample_list(args: argparse.Namespace) -> int:
    from .datasets import list_samples

    names = list_samples()
    if not names:
        print(_t("cli.no_samples"), file=sys.stderr)
        return EXIT_USAGE
    width = max(len(n) for n in names)
    for name in names:
        print(f"{name.ljust(width)}  {_describe(name, _sample_meta(name))}")
    return EXIT_OK


def _cmd_sample_export(args: argparse.Namespace) -> int:
    from .datasets import list_samples, load_sample

    if args.name not in list_samples():
        available = ", ".join(list_samples()) or _t("cli.none_installed")
        raise UsageError(_t("cli.no_sample", name=args.name, available=available))
    city = load_sample(args.name).without_personal()
    with _notes_from_warnings():
        written = export_city(city, args.directory, name=args.name, fmt=args.fmt)
    for path in written:
        print(path)
    return EXIT_OK


def export_city(
    city: City, directory: str | os.PathLike[str], *, name: str, fmt: str = "gpkg"
) -> list[Path]:
    """Write a city without personal columns: one GeoPackage, or one file per layer.

    Space requests (``city.requests``) are business-confidential and never
    exported here: they stay in the internal city GeoPackage
    (:func:`geoinnenstadt.write_city`).

    Parameters
    ----------
    city : City
    directory : path
        Output folder, created if missing.
    name : str
        File name stem (``<name>.gpkg`` or ``<name>_<kind>.<ext>``).
    fmt : {"gpkg", "geojson", "shp", "parquet"}
        ``gpkg``: :func:`geoinnenstadt.write_city` with ``personal=False``;
        the others: :func:`geoinnenstadt.io.write_layer` per layer (GeoJSON in
        WGS 84 as RFC 7946 requires).

    Returns
    -------
    list of pathlib.Path
        The written files (for Shapefiles the ``.shp``; ``.shx``, ``.dbf``,
        ``.prj`` and ``.cpg`` lie beside it).

    Examples
    --------
    >>> import geoinnenstadt as gi, tempfile
    >>> from geoinnenstadt.cli import export_city
    >>> files = export_city(gi.load_sample("dorsten"), tempfile.mkdtemp(), name="dorsten",
    ...                     fmt="geojson")
    >>> all(p.name.startswith("dorsten_") and p.suffix == ".geojson" for p in files)
    True
    >>> any("requests" in p.name for p in files)
    False
    """
    from .io import write_city, write_layer

    if fmt not in EXPORT_FORMATS:
        raise UsageError(_t("cli.unknown_format", fmt=fmt, formats=", ".join(EXPORT_FORMATS)))
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    public = city.without_personal()
    public.requests = None  # confidential business information: not for exports
    if fmt == "gpkg":
        return [write_city(public, out_dir / f"{name}.gpkg", personal=False)]
    written = []
    for kind, gdf in public.layers().items():
        personal = [c for c in LAYERS[kind].personal_columns if c in gdf.columns]
        layer = gdf.drop(columns=personal)
        written.append(write_layer(layer, out_dir / f"{name}_{kind}{EXPORT_FORMATS[fmt]}"))
    return written


# --------------------------------------------------------------------------- map

MAP_KINDS = ("vacancy", "land", "preemption")


def _register_map(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "map",
        help="write an interactive map (self-contained HTML, offline by default)",
        description=(
            "Write a vacancy, land or pre-emption map as one HTML file that opens without "
            "network access (Leaflet inlined, no tiles). --online adds OpenStreetMap tiles; "
            "--png also writes a print map (PNG) next to it. Owner data never reaches a map."
        ),
    )
    p.add_argument("kind", choices=MAP_KINDS, help="which map")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", metavar="CITY.GPKG", help="a city GeoPackage (see gi.write_city)")
    src.add_argument(
        "--sample", metavar="NAME", help="a sample city, see 'geoinnenstadt sample list'"
    )
    p.add_argument("--out", required=True, metavar="MAP.HTML", help="output HTML file")
    p.add_argument(
        "--online", action="store_true", help="OpenStreetMap tiles and Leaflet from a CDN"
    )
    p.add_argument("--png", action="store_true", help="also write MAP.png (matplotlib print map)")
    p.add_argument(
        "--basemap",
        metavar="PATH",
        help=(
            "local tiles beneath the map: a folder {z}/{x}/{y}.png (.jpg, .webp) or an .mbtiles "
            "file; the tiles within the map's extent are embedded (the page stays offline)"
        ),
    )
    p.add_argument(
        "--basemap-zoom",
        nargs=2,
        type=int,
        metavar=("MIN", "MAX"),
        help="zoom range of the embedded tiles (default: the extent in ~1000 px up to +4)",
    )
    p.add_argument(
        "--basemap-attribution",
        metavar="TEXT",
        help="attribution of the tiles (default: the tile set's metadata; one is required)",
    )
    scheme = "tile rows from the north (xyz) or south (tms, gdal2tiles); default: detected"
    p.add_argument("--basemap-scheme", choices=["xyz", "tms"], help=scheme)
    p.add_argument(
        "--at",
        metavar="DATE",
        type=_date_arg,
        help="reference date of the vacancy map, DD.MM.YYYY or YYYY-MM-DD (default: latest survey)",
    )
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        help="label language (default: gi.settings.language, de)",
    )
    p.set_defaults(handler=_cmd_map)


def _cmd_map(args: argparse.Namespace) -> int:
    from . import maps
    from .datasets import load_sample
    from .io import read_city

    city = load_sample(args.sample) if args.sample else read_city(_require_file(args.data))
    out = Path(args.out)
    background: dict[str, Any] = {}
    if args.basemap:
        zoom = tuple(args.basemap_zoom) if args.basemap_zoom else None
        background["basemap"] = maps.Basemap(
            args.basemap,
            zoom=zoom,
            attribution=args.basemap_attribution,
            scheme=args.basemap_scheme,
        )
    elif args.basemap_zoom or args.basemap_attribution or args.basemap_scheme:
        raise UsageError(_t("cli.basemap_options"))
    with _notes_from_warnings():
        if args.kind == "vacancy":
            m = maps.vacancy_map(city, at=args.at, lang=args.lang, **background)
        elif args.kind == "land":
            m = maps.land_map(city, lang=args.lang, **background)
        else:
            m = maps.preemption_map(city, lang=args.lang, **background)
        written = [maps.save_html(m, out, offline=not args.online)]
        if args.png:
            from . import plots

            plot: Any = {
                "vacancy": plots.vacancy_plot,
                "land": plots.land_plot,
                "preemption": plots.preemption_plot,
            }[args.kind]
            kwargs: dict[str, Any] = {"lang": args.lang}
            if args.kind == "vacancy" and args.at is not None:
                kwargs["at"] = args.at
            written.append(plots.save_figure(plot(city, **kwargs), out.with_suffix(".png")))
    for path in written:
        print(path)
    return EXIT_OK


# --------------------------------------------------------------------------- geocode


def _register_geocode(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "geocode",
        help="locate an address list (CSV/Excel) in house coordinates, offline",
        description=(
            "Match every row of an address list against an address reference (house coordinates "
            "or OSM address points, see gi.read_addresses) and write it with point geometry and "
            "the columns match, match_score and matched_address. Prints the count per match "
            "class and the rows not found (kept without geometry)."
        ),
    )
    p.add_argument("path", metavar="LIST", help="address list: CSV, Excel or a geodata file")
    p.add_argument("--reference", required=True, metavar="REF", help="house coordinates file")
    p.add_argument("--out", required=True, metavar="OUT", help="output file (.gpkg, .geojson …)")
    p.add_argument("--address", metavar="COL", help="column with the whole address")
    p.add_argument("--street", metavar="COL", help="street column (with --number)")
    p.add_argument("--number", metavar="COL", help="house number column")
    p.add_argument("--postcode", metavar="COL", help="postcode column (found by name otherwise)")
    p.add_argument("--sheet", help="sheet of an Excel workbook")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(handler=_cmd_geocode)


def _cmd_geocode(args: argparse.Namespace) -> int:
    from .io import write_layer
    from .sources.addresses import read_addresses, read_table
    from .sources.geocode import GeocodeWarning, describe, geocode

    if args.address is not None and (args.street is not None or args.number is not None):
        raise UsageError(_t("cli.address_or_street"))
    _require_file(args.path)
    _require_file(args.reference)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reference = read_addresses(args.reference)
        frame = read_table(args.path, sheet=args.sheet)
        try:
            out = geocode(
                frame, reference, address=args.address, street=args.street,
                number=args.number, postcode=args.postcode, progress=not args.no_progress,
            )  # fmt: skip
        except SchemaError as exc:  # a column named on the command line does not exist
            raise UsageError(str(exc)) from None
    for w in caught:
        if not issubclass(w.category, GeocodeWarning):  # the report below says it all
            print(_t("cli.note", message=w.message), file=sys.stderr)
    report = out.attrs["geocode_report"]
    print(_t("cli.geocode_summary", n=len(out), report=describe(report, limit=50)))
    out.attrs = {}
    print(write_layer(out, args.out))
    return EXIT_OK


# --------------------------------------------------------------------------- match

#: Characters Excel forbids in a sheet name.
_SHEET_FORBIDDEN = frozenset("[]:*?/\\")
#: Longest sheet name Excel accepts.
SHEET_NAME_MAX = 31


def excel_sheet_names(names: Sequence[Any], *, taken: Sequence[str] = ()) -> list[str]:
    """Valid, unique Excel sheet names for ``names`` (in order).

    Excel forbids ``[ ] : * ? /`` and the backslash (replaced by ``_``), names longer than 31
    characters (cut), a leading or trailing apostrophe (removed), an empty name
    and ``History``; names compare case-insensitively. A name already given,
    or in ``taken``, gets a suffix ``~2``, ``~3``, … (the name cut to make room).

    Examples
    --------
    >>> excel_sheet_names(["G/01", "g/01", "x" * 40], taken=["Übersicht"])
    ['G_01', 'g_01~2', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
    """
    used = {t.casefold() for t in taken}
    out: list[str] = []
    for raw in names:
        base = "".join("_" if c in _SHEET_FORBIDDEN or not c.isprintable() else c for c in str(raw))
        base = base.strip().strip("'")[:SHEET_NAME_MAX].strip("'") or "_"
        if base.casefold() == "history":
            base = f"{base}_"
        name, k = base, 1
        while name.casefold() in used:
            k += 1
            suffix = f"~{k}"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        used.add(name.casefold())
        out.append(name)
    return out


def _register_match(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "match",
        help="match open space requests (Ansiedlungsgesuche) to vacant units, write Excel",
        description=(
            "Propose for every open request the vacant units that pass its hard filters, ranked "
            "by the transparent score of gi.matching.match, and write an Excel workbook: a "
            "summary sheet (one row per request) plus one sheet per request with its ranked "
            "units, points and reasons. Contact columns are never written. Prints the counts. "
            "Exit code 0 when written, 1 when the requests have errors, 2 on usage or file errors."
        ),
    )
    p.add_argument(
        "--data",
        required=True,
        metavar="NAME|CITY.GPKG",
        help="sample name or city GeoPackage (units, quarters, footfall, requests)",
    )
    p.add_argument(
        "--requests",
        metavar="GESUCHE.XLSX",
        help="requests file (Excel, CSV, GeoPackage …; default: the requests of --data)",
    )
    p.add_argument("--sheet", help="sheet of an Excel requests file")
    p.add_argument("--out", required=True, metavar="MATCHES.XLSX", help="Excel workbook to write")
    p.add_argument("--top", type=int, default=5, help="units proposed per request (default: 5)")
    p.add_argument(
        "--at",
        metavar="DATE",
        type=_date_arg,
        help="reference date, DD.MM.YYYY or YYYY-MM-DD (default: latest survey)",
    )
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        help="language of the reasons and sheet names (default: gi.settings.language, de)",
    )
    p.set_defaults(handler=_cmd_match)


def _load_city(value: str) -> City:
    """The city of ``--data``: a sample name or a city GeoPackage."""
    from .datasets import list_samples, load_sample
    from .io import read_city

    source = _resolve_data_arg(value)
    return load_sample(source) if source in list_samples() else read_city(source)


def _cmd_match(args: argparse.Namespace) -> int:
    from . import io, matching
    from .labels import resolve_lang

    if args.top < 1:
        raise UsageError(_t("cli.match_top", top=args.top))
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(_t("cli.match_xlsx", path=out))
    city = _load_city(args.data)
    if args.requests is not None:
        _require_file(args.requests)
        try:
            with _notes_from_warnings(show=False):  # the report lists them
                requests = io.read_layer(args.requests, "requests", layer=args.sheet)
        except SchemaError as err:
            if err.report is None:
                raise
            _print_report(err.report, sys.stdout)
            return EXIT_DATA_ERRORS
        source = args.requests
    elif city.requests is not None and len(city.requests):
        requests, source = city.requests, args.data
    else:
        raise UsageError(_t("cli.match_no_requests", data=args.data))
    with _notes_from_warnings():
        result = matching.match(
            requests, city.units, quarters=city.quarters, at=args.at, top=args.top,
            footfall=city.footfall,
        )  # fmt: skip
    lang = resolve_lang(None)
    summary = _match_summary(requests, result)
    sheets = _match_sheets(summary, result, lang)
    with io.atomic_path(out) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    matched = int((summary["matches"] > 0).sum())
    print(
        _t(
            "cli.match_counts",
            read=len(requests),
            source=source,
            open=len(summary),
            skipped=result.attrs.get("requests_skipped", 0),
            matched=matched,
            unmatched=len(summary) - matched,
        )
    )
    print(out)
    return EXIT_OK


def _match_summary(requests: pd.DataFrame, result: pd.DataFrame) -> pd.DataFrame:
    """One row per matched request: id, use, size range, matches, best score, no-match reason."""
    found = result[result["unit_id"].notna()]
    count = found.groupby("request_id", sort=False).size()
    best = found.groupby("request_id", sort=False)["score"].max()
    none = result[result["unit_id"].isna()].set_index("request_id")["reasons"]
    ids = pd.Index(pd.unique(result["request_id"]))
    info = requests.assign(request_id=requests["request_id"].astype("string").str.strip())
    info = info.drop_duplicates("request_id").set_index("request_id")
    return pd.DataFrame(
        {
            "request_id": ids,
            "use": info["use"].reindex(ids).to_numpy(),
            "min_floor_area_m2": info["min_floor_area_m2"].reindex(ids).astype(float).to_numpy(),
            "max_floor_area_m2": info["max_floor_area_m2"].reindex(ids).astype(float).to_numpy(),
            "matches": count.reindex(ids, fill_value=0).astype(int).to_numpy(),
            "best_score": best.reindex(ids).astype(float).to_numpy(),
            "no_match_reason": none.reindex(ids).to_numpy(),
        }
    )


def _match_sheets(
    summary: pd.DataFrame, result: pd.DataFrame, lang: str
) -> dict[str, pd.DataFrame]:
    """The workbook: the summary sheet, then one sheet per request (ranked units)."""
    from .labels import text

    title = text("cli.match_summary_sheet", lang)
    ids = summary["request_id"].tolist()
    names = excel_sheet_names(ids, taken=[title])
    summary = summary.assign(sheet=names)
    sheets = {title: summary}
    columns = ["rank", "unit_id", "quarter_id", "score"]
    columns += [c for c in result.columns if c.startswith("points_")] + ["reasons"]
    for rid, name in zip(ids, names, strict=True):
        rows = result[(result["request_id"] == rid) & result["unit_id"].notna()]
        sheets[name] = rows[columns].reset_index(drop=True)
    return sheets


# --------------------------------------------------------------------------- expose


def _register_expose(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "expose",
        help="write the exposé of a vacant unit (one self-contained HTML page, A4 print)",
        description=(
            "Write the exposé of one vacant unit for a prospective tenant: the unit, its "
            "quarter's key figures and use mix, footfall nearby, a locator map and the matching "
            "requests (ids, use and size; contacts only with --personal). The page opens "
            "without network access. Owner data never reach it."
        ),
    )
    p.add_argument(
        "--data",
        required=True,
        metavar="NAME|CITY.GPKG",
        help="sample name or city GeoPackage (see gi.write_city)",
    )
    p.add_argument("--unit", required=True, metavar="UNIT_ID", help="the vacant unit")
    p.add_argument("--out", required=True, metavar="EXPOSE.HTML", help="output HTML file")
    p.add_argument(
        "--personal",
        action="store_true",
        help="show the contacts of the matching requests (personal data: internal use only)",
    )
    p.add_argument(
        "--at",
        metavar="DATE",
        type=_date_arg,
        help="reference date, DD.MM.YYYY or YYYY-MM-DD (default: the city's as_of, else latest)",
    )
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        help="label language (default: gi.settings.language, de)",
    )
    p.set_defaults(handler=_cmd_expose)


def _cmd_expose(args: argparse.Namespace) -> int:
    from .briefing.expose import expose

    city = _load_city(args.data)
    with _notes_from_warnings():
        path = expose(city, args.unit, args.out, personal=args.personal, at=args.at, lang=args.lang)
    print(path)
    return EXIT_OK


# --------------------------------------------------------------------------- parser and dispatch


#: Subcommand name → function registering its subparser (which sets ``handler``).
def _register_briefing(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "briefing",
        help="build self-contained HTML briefings from the notebooks",
        description=(
            "Execute the briefing notebooks (vacancy, commercial land, core zones and pre-emption, quarter profiles) "
            "for one or more cities and write one HTML file per notebook and city plus index.html. "
            "Maps render offline; code cells are not shown; owner data never appears."
        ),
    )
    p.add_argument(
        "--data",
        action="append",
        metavar="NAME|CITY.GPKG",
        help="sample name or city GeoPackage; repeat for several cities (default: dortmund)",
    )
    p.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="output folder (default: build/briefings; with --public build/briefings-public)",
    )
    p.add_argument(
        "--at",
        metavar="DATE",
        type=_date_arg,
        help="reference date, DD.MM.YYYY or YYYY-MM-DD (default: latest survey)",
    )
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        help="language (default: gi.settings.language, de)",
    )
    p.add_argument(
        "--online", action="store_true", help="maps with OpenStreetMap tiles (needs internet)"
    )
    p.add_argument(
        "--public",
        action="store_true",
        help=(
            "publication mode: quarters below gi.settings.public_min_count (3) units suppressed "
            "everywhere, with secondary suppression, and footnoted; written to "
            "build/briefings-public unless --out is given, never over an internal briefing"
        ),
    )
    p.add_argument(
        "--notebook",
        action="append",
        metavar="NAME",
        help="build only these notebooks (e.g. 01_leerstand_city); repeatable",
    )
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default: 600)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(handler=_cmd_briefing)


def _cmd_briefing(args: argparse.Namespace) -> int:
    from . import briefing

    # paths are resolved against this process's working directory before any kernel starts
    sources = [_resolve_data_arg(d) for d in (args.data or ["dortmund"])]
    result = briefing.build(
        notebooks=args.notebook,
        data=sources,
        out=args.out,
        at=args.at,
        lang=args.lang,
        offline=not args.online,
        public=args.public,
        timeout=args.timeout,
        progress=False if args.no_progress else None,
    )
    for path in result.written:
        print(path)
    for data, notebook, reason in result.skipped:
        print(
            _t("cli.briefing_skipped", data=data, notebook=notebook, reason=reason), file=sys.stderr
        )
    for err in result.failed:
        print(_t("cli.briefing_failed", error=err), file=sys.stderr)
    if result.index is not None:
        print(_t("cli.briefing_index", path=result.index))
    print(_briefing_summary(result))
    return 1 if result.failed else 0


def _briefing_summary(result: Any) -> str:
    """The last line of ``geoinnenstadt briefing``: briefings written, skipped, failed.

    In ``gi.settings.language`` (the run's ``--lang``); ``index.html`` is not
    counted as a briefing.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from pathlib import Path
    >>> done = SimpleNamespace(written=[Path("a.html")],
    ...                        index=Path("index.html"), skipped=[("d", "n", "r")], failed=[])
    >>> _briefing_summary(done)
    'Fertig: 1 Briefing erstellt, 1 übersprungen, 0 fehlgeschlagen'
    """
    from .schema.report import count_text

    pages = [p for p in result.written if p != result.index]
    verdict = _t("cli.briefing_with_errors" if result.failed else "cli.briefing_done")
    return _t(
        "cli.briefing_summary",
        verdict=verdict,
        written=count_text("cli.briefings_written", len(pages)),
        skipped=count_text("cli.briefings_skipped", len(result.skipped)),
        failed=count_text("cli.briefings_failed", len(result.failed)),
    )


def _resolve_data_arg(value: str) -> str:
    """A sample name unchanged; an existing file as an absolute path (relative to the cwd)."""
    from . import list_samples

    if value in list_samples():
        return value
    path = Path(value).expanduser()
    if not path.is_file():
        raise UsageError(
            _t(
                "cli.data_not_found",
                value=value,
                samples=", ".join(list_samples()),
                path=path.resolve(),
            )
        )
    return str(path.resolve())


# --------------------------------------------------------------------------- import

#: Published sources of ``geoinnenstadt import`` and the layer kind each gives by default.
IMPORT_SOURCES: dict[str, str] = {"osm": "units", "alkis": "parcels", "leerstandsmelder": "units"}


def _register_import(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help="read a published source (OSM, ALKIS, Leerstandsmelder) into a GeoPackage layer",
        description=(
            "Read an OpenStreetMap extract (.osm, .osm.gz, .osm.bz2, .osm.pbf) or a saved Overpass "
            "API JSON answer (shops and vacant shops as units), ALKIS vereinfacht parcels or a "
            "Leerstandsmelder JSON export with "
            "read_layer, and write the layer (named after its kind) with write_layer. Prints the "
            "rows read, kept and left out (each one reported). Personal columns are dropped "
            "unless --personal. Exit code 0 when written, 1 when the data has errors, 2 when "
            "the source cannot be read."
        ),
    )
    p.add_argument(
        "source_type", choices=tuple(IMPORT_SOURCES), metavar="osm|alkis|leerstandsmelder"
    )
    p.add_argument("source", metavar="SOURCE", help="file (or, for alkis, a service URL)")
    p.add_argument("--out", required=True, metavar="OUT.gpkg", help="GeoPackage to write")
    p.add_argument(
        "--kind",
        choices=("units", "parcels"),
        help="layer kind (default: units for osm and leerstandsmelder, parcels for alkis)",
    )
    p.add_argument(
        "--survey-date",
        type=_date_arg,
        metavar="DATE",
        help="survey date of osm/leerstandsmelder units (default: the file's timestamp)",
    )
    p.add_argument("--layer", help="layer of a multi-layer ALKIS file")
    p.add_argument(
        "--personal", action="store_true", help="keep personal columns (internal work only)"
    )
    p.set_defaults(handler=_cmd_import)


def _cmd_import(args: argparse.Namespace) -> int:
    from . import io, sources

    kind = args.kind or IMPORT_SOURCES[args.source_type]
    if (
        problem := sources.import_problem(args.source_type, args.source, args.out, args.layer)
    ) is not None:
        raise UsageError(problem)
    if args.source_type == "alkis" and args.survey_date is not None:
        raise UsageError(_t("cli.survey_date_only"))
    try:
        with _notes_from_warnings(show=False):  # the report below lists them
            gdf = io.read_layer(args.source, kind, layer=args.layer, survey_date=args.survey_date)
    except SchemaError as err:
        if err.report is None:
            raise
        _print_report(err.report, sys.stdout)
        return EXIT_DATA_ERRORS
    except (DataFileError, ValueError) as err:  # the reader's hints, as options of this command
        raise UsageError(sources.command_line_hint(str(err))) from None
    report = _report_of(gdf, kind, args.source)
    report.notes = [sources.command_line_hint(note) for note in report.notes]
    left_out = len(report.left_out)
    _print_report(report, sys.stdout)
    print(
        _t(
            "cli.import_read",
            total=len(gdf) + left_out,
            source=args.source,
            kept=len(gdf),
            left_out=left_out,
            warnings=len(report.warnings),
        )
    )
    written = io.write_layer(gdf, args.out, layer=kind, personal=args.personal)
    dropped = [c for c in LAYERS[kind].personal_columns if c in gdf.columns]
    extra = ""
    if dropped:
        extra = (
            _t("cli.import_personal_kept")
            if args.personal
            else _t("cli.import_personal_dropped", columns=", ".join(dropped))
        )
    print(_t("cli.import_wrote", path=written, kind=kind, n=len(gdf), extra=extra))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Subparsers], None]] = {
    "validate": _register_validate,
    "sample": _register_sample,
    "map": _register_map,
    "briefing": _register_briefing,
    "geocode": _register_geocode,
    "import": _register_import,
    "match": _register_match,
    "expose": _register_expose,
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="geoinnenstadt",
        description=(
            "City quarters, shop vacancies, commercial land, core zones and pre-emption areas: "
            "validate data, export the sample cities, build maps and briefings."
        ),
    )
    parser.add_argument("--version", action="version", version=f"geoinnenstadt {__version__}")
    parser.add_argument(
        "--lang",
        dest="run_lang",
        choices=list(LANGUAGES),
        default=None,
        help="language of messages and outputs (default: gi.settings.language, de)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMANDS.values():
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 data errors, 2 usage/file errors).

    Examples
    --------
    >>> from geoinnenstadt.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    geoinnenstadt ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    # a command's own --lang (map, briefing) wins over the one before the command
    with _language(getattr(args, "lang", None) or args.run_lang):
        try:
            return int(handler(args))
        except SchemaError as exc:  # data errors outside `validate`, e.g. a broken sample file
            print(_t("cli.error", message=exc), file=sys.stderr)
            return EXIT_DATA_ERRORS
        except (UsageError, DataFileError, CRSError, OSError, ValueError) as exc:
            print(_t("cli.error", message=exc), file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:  # pragma: no cover
            return 130


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
