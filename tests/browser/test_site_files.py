"""El sitio construido, leído como archivos (sin navegador): enlaces, alojamiento y peso."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse, urlsplit

import numpy as np
from PIL import Image

from . import sitecrawl
from .browsing import site_prefix

ROOT = sitecrawl.ROOT


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = list(sitecrawl.broken_links(site))
    assert broken == [], "\n".join(broken[:20])


def test_external_links_are_listed_in_one_place(site: Path) -> None:
    """Se escriben en _build/enlaces-externos.txt; ninguno se pide al construir ni al ver."""
    links = sitecrawl.external_links(site)
    listed = sitecrawl.write_external_links(site).read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[0] for row in listed] == list(links)
    print(sitecrawl.report(site))


def test_gallery_pages_weigh_under_400_kb(site: Path) -> None:
    examples = sitecrawl.gallery_examples(site)
    assert examples, "la galería no tiene ejemplos"
    heavy = {}
    for path in examples:
        html, images = sitecrawl.page_weight(site, path)
        if html + images > sitecrawl.GALLERY_PAGE_LIMIT:
            heavy[path] = f"{(html + images) / 1024:.0f} KB"
    assert heavy == {}, "páginas de la galería de más de 400 KB con sus imágenes"


def test_mathjax_is_trimmed_to_what_the_site_loads(site: Path) -> None:
    mathjax = site / "_static" / "mathjax"
    assert (mathjax / "tex-chtml.js").is_file()
    combined = sorted(p.name for p in mathjax.glob("*.js"))
    assert combined == ["core.js", "loader.js", "startup.js", "tex-chtml.js"], combined
    assert sitecrawl.tree_size(mathjax) < 12 * 2**20


def test_sitemap_lists_every_page_at_the_canonical_address(site: Path) -> None:
    tree = ET.parse(site / "sitemap.xml")
    locs = [e.text or "" for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    index = sitecrawl.parse(site, "index.html")
    assert index.canonical, "falta <link rel=canonical> (html_baseurl)"
    base = index.canonical.removesuffix("index.html")
    pages = {p for p in sitecrawl.html_pages(site) if sitecrawl.kind(p) != "otra"}
    assert pages <= {loc.removeprefix(base) for loc in locs}
    assert all(loc.startswith(base) for loc in locs)


def test_pages_carry_open_graph_metadata(site: Path) -> None:
    pages = [p for p in sitecrawl.html_pages(site) if sitecrawl.kind(p) != "otra"]
    for path in pages:
        page = sitecrawl.parse(site, path)
        keys = ["og:title", "og:type", "og:url", "og:site_name"]
        if sitecrawl.kind(path) != "api":  # autodoc pages open with a signature, not prose
            keys.append("og:description")
        for key in keys:
            assert page.meta.get(key), f"{path}: falta {key}"
        assert page.meta["og:url"] == page.canonical


def test_not_found_page_uses_absolute_links_under_the_site_path(site: Path) -> None:
    """Así funciona servida a cualquier profundidad (el navegador lo comprueba también)."""
    prefix = site_prefix(site)
    page = sitecrawl.parse(site, "404.html")
    local = [u for u in page.links + page.assets if not sitecrawl.is_external(u)]
    relative = [u for u in local if not u.startswith(prefix) and not u.startswith("#")]
    assert relative == [], relative


def test_nothing_in_the_site_points_at_a_cdn(site: Path) -> None:
    """Ningún recurso (script, css, imagen, fuente) se carga de otro sitio."""
    for path in sitecrawl.html_pages(site):
        page = sitecrawl.parse(site, path)
        external = [u for u in page.assets if sitecrawl.is_external(u)]
        assert external == [], f"{path}: {external}"


def readme_commands() -> list[str]:
    """Las dos órdenes de «Dos órdenes» del README (sin comentarios), como las lee .ci/run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Dos órdenes", 1)[1].split("\n## ", 1)[0]
    return [
        line.split("#")[0].strip()
        for line in block.splitlines()
        if line.startswith("pipx run nox ")
    ]


