"""Las páginas del sitio abiertas en Chromium: una de cada clase, cada una abierta una vez.

Lo que no necesita dibujar la página (enlaces y anclas, recursos que existen, ninguna URL
de terceros, texto alternativo, imágenes que se decodifican, TeX fuera de las fórmulas,
fondo de cada figura) se comprueba en *todas* las páginas sin navegador, en
``test_site_files``. Aquí se abre una página de cada clase (``representatives``) y en esa
única visita se mira todo lo que sí necesita el navegador, en tema claro y luego oscuro:

- carga limpia: estado 200, sin errores en la consola, sin peticiones fallidas ni fuera
  de 127.0.0.1; cada imagen cargada y con texto alternativo;
- MathJax: cada fórmula dibujada, sin errores de TeX ni fórmulas cortadas, y ningún
  delimitador de TeX en el texto visible;
- axe-core (en la portada, una página de las notas, un ejemplo y una página de la API):
  ninguna infracción seria o crítica: todas las reglas en el tema claro y las de color
  (contraste, enlaces dentro del texto) en el oscuro;
- modo oscuro (el del sistema): el tema cambia y cada figura conserva su fondo claro y el
  contraste de sus trazos, medidos en lo que se ve (una captura de la página entera);
- en la portada y el catálogo, desplazarse, cambiar de tema y buscar no piden nada fuera.

Cada fórmula del sitio entero (leídas del HTML) se compila con el MathJax del sitio en una
sola página, y la 404 se sirve a dos profundidades.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from . import sitecrawl
from .browsing import SEARCH_DONE, TEX_LEFT, Tab, new_tab, pages_of
from .test_browser_layout import contrast, luminance, one_example_per_section

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
        // and every display formula can scroll, fitting or not: the style is the site's,
        // so a wide formula on a page not opened here scrolls too
        unscrollable: [...document.querySelectorAll('mjx-container[display="true"]')]
            .filter(d => !['auto', 'scroll'].includes(getComputedStyle(d).overflowX))
            .map(d => d.textContent.slice(0, 40)),
    };
}"""

AXE_RUN = (
    "options => axe.run(document, options).then(r => r.violations.map("
    "v => ({id: v.id, impact: v.impact, help: v.help,"
    " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))"
)
# In dark mode only the colours change (the page is the same document): its rules suffice.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]

FIGURES = "img.sphx-glr-single-img, .cell_output img, img.catalog-figure"
# Where each figure is in the document (not the viewport), to cut it out of one screenshot.
FIGURE_BOXES = """selector => [...document.querySelectorAll(selector)].map(img => {
    const r = img.getBoundingClientRect();
    return {src: img.src.slice(-40), x: r.left + scrollX, y: r.top + scrollY,
            width: r.width, height: r.height};
})"""
FIGURES_ON_SCREEN = 6  # see _figures_on_screen
# A theme change animates colours: wait for every transition to end before measuring.
TRANSITIONS_DONE = "() => Promise.all(document.getAnimations().map(a => a.finished))"

THEME = "() => document.documentElement.dataset.theme"


def _module_of(path: str) -> str:
    """``api/generated/actloss.nn.ELU.html`` -> ``actloss.nn``."""
    return path.rsplit("/", 1)[-1].removesuffix(".html").rsplit(".", 1)[0]


def axe_pages() -> list[str]:
    """Una página de cada clase, como lee el sitio un lector: portada, notas, ejemplo, API."""
    # «preguntas»: a teaching page with executed cells, figures and formulas, a third the
    # size of the others (axe over every MathJax node of a long page takes seconds).
    notes = [p for p in pages_of("notas") if p.endswith("/preguntas.html")]
    gallery = [p for p in pages_of("galeria") if "/plot_" in p]
    # An ordinary module page (ELU), not the longest one (AdaptiveLogSoftmaxWithLoss).
    api = [p for p in pages_of("api") if p.endswith("/generated/actloss.nn.ELU.html")]
    return ["index.html", *notes[:1], *gallery[:1], *api[:1]]


