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
