"""El sitio construido, leído como archivos (sin navegador): enlaces, alojamiento y peso."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

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


def test_read_the_docs_and_pages_build_through_nox() -> None:
    rtd = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "nox -s docs" in rtd and "_build/html" in rtd and "READTHEDOCS_OUTPUT" in rtd
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert re.search(r"nox -s docs", workflow)
    assert "path: _build/html" in workflow and "actions/deploy-pages" in workflow


def test_base_url_is_a_directory_url(site: Path) -> None:
    index = sitecrawl.parse(site, "index.html")
    assert index.canonical and urlparse(index.canonical).path.endswith("/index.html")
