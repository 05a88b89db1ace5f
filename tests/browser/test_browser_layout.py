"""El sitio en un teléfono.

Con un viewport de teléfono (375 × 667) no hay desplazamiento horizontal en la portada,
las notas y un ejemplo de cada sección de la galería.

El modo oscuro se comprueba en dos partes: el fondo claro y opaco de cada figura y el
contraste de sus trazos, en el archivo de cada una (``test_site_files``), y en pantalla,
en una página de cada clase (``test_browser_pages``), que ningún estilo las altera.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from . import sitecrawl
from .browsing import PHONE, Tab, new_tab, pages_of


def one_example_per_section() -> list[str]:
    firsts: dict[str, str] = {}
    for path in (p for p in pages_of("galeria") if "/plot_" in p):
        firsts.setdefault(path.rsplit("/", 1)[0], path)
    return sorted(firsts.values())


# The phone checks every page whose layout differs: the landing, the notes and one example
# of each gallery section (the examples share one template).
# One page of each kind: the notes share one template, and «elegir» holds their widest tables.
NOTES_ON_PHONE = [p for p in pages_of("notas") if p.endswith("/elegir.html")]
PHONE_PAGES = ["index.html", *NOTES_ON_PHONE, *one_example_per_section()]
# Boxes that scroll inside themselves, or sit off-canvas on a phone: not page overflow.
SCROLLS_ON_ITS_OWN = (
    "pre, .highlight, .table-wrapper, .pst-scrollable-table-container, mjx-container,"
    " .bd-sidebar-primary, .bd-sidebar-secondary, .dropdown-menu"
)


def luminance(rgb: tuple[int, ...]) -> float:
    """Luminancia relativa de WCAG 2 de un color sRGB."""

    def channel(c: int) -> float:
        c2 = c / 255
        return c2 / 12.92 if c2 <= 0.04045 else ((c2 + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


@pytest.fixture(scope="module")
def phone(browser: Any, base_url: str) -> Iterator[Tab]:
    yield from new_tab(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.mark.parametrize("page_path", PHONE_PAGES)
def test_phone_has_no_horizontal_scroll(phone: Tab, page_path: str) -> None:
    visit = phone.open(page_path)
    assert visit.failed == [] and visit.console_errors == []
    widths = phone.page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = phone.page.evaluate(
        """selector => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => !e.closest(selector))
            .slice(0, 5).map(e => e.tagName + '.' + e.className)""",
        SCROLLS_ON_ITS_OWN,
    )
    assert widths[0] <= widths[1], f"{page_path}: {widths[0]} px de ancho en {widths[1]}; {wide}"


# A display formula is typeset by MathJax at the width of the text column. The gallery
# examples share one template and the notes another, so every display formula of a kind of
# page (read from the HTML) is typeset in the column of one page of that kind: two visits
# instead of one per page. Each is measured at its widest: once a page holds a sub- and
# superscript (x_a^b), MathJax pads every script of the page (1 to 2 px each), so the
# column gets one first. (A formula inside a list or a note has a narrower box.)
FORMULAS_IN_THE_COLUMN = """async formulas => {
    const first = document.querySelector('div.math');
    const boxes = ['\\[x_a^b\\]', ...formulas].map(source => {
        const box = document.createElement('div');
        box.className = first.className;
        box.textContent = source;
        first.before(box);
        return box;
    });
    await MathJax.typesetPromise(boxes);
    await document.fonts.ready;  // the MathJax fonts these formulas asked for
    const width = m => [m.scrollWidth, m.clientWidth];
    return {
        column: width(first.querySelector('mjx-container')),
        formulas: boxes.slice(1).map(b => width(b.querySelector('mjx-container[display="true"]'))),
    };
}"""
DESKTOP_COLUMN = 600  # px: at 1280 px the pydata column is 624 px; a narrower one is news


def display_formulas(site: Any, paths: list[str]) -> dict[str, list[str]]:
    """Cada fórmula en bloque (``\\[…\\]``) de esas páginas, con las páginas donde aparece."""
    found: dict[str, list[str]] = {}
    for path in paths:
        for formula in sitecrawl.parse(site, path).formulas:
            if formula.startswith("\\["):
                found.setdefault(formula, []).append(path)
    return found


@pytest.mark.parametrize("kind", ["galeria", "notas"])
def test_display_formulas_fit_the_column_at_desktop_width(tab: Tab, site: Any, kind: str) -> None:
    """En una ventana de 1280 px cada fórmula en bloque de la galería y de las notas cabe en
    la columna: lo que no cabe (casi siempre la derivada) quedaría tras una barra de
    desplazamiento. Una fórmula larga se parte en líneas alineadas (``\\\\`` y ``&``)."""
    paths = sitecrawl.gallery_examples(site) if kind == "galeria" else pages_of("notas")
    formulas = display_formulas(site, paths)
    assert formulas, f"ninguna fórmula en bloque en {kind}"
    template = next(p for p in paths if any(p in pages for pages in formulas.values()))
    visit = tab.open(template)
    assert visit.failed == [] and visit.console_errors == []
    sources = sorted(formulas)
    measured = tab.page.evaluate(FORMULAS_IN_THE_COLUMN, sources)
    column = measured["column"][1]
    assert column >= DESKTOP_COLUMN, f"{template}: la columna mide {column} px"
    wide = [
        f"{width} px > {box} px en {', '.join(formulas[source])}: {source[:70]}…"
        for source, (width, box) in zip(sources, measured["formulas"], strict=True)
        if width > box + 1
    ]
    assert wide == [], f"{len(wide)} fórmulas más anchas que la columna:\n" + "\n".join(wide)