def test_read_the_docs_and_pages_build_with_the_readme_command() -> None:
    docs, tests = readme_commands()
    assert tests == f"{docs} tests", (docs, tests)
    rtd = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert docs in rtd and "_build/html" in rtd and "READTHEDOCS_OUTPUT" in rtd
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert f"run: {docs}\n" in workflow
    assert "path: _build/html" in workflow and "actions/deploy-pages" in workflow


def test_every_function_page_shows_how_it_is_computed(site: Path) -> None:
    """«Cómo se calcula»: la página de cada función muestra su definición de actloss.reference,
    leída del código al construir (docs/_ext/how_computed.py)."""
    from actloss import catalog, reference

    pages = [(e.name, e.example, reference) for e in catalog.CATALOG.values()]
    pages += [(e.name, e.example, reference.energy) for e in catalog.energy_losses()]
    # The page of NLLLoss2d, torch's old name for NLLLoss, shows the function it calls.
    assert "NLLLoss2d" in catalog.get("nll_loss").quirks.module_aliases
    pages.append(("nll_loss", "galeria/perdidas/plot_nll_loss2d", reference))
    shown = {example for _, example, _ in pages}
    every = {
        str(path.relative_to(site).with_suffix(""))
        for folder in ("activaciones", "perdidas", "energia")
        for path in (site / "galeria" / folder).glob("plot_*.html")
    }
    assert every - shown == set(), "páginas de funciones que la prueba no conoce"
    missing = []
    for name, example, definitions in pages:
        if not hasattr(definitions, name):  # a layer with parameters, not a function
            continue
        html = (site / f"{example}.html").read_text(encoding="utf-8")
        code = re.sub(r"<[^>]+>", "", html)
        if "Cómo se calcula" not in html or f"def {name}(" not in code:
            missing.append(example)
    assert missing == []


def test_base_url_is_a_directory_url(site: Path) -> None:
    index = sitecrawl.parse(site, "index.html")
    assert index.canonical and urlparse(index.canonical).path.endswith("/index.html")


def test_gallery_pages_read_in_spanish(site: Path) -> None:
    """Los textos fijos de sphinx-gallery (en inglés) están traducidos (docs/_ext/gallery_es)."""
    english = re.compile(r"Go to the end|Download |Total running time|Gallery generated by")
    for path in (p for p in sitecrawl.html_pages(site) if sitecrawl.kind(p) == "galeria"):
        text = re.sub(r"<[^>]+>", "", (site / path).read_text(encoding="utf-8"))
        assert english.findall(text) == [], path


def test_every_figure_the_notes_draw_is_on_the_page(site: Path) -> None:
    """Cada celda de las notas que dibuja una figura deja una imagen en la página.

    (Con ``MPLBACKEND=agg`` en el entorno del núcleo, myst-nb no recibiría ninguna.)
    """
    notes = ROOT / "docs" / "notas"
    short = {}
    for source in sorted(notes.glob("*.md")):
        drawn = len(re.findall(r"^fig = \w+_figure\(", source.read_text(), flags=re.MULTILINE))
        html = (site / "notas" / f"{source.stem}.html").read_text(encoding="utf-8")
        shown = len(re.findall(r'<img [^>]*src="[^"]*_images/', html))
        if shown < drawn:
            short[source.stem] = f"{shown} de {drawn}"
    assert short == {}, f"figuras de las notas que faltan: {short}"


def test_no_page_shows_the_same_figure_twice(site: Path) -> None:
    """Una celda que deja la figura abierta y además la devuelve la muestra dos veces."""
    twice = {}
    for path in sitecrawl.html_pages(site):
        html = (site / path).read_text(encoding="utf-8")
        figures = re.findall(r'<img [^>]*src="([^"]*_images/[^"]+)"', html)
        repeated = sorted({src for src in figures if figures.count(src) > 1})
        if repeated:
            twice[path] = repeated
    assert twice == {}, f"figuras repetidas: {twice}"


# Checks made statically over every page; the browser makes them again, rendered, on one page
# of each kind (test_browser_pages.REPRESENTATIVES).


