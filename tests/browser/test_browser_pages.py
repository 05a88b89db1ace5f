"""Cada página del sitio abierta en Chromium: carga limpia, imágenes, fórmulas y red local.

Las páginas salen de ``_build/html`` al ejecutar (``conftest.pytest_generate_tests``):
la portada, las notas, la galería, la API y el resto.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browsing import SEARCH_DONE, TEX_LEFT, Tab

# Text outside code: raw TeX here means MathJax did not typeset it.
VISIBLE_TEXT = """() => {
    const copy = document.querySelector('main, .bd-main, body').cloneNode(true);
    copy.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight')
        .forEach(node => node.remove());
    return copy.textContent;
}"""

IMAGES = """() => [...document.images].map(img => ({
    src: img.currentSrc || img.src, width: img.naturalWidth, alt: (img.alt || '').trim()}))"""

MATH = """() => {
    const math = [...document.querySelectorAll('.math, .mjx-math-source')];
    return {
        total: math.length,
        untypeset: math.filter(m => !m.querySelector('mjx-container') &&
                                    m.tagName !== 'MJX-CONTAINER').map(m => m.textContent),
        errors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent),
        // a display formula wider than the column must scroll, not be cut off
        clipped: [...document.querySelectorAll('mjx-container[display="true"]')]
            .filter(d => d.scrollWidth > d.clientWidth + 1 &&
                         !['auto', 'scroll'].includes(getComputedStyle(d).overflowX))
            .map(d => d.textContent.slice(0, 40)),
    };
}"""


def test_page_loads_cleanly(shared_tab: Tab, site_page: str) -> None:
    tab = shared_tab
    visit = tab.open(site_page)
    assert visit.status == 200
    assert visit.console_errors == [], f"errores en la consola de {site_page}"
    assert visit.failed == [], f"peticiones fallidas en {site_page}"
    assert visit.outside == [], f"{site_page} pide recursos fuera de 127.0.0.1"

    images: list[dict[str, Any]] = tab.page.evaluate(IMAGES)
    assert [i["src"] for i in images if i["width"] == 0] == [], "imágenes sin cargar"
    assert [i["src"] for i in images if not i["alt"]] == [], "imágenes sin texto alternativo"

    math = tab.page.evaluate(MATH)
    assert math["untypeset"] == [], f"fórmulas sin dibujar en {site_page}"
    assert math["errors"] == [], f"errores de TeX en {site_page}"
    assert math["clipped"] == [], f"fórmulas cortadas en {site_page}"
    leftover = TEX_LEFT.findall(tab.page.evaluate(VISIBLE_TEXT))
    assert leftover == [], f"delimitadores de TeX sin procesar en {site_page}"


def test_math_is_typeset_where_the_source_has_math(tab: Tab, site: Any) -> None:
    """Las notas tienen fórmulas: MathJax (desde _static) las convierte en mjx-container."""
    visit = tab.open("notas/activacion.html")
    assert all(u.startswith(visit.origin) for u in visit.requests)
    assert any("/_static/mathjax/tex-chtml.js" in u for u in visit.requests)
    counts = tab.page.evaluate(
        "() => [document.querySelectorAll('.math').length,"
        " document.querySelectorAll('.math mjx-container').length]"
    )
    assert counts[0] > 0 and counts[0] == counts[1], counts


def test_mathjax_lazy_components_are_served(tab: Tab) -> None:
    """Lo que tex-chtml.js carga bajo demanda (extensiones, menú, SVG, a11y) está copiado."""
    visit = tab.open("notas/activacion.html")
    components = ["[tex]/cancel", "[tex]/physics", "[tex]/mhchem", "output/svg", "a11y/explorer"]
    tab.page.evaluate("parts => MathJax.loader.load(...parts)", components)
    tab.page.evaluate("() => MathJax.typesetPromise()")
    loaded = [u for u in visit.requests if "/mathjax/" in u]
    assert any(u.endswith("/input/tex/extensions/physics.js") for u in loaded), loaded
    assert any(u.endswith("/output/svg.js") for u in loaded), loaded
    assert visit.failed == [] and visit.console_errors == []


def test_not_found_page_works_at_any_depth(tab: Tab) -> None:
    """La 404 que sirve el host a cualquier profundidad carga su CSS y enlaza a la portada."""
    for missing_path in ("no-existe.html", "galeria/activaciones/a/b/c/no-existe.html"):
        visit = tab.open(missing_path, status=404)
        assert visit.status == 404
        assert visit.failed == [] and visit.console_errors == [] and visit.outside == []
        assert tab.page.locator("h1").first.inner_text() == "Página no encontrada"
        sheets = tab.page.evaluate("() => document.styleSheets.length")
        assert sheets > 3, "la 404 no cargó las hojas de estilo del tema"
        home = tab.page.get_by_role("link", name="portada")
        home.click()
        tab.page.wait_for_load_state()
        assert tab.page.url.rstrip("/").endswith(("index.html", tab.base_url.rstrip("/")))
        assert tab.page.title().startswith("actloss")


@pytest.mark.parametrize("page_path", ["index.html", "catalogo.html"])
def test_no_request_leaves_the_machine_after_interaction(tab: Tab, page_path: str) -> None:
    """Buscar, cambiar de tema y desplazarse tampoco pide nada fuera de 127.0.0.1."""
    visit = tab.open(page_path)
    tab.page.mouse.wheel(0, 4000)
    tab.page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
    tab.page.keyboard.press("Control+k")
    tab.page.keyboard.type("relu")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.page.wait_for_function(SEARCH_DONE)
    assert "search.html?q=relu" in tab.page.url
    assert visit.outside == [] and visit.failed == [] and visit.console_errors == []