def representatives() -> list[str]:
    """Las páginas de la raíz, el índice y un ejemplo de cada sección de la galería, el
    índice de la API y su página de nn, tres páginas generadas (nn, functional y otra) y,
    de las notas, su índice y la página de :func:`axe_pages`.

    Las notas comparten plantilla (MyST ejecutado por myst-nb): una basta para el
    navegador. Lo que cambia de una a otra lo comprueban, en todas las páginas, las pruebas
    sin navegador de ``test_site_files`` (enlaces, imágenes, fondo de las figuras) y
    :func:`test_mathjax_typesets_every_formula_of_the_site` (cada fórmula del sitio).
    """
    pages = pages_of()
    chosen = [p for p in pages if "/" not in p and p != "404.html"]
    chosen += [p for p in pages if sitecrawl.kind(p) == "notas" and p.endswith("index.html")]
    # The section indexes of the gallery and of the API share their templates: the first
    # gallery index and the API's index and nn page stand for them.
    chosen += [p for p in pages if p == "galeria/index.html"]
    chosen += one_example_per_section()
    chosen += [p for p in pages if p in {"api/index.html", "api/nn.html"}]
    # Generated API pages share autodoc's template: one of nn, one of functional, one other.
    groups = {_module_of(p): p for p in axe_pages() if "/generated/" in p}  # ELU for nn
    for path in (p for p in pages if "/generated/" in p):
        module = _module_of(path)
        groups.setdefault(module if module in {"actloss.nn", "actloss.functional"} else "", path)
    chosen += sorted(groups.values())
    chosen += [p for p in axe_pages() if p not in chosen]
    return chosen or ["index.html"]


# Scrolling, the theme switch and keyboard search, once: on the landing page.
INTERACTIVE = ["index.html"]


def test_representatives_cover_each_kind_of_page(site: object) -> None:
    kinds = {sitecrawl.kind(p) for p in axe_pages()}
    assert kinds == {"portada", "notas", "galeria", "api"}, axe_pages()
    chosen = set(representatives())
    assert {sitecrawl.kind(p) for p in chosen} == {"portada", "notas", "galeria", "api", "otra"}
    assert set(INTERACTIVE) <= chosen
    sections = {p.rsplit("/", 1)[0] for p in sitecrawl.gallery_examples()}
    assert sections == {p.rsplit("/", 1)[0] for p in chosen if "/plot_" in p}


@pytest.fixture(scope="module")
def reader(browser: Any, base_url: str) -> Iterator[Tab]:
    """Una pestaña para todas las páginas: la caché del navegador se comparte, como la de
    un lector que navega por el sitio."""
    yield from new_tab(browser, base_url)


def _axe(tab: Tab, axe_source: str, page_path: str) -> list[str]:
    if not tab.page.evaluate("() => typeof axe !== 'undefined'"):
        tab.page.add_script_tag(content=axe_source)
    theme = tab.page.evaluate(THEME)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if theme == "dark":
        options["runOnly"] = {"type": "rule", "values": AXE_COLOUR_RULES}
    result = tab.page.evaluate(AXE_RUN, options)
    for v in result:
        print(f"axe {theme} {page_path}: {v['impact']} {v['id']}: {v['help']}")
    return [
        f"axe ({theme}): {v['impact']} {v['id']}: {v['help']} {v['nodes']}"
        for v in result
        if v["impact"] in {"serious", "critical"}
    ]


def _darkest_half_percent(colours: list[tuple[int, tuple[int, ...]]]) -> float:
    """La luminancia del percentil 0,5 de los píxeles, contando cada color a lo sumo 50
    veces (el fondo no ahoga los trazos): una vez por color distinto, no por píxel."""
    weighted = sorted((luminance(c), min(n, 50)) for n, c in colours)
    rank = sum(w for _, w in weighted) // 200
    for value, weight in weighted:
        rank -= weight
        if rank < 0:
            return value
    return weighted[-1][0]