def test_every_image_has_alt_text_and_decodes(site: Path) -> None:
    """Cada ``<img>`` de cada página tiene texto alternativo y un archivo que se decodifica."""
    problems = []
    decoded: set[str] = set()
    for path in sitecrawl.html_pages(site):
        for src, alt in sitecrawl.parse(site, path).alts.items():
            if not alt:
                problems.append(f"{path}: {src[:60]} sin texto alternativo")
            if sitecrawl.is_external(src) or src.endswith(".svg"):
                continue  # external: refused by the CDN test; svg: checked by the links test
            key = src if src.startswith("data:") else sitecrawl.resolve(path, src)[0]
            if key in decoded:
                continue
            decoded.add(key)
            try:
                Image.open(io.BytesIO(sitecrawl.image_bytes(site, path, src))).verify()
            except Exception as error:  # a missing, empty or corrupt file
                problems.append(f"{path}: {src[:60]} no se puede leer ({error})")
    assert problems == [], "\n".join(problems[:20])


def test_no_raw_tex_outside_math_and_code(site: Path) -> None:
    """Fuera del código y de las fórmulas no queda TeX sin procesar; cada página con fórmulas
    carga MathJax (desde _static) y cada fórmula lleva sus delimitadores."""
    problems = []
    for path in sitecrawl.html_pages(site):
        page = sitecrawl.parse(site, path)
        leftover = sitecrawl.TEX_DELIMITERS.findall(" ".join(page.prose))
        if leftover:
            problems.append(f"{path}: delimitadores de TeX en el texto: {leftover[:5]}")
        # An incremental build adds a checksum to the address: tex-chtml.js?v=...
        loads = (urlsplit(a).path.endswith("mathjax/tex-chtml.js") for a in page.assets)
        if page.formulas and not any(loads):
            problems.append(f"{path}: tiene fórmulas y no carga MathJax")
        bare = [f[:40] for f in page.formulas if not re.fullmatch(r"(?s)\\\(.*\\\)|\\\[.*\\\]", f)]
        if bare:
            problems.append(f"{path}: fórmulas sin delimitadores: {bare[:3]}")
    assert problems == [], "\n".join(problems[:20])


def _luminance(rgb: np.ndarray) -> np.ndarray:
    """Luminancia relativa de WCAG 2 de colores sRGB en [0, 1] (última dimensión: RGB)."""
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def figure_legibility(data: bytes) -> tuple[float, float]:
    """Luminancia del fondo y contraste de los trazos de una figura vista sobre negro.

    Lo que se ve en modo oscuro si ningún estilo la altera (el navegador lo comprueba en
    una página de cada clase): una figura transparente mostraría el fondo oscuro.
    """
    image = Image.open(io.BytesIO(data))
    image.thumbnail((800, 800))  # about the size it is shown at
    rgba = np.asarray(image.convert("RGBA"), dtype=np.int64).reshape(-1, 4)
    rgb = (rgba[:, :3] * rgba[:, 3:] + 127) // 255  # composited over black
    packed = (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
    colours, counts = np.unique(packed, return_counts=True)
    channels = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1) / 255
    lum = _luminance(channels)
    background = float(lum[counts.argmax()])  # the most frequent colour
    # The darkest half percent, each colour counted at most 50 times: lines, ticks and text.
    order = np.argsort(lum, kind="stable")
    weighted = np.repeat(lum[order], np.minimum(counts[order], 50))
    ink = float(weighted[len(weighted) // 200])
    return background, (max(background, ink) + 0.05) / (min(background, ink) + 0.05)


def test_every_figure_keeps_a_light_opaque_background_in_dark_mode(site: Path) -> None:
    """Cada figura de cada página (galería, notas, catálogo, rendimiento): fondo claro y
    opaco y contraste ≥ 4.5 entre sus trazos y ese fondo, compuesta sobre negro."""
    problems, seen = [], set()
    for path in sitecrawl.html_pages(site):
        for src in sitecrawl.parse(site, path).figures:
            key = src if src.startswith("data:") else sitecrawl.resolve(path, src)[0]
            if key in seen:
                continue
            seen.add(key)
            background, ratio = figure_legibility(sitecrawl.image_bytes(site, path, src))
            if background <= 0.6 or ratio < 4.5:
                problems.append(f"{path}: {key[:60]} fondo {background:.2f} contraste {ratio:.1f}")
    assert seen, "el sitio no tiene figuras"
    assert problems == [], "\n".join(problems[:20])
