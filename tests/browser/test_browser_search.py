"""La búsqueda del sitio, usada como la usa un lector: escribir un término y seguir el enlace.

Qué páginas debe encontrar sale del catálogo: para cada término, las entradas cuyo
título, nombre o módulo lo contienen; la búsqueda tiene que enlazar la página de la
galería de cada una y su página de la API. Si el catálogo aún no tiene una entrada para
un término, la prueba falla: el sitio todavía no cubre lo que las notas enseñan.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from actloss import catalog

from .browsing import SEARCH_DONE, Tab

TERMS = ["PReLU", "entropía cruzada", "CTC"]


def expected_pages(term: str) -> set[str]:
    wanted = term.casefold()
    entries = [
        e for e in catalog.CATALOG.values() if wanted in f"{e.title} {e.name} {e.module}".casefold()
    ]
    assert entries, f"el catálogo no tiene ninguna función para «{term}»: falta su página"
    pages = {f"{e.example}.html" for e in entries}
    return pages | {f"api/generated/actloss.nn.{e.module}.html" for e in entries}


def search(tab: Tab, term: str) -> list[str]:
    """Las páginas (rutas relativas al sitio) que lista la búsqueda de ``term``."""
    visit = tab.open(f"search.html?q={quote(term)}")
    tab.page.wait_for_function(
        SEARCH_DONE,
        timeout=15_000,
    )
    summary = tab.page.inner_text("#search-results .search-summary")
    assert summary.startswith("Búsqueda terminada"), f"resumen de la búsqueda: {summary!r}"
    hrefs = tab.page.eval_on_selector_all(
        "#search-results ul.search li a", "l => l.map(a => a.href)"
    )
    assert visit.failed == [] and visit.console_errors == [] and visit.outside == []
    prefix = urlparse(tab.base_url).path
    return [urlparse(h).path.removeprefix(prefix) for h in hrefs]


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_the_pages_of_the_term(tab: Tab, term: str) -> None:
    expected = expected_pages(term)
    found = search(tab, term)
    missing = sorted(expected - set(found))
    assert missing == [], f"la búsqueda de «{term}» no enlaza {missing}; encontró {found}"


def test_search_result_leads_to_the_gallery_page(tab: Tab) -> None:
    """Hacer clic en el resultado de PReLU abre su ejemplo, con su figura."""
    (page,) = sorted(p for p in expected_pages("PReLU") if p.startswith("galeria/"))
    search(tab, "PReLU")
    tab.page.locator(f"#search-results a[href*='{page.rsplit('/', 1)[-1]}']").first.click()
    tab.page.wait_for_load_state()
    assert urlparse(tab.page.url).path.endswith(page)
    assert tab.page.locator("img.sphx-glr-single-img").count() >= 1


def _notes_page_of(label: str) -> str:
    """La página de las notas que contiene la etiqueta ``(label)=``."""
    notes = Path(__file__).resolve().parents[2] / "docs" / "notas"
    for page in sorted(notes.glob("*.md")):
        if f"({label})=" in page.read_text():
            return f"notas/{page.stem}"
    raise AssertionError(f"ninguna página de las notas tiene la etiqueta {label}")


def test_search_finds_every_function_by_its_english_and_spanish_name(tab: Tab) -> None:
    """El nombre inglés (el del módulo) lleva a su página de la API; el español, a una
    página de la función: su ejemplo, su API o su sección de las notas."""
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