def _figures_on_screen(tab: Tab) -> list[str]:
    """Cada figura, vista en la pantalla: fondo claro y contraste de sus trazos.

    Una sola captura, de la franja de la página que ocupan las primeras
    ``FIGURES_ON_SCREEN`` figuras, de la que se recorta cada una. Todas salen del mismo
    módulo de dibujo (:mod:`actloss.plotting`) con el mismo estilo, y el fondo de cada
    figura del sitio lo comprueba sin navegador ``test_site_files``; capturar la página
    entera del catálogo costaba segundos.
    """
    boxes = [b for b in tab.page.evaluate(FIGURE_BOXES, FIGURES) if b["width"] and b["height"]]
    boxes = boxes[:FIGURES_ON_SCREEN]
    if not boxes:
        return []
    width = tab.page.evaluate("() => document.documentElement.scrollWidth")
    top_of_band = min(b["y"] for b in boxes)
    bottom_of_band = max(b["y"] + b["height"] for b in boxes)
    band = {"x": 0, "y": top_of_band, "width": width, "height": bottom_of_band - top_of_band}
    png = tab.page.screenshot(full_page=True, clip=band)
    shot = Image.open(io.BytesIO(png)).convert("RGB")
    problems = []
    for i, box in enumerate(boxes):
        left, top = round(box["x"]), round(box["y"] - top_of_band)
        figure = shot.crop((left, top, left + int(box["width"]), top + int(box["height"])))
        colours = figure.getcolors(figure.width * figure.height) or []
        background = max(colours)[1]  # the most frequent colour
        ink = _darkest_half_percent(colours)  # lines, ticks and text
        if luminance(background) <= 0.6:
            problems.append(f"figura {i} ({box['src']}): fondo {background} oscuro")
        if contrast(luminance(background), ink) < 4.5:
            ratio = contrast(luminance(background), ink)
            problems.append(f"figura {i} ({box['src']}): contraste {ratio:.1f}")
    return problems


def _interact(tab: Tab) -> None:
    """Desplazarse, cambiar de tema y buscar con el teclado (lleva a la página de búsqueda)."""
    tab.page.mouse.wheel(0, 4000)
    tab.page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
    tab.page.keyboard.press("Control+k")
    tab.page.keyboard.type("relu")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.page.wait_for_function(SEARCH_DONE)
    assert "search.html?q=relu" in tab.page.url


@pytest.mark.parametrize("page_path", representatives())
def test_page_renders_cleanly_in_light_and_dark(
    reader: Tab, axe_source: str, page_path: str
) -> None:
    tab = reader
    tab.page.emulate_media(color_scheme="light")
    visit = tab.open(page_path)
    problems: list[str] = []
    assert visit.status == 200
    assert tab.page.evaluate(THEME) == "light"

    images: list[dict[str, Any]] = tab.page.evaluate(IMAGES)
    problems += [f"imagen sin cargar: {i['src'][:80]}" for i in images if i["width"] == 0]
    problems += [f"imagen sin texto alternativo: {i['src'][:80]}" for i in images if not i["alt"]]
    math = tab.page.evaluate(MATH)
    problems += [f"fórmula sin dibujar: {t[:60]}" for t in math["untypeset"]]
    problems += [f"error de TeX: {t[:60]}" for t in math["errors"]]
    problems += [f"fórmula cortada: {t}" for t in math["clipped"]]
    problems += [f"fórmula en bloque que no se desplaza: {t}" for t in math["unscrollable"]]
    leftover = TEX_LEFT.findall(tab.page.evaluate(VISIBLE_TEXT))
    problems += [f"delimitadores de TeX sin procesar: {leftover[:5]}"] if leftover else []
    if page_path in axe_pages():
        problems += _axe(tab, axe_source, page_path)

    # The system turns dark: the theme follows it without a reload.
    tab.page.emulate_media(color_scheme="dark")
    tab.page.wait_for_function(f"{THEME} === 'dark'")
    if page_path in axe_pages() or tab.page.locator(FIGURES).count():
        tab.page.evaluate(TRANSITIONS_DONE)  # only where colours are measured
    problems += [f"modo oscuro: {p}" for p in _figures_on_screen(tab)]
    if "/plot_" in page_path and not tab.page.locator(FIGURES).count():
        problems.append("el ejemplo no tiene figuras")
    if page_path in axe_pages():
        problems += _axe(tab, axe_source, page_path)

    if page_path in INTERACTIVE:  # last: it leaves the page
        tab.page.emulate_media(color_scheme="light")
        _interact(tab)
    problems += [f"error en la consola: {e}" for e in visit.console_errors]
    problems += [f"petición fallida: {f}" for f in visit.failed]
    problems += [f"petición fuera de 127.0.0.1: {u}" for u in visit.outside]
    assert problems == [], f"{page_path}:\n" + "\n".join(problems)


