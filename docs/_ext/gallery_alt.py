"""Texto alternativo para las miniaturas de la galería.

sphinx-gallery deja vacío el ``alt`` de cada miniatura. Aquí cada una recibe el título
de su ejemplo («Figura del ejemplo: …»), de modo que ninguna imagen del sitio queda
sin texto alternativo (lo comprueban las pruebas del navegador).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

THUMB = re.compile(r"sphx_glr_(?P<stem>.+)_thumb\.\w+$")


def describe_thumbnails(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    examples = {name.rsplit("/", 1)[-1]: name for name in app.env.titles if "/plot_" in name}
    for image in doctree.findall(nodes.image):
        match = THUMB.search(image.get("uri", ""))
        if image.get("alt") or not match or match["stem"] not in examples:
            continue
        title = app.env.titles[examples[match["stem"]]].astext()
        image["alt"] = f"Figura del ejemplo: {title}"


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("doctree-resolved", describe_thumbnails)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
