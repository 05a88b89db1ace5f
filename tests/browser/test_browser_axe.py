"""Accesibilidad con axe-core (del registro de npm), inyectado en la página.

Cuatro páginas, una de cada clase, en tema claro y oscuro: la portada, una página de
las notas, un ejemplo de la galería y una página de la API. Ninguna infracción seria o
crítica; las menores se imprimen (``pytest -s``) para verlas.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from . import sitecrawl
from .browsing import Tab, new_tab, pages_of


def representatives() -> list[str]:
    notes = [p for p in pages_of("notas") if not p.endswith("index.html")]
    gallery = [p for p in pages_of("galeria") if "/plot_" in p]
    api = [p for p in pages_of("api") if "/generated/actloss.nn." in p]
    return ["index.html", *notes[:1], *gallery[:1], *api[:1]]


@pytest.fixture(scope="module", params=["light", "dark"])
def themed(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Tab]:
    yield from new_tab(browser, base_url, color_scheme=request.param)


def test_representatives_cover_each_kind_of_page(site: object) -> None:
    kinds = {sitecrawl.kind(p) for p in representatives()}
    assert kinds == {"portada", "notas", "galeria", "api"}, representatives()


@pytest.mark.parametrize("page_path", representatives() or ["index.html"])
def test_axe_finds_no_serious_violation(themed: Tab, axe_source: str, page_path: str) -> None:
    themed.open(page_path)
    themed.page.add_script_tag(content=axe_source)
    result = themed.page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))"
    )
    theme = themed.page.evaluate("() => document.documentElement.dataset.theme")
    for v in result:
        print(f"axe {theme} {page_path}: {v['impact']} {v['id']}: {v['help']}")
    serious = [v for v in result if v["impact"] in {"serious", "critical"}]
    assert serious == [], f"{page_path} ({theme})"
