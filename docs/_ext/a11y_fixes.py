"""Arreglos de accesibilidad que axe-core pide al tema y a la galería.

- Miniaturas de la galería: sphinx-gallery deja vacío su ``alt``; cada una recibe el
  título de su ejemplo («Figura del ejemplo: …»).
- Barra lateral: pydata-sphinx-theme pliega las secciones con un ``<summary>`` que solo
  lleva un icono, sin nombre para un lector de pantalla (regla ``summary-name``); se le
  añade un texto visible solo para lectores de pantalla.

El botón de búsqueda está en ``docs/_templates/search-button-field.html``.
Las pruebas de ``tests/browser`` comprueban todo esto en Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

THUMB = re.compile(r"sphx_glr_(?P<stem>.+)_thumb\.\w+$")
TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
NAMED_TOGGLE = (
    '<summary><span class="visually-hidden">Mostrar u ocultar la sección</span>'
    '<span class="toctree-toggle" role="presentation">'
)


def describe_thumbnails(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    examples = {name.rsplit("/", 1)[-1]: name for name in app.env.titles if "/plot_" in name}
    for image in doctree.findall(nodes.image):
        match = THUMB.search(image.get("uri", ""))
        if image.get("alt") or not match or match["stem"] not in examples:
            continue
        title = app.env.titles[examples[match["stem"]]].astext()
        image["alt"] = f"Figura del ejemplo: {title}"


def name_toctree_toggles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    generate: Callable[..., Any] | None = context.get("generate_toctree_html")
    if generate is None:
        return

    def named(*args: Any, **kwargs: Any) -> Any:
        return str(generate(*args, **kwargs)).replace(TOGGLE, NAMED_TOGGLE)

    context["generate_toctree_html"] = named


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("doctree-resolved", describe_thumbnails)
    app.connect("html-page-context", name_toctree_toggles, priority=900)  # after the theme
    return {"parallel_read_safe": True, "parallel_write_safe": True}