def test_mathjax_typesets_every_formula_of_the_site(reader: Tab, site: Any) -> None:
    """MathJax (desde _static) dibuja las notas, compila cada fórmula del sitio (y de los
    scripts que se descargan) sin error de TeX ni una barra invertida que quede como
    texto, y sirve lo que carga bajo demanda (extensiones, menú, SVG, a11y)."""
    tab = reader
    tab.page.emulate_media(color_scheme="light")
    # A short page with formulas: the long notes pages would be typeset twice (seconds).
    visit = tab.open("notas/glosario.html")
    assert all(u.startswith(visit.origin) for u in visit.requests)
    assert any("/_static/mathjax/tex-chtml.js" in u for u in visit.requests)
    counts = tab.page.evaluate(
        "() => [document.querySelectorAll('.math').length,"
        " document.querySelectorAll('.math mjx-container').length]"
    )
    assert counts[0] > 0 and counts[0] == counts[1], counts

    formulas = sorted(
        {f for p in sitecrawl.html_pages(site) for f in sitecrawl.parse(site, p).formulas}
    )
    assert len(formulas) > 100, len(formulas)
    # And those of the downloaded scripts, rewritten from reST by docs/_ext/plain_downloads.
    in_scripts = set(sitecrawl.script_formulas(site))
    assert sum(f.startswith("\\[") for f in in_scripts) > 50, len(in_scripts)
    formulas = sorted({*formulas, *in_scripts})
    failed = tab.page.evaluate(
        """async formulas => {
            const failed = [];
            for (const source of formulas) {
                const display = source.startsWith('\\\\[');
                const tex = source.slice(2, -2);
                try {
                    const mml = await MathJax.tex2mmlPromise(tex, {display});
                    if (mml.includes('<merror')) failed.push(source);
                    // A backslash left in text mode (\\text{a\\_b} without textmacros).
                    else if (/<mtext[^>]*>[^<]*\\\\/.test(mml)) failed.push(source + ' :: \\\\');
                } catch (error) {
                    failed.push(source + ' :: ' + error);
                }
            }
            return failed;
        }""",
        formulas,
    )
    assert failed == [], f"{len(failed)} fórmulas con errores de TeX: {failed[:5]}"

    components = ["[tex]/cancel", "[tex]/physics", "[tex]/mhchem", "output/svg", "a11y/explorer"]
    tab.page.evaluate("parts => MathJax.loader.load(...parts)", components)
    tab.page.evaluate("() => MathJax.typesetPromise()")
    loaded = [u for u in visit.requests if "/mathjax/" in u]
    assert any(u.endswith("/input/tex/extensions/physics.js") for u in loaded), loaded
    assert any(u.endswith("/output/svg.js") for u in loaded), loaded
    assert visit.failed == [] and visit.console_errors == []


def test_not_found_page_works_at_any_depth(reader: Tab) -> None:
    """La 404 que sirve el host a cualquier profundidad carga su CSS y enlaza a la portada."""
    tab = reader
    tab.page.emulate_media(color_scheme="light")
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
