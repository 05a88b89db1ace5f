"""La búsqueda del sitio, usada como la usa un lector: buscar un término y seguir el enlace.

Qué páginas debe encontrar sale del catálogo: para cada término, las entradas cuyo
título, nombre o módulo lo contienen; la búsqueda tiene que enlazar la página de la
galería de cada una y su página de la API. Si el catálogo aún no tiene una entrada para
un término, la prueba falla: el sitio todavía no cubre lo que las notas enseñan.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest

from actloss import catalog

from .browsing import SEARCH_DONE, Tab, new_tab

TERMS = ["PReLU", "entropía cruzada", "CTC"]


def expected_pages(term: str) -> set[str]:
    wanted = term.casefold()
    entries = [
        e for e in catalog.CATALOG.values() if wanted in f"{e.title} {e.name} {e.module}".casefold()
    ]
    assert entries, f"el catálogo no tiene ninguna función para «{term}»: falta su página"
    pages = {f"{e.example}.html" for e in entries}
    return pages | {f"api/generated/actloss.nn.{e.module}.html" for e in entries}


# What Sphinx's search lists for a query: the same function its page calls to fill the list.
PERFORM = "(q) => Search._performSearch(...Search._parseQuery(q)).map(r => r[0] + '.html')"


def listed(tab: Tab) -> list[str]:
    """Las páginas (rutas relativas al sitio) que lista la página de búsqueda abierta."""
    hrefs = tab.page.eval_on_selector_all(
        "#search-results ul.search li a", "l => l.map(a => a.href)"
    )
    prefix = urlparse(tab.base_url).path
    return [urlparse(h).path.removeprefix(prefix) for h in hrefs]


@pytest.fixture(scope="module")
def searching(browser: Any, base_url: str) -> Iterator[Tab]:
    yield from new_tab(browser, base_url)


def test_search_finds_the_pages_of_each_term(searching: Tab) -> None:
    """Un término se busca como lo hace un lector (su lista de resultados, y un clic en el
    de PReLU abre su ejemplo con su figura); los demás, con la función que llena la lista
    en la misma página, que se comprueba que da la misma lista."""
    tab = searching
    visit = tab.open(f"search.html?q={quote(TERMS[0])}")
    tab.page.wait_for_function(SEARCH_DONE, timeout=15_000)
    summary = tab.page.inner_text("#search-results .search-summary")
    assert summary.startswith("Búsqueda terminada"), f"resumen de la búsqueda: {summary!r}"
    shown = listed(tab)
    assert set(shown) == set(tab.page.evaluate(PERFORM, TERMS[0]))
    missing = {}
    for term in TERMS:
        found = shown if term == TERMS[0] else tab.page.evaluate(PERFORM, term)
        if lost := sorted(expected_pages(term) - set(found)):
            missing[term] = (lost, found)
    assert missing == {}, f"la búsqueda no enlaza {missing}"

    assert visit.failed == [] and visit.console_errors == [] and visit.outside == []
    (page,) = sorted(p for p in expected_pages("PReLU") if p.startswith("galeria/"))
    tab.page.locator(f"#search-results a[href*='{page.rsplit('/', 1)[-1]}']").first.click()
    tab.page.wait_for_load_state()
    assert urlparse(tab.page.url).path.endswith(page)
    assert tab.page.locator("img.sphx-glr-single-img").count() >= 1
    # Leaving the search page cancels the summaries it was still fetching: not a failure.
    failed = [f for f in visit.failed if not f.endswith("(net::ERR_ABORTED)")]
    assert failed == [] and visit.console_errors == [] and visit.outside == []


def _notes_page_of(label: str) -> str:
    """La página de las notas que contiene la etiqueta ``(label)=``."""
    notes = Path(__file__).resolve().parents[2] / "docs" / "notas"
    for page in sorted(notes.glob("*.md")):
        if f"({label})=" in page.read_text():
            return f"notas/{page.stem}"
    raise AssertionError(f"ninguna página de las notas tiene la etiqueta {label}")


def test_search_finds_every_function_by_its_english_and_spanish_name(searching: Tab) -> None:
    """El nombre inglés (el del módulo) lleva a su página de la API; el español, a una
    página de la función: su ejemplo, su API o su sección de las notas."""
    tab = searching
    tab.open("search.html")
    tab.page.wait_for_function("() => typeof Search !== 'undefined' && Search._index !== null")
    misses = []
    for entry in catalog.CATALOG.values():
        api = {
            f"api/generated/actloss.{kind}.{name}"
            for kind, name in (("nn", entry.module), ("functional", entry.name))
        }
        wanted = {
            entry.module: {f"api/generated/actloss.nn.{entry.module}"},
            entry.title: {entry.example, _notes_page_of(entry.section), *api},
        }
        for term, pages in wanted.items():
            found = tab.page.evaluate(
                "(q) => Search._performSearch(...Search._parseQuery(q)).map(r => r[0])", term
            )
            if not pages & set(found):
                misses.append((term, sorted(pages), found[:5]))
    assert misses == [], misses
