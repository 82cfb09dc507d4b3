"""Space requests (Ansiedlungsgesuche) are business-confidential: no map page carries them."""

from __future__ import annotations

from pathlib import Path

import geoinnenstadt as gi


def test_vacancy_map_of_a_city_with_requests_holds_none_of_them(tmp_path: Path) -> None:
    city = gi.load_sample("dorsten")
    assert city.requests is not None
    assert len(city.requests) > 0  # a sample without requests must fail, never pass silently
    path = tmp_path / "leerstand.html"
    gi.maps.save_html(gi.maps.vacancy_map(city), path, offline=True)
    page = path.read_text(encoding="utf-8")
    for column in ("request_id", "contact_email", "contact_phone", "contact_name"):
        for value in city.requests[column].dropna().astype(str):
            assert value not in page, (column, value)
