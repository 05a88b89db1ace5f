"""``sitemap.xml`` con todas las páginas del sitio.

sphinx-sitemap solo anota las páginas que escribe cada construcción, así que tras una
construcción incremental el mapa quedaba con unas pocas. Aquí se escribe a partir de
todos los documentos del proyecto, al terminar cada construcción.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    base = app.config.html_baseurl
    excluded = set(app.config.sitemap_excludes)
    uris = sorted(app.builder.get_target_uri(doc) for doc in app.env.found_docs)
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for uri in uris:
        if uri not in excluded:
            ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = base + uri
    ET.indent(urlset)
    ET.ElementTree(urlset).write(
        Path(app.outdir) / "sitemap.xml", encoding="utf-8", xml_declaration=True
    )


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("sitemap_excludes", [], "html")
    app.connect("build-finished", write_sitemap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
