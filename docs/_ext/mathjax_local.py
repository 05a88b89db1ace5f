"""MathJax servido desde ``_static/mathjax``, sin CDN, copiando solo lo que usa el sitio.

El paquete ``sphinx-mathjax-offline`` trae MathJax 3 entero (24 MB), con una docena de
archivos combinados (``tex-svg.js``, ``mml-chtml.js``, ...) que el sitio no usa. El
sitio carga ``tex-chtml.js``; se copia ese archivo y cada componente suelto que puede
pedir después: las extensiones de TeX (``autoload`` y ``require``), las fuentes, la
salida SVG y la accesibilidad que ofrece el menú contextual (``ui``, ``a11y``, ``sre``).
Las pruebas del navegador comprueban que las fórmulas se dibujan y que esos componentes
se cargan sin fallos.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset

COMPONENT = "tex-chtml.js"
# Every single component, but only one of the combined files (the others are 15 MB).
LAZY = ("core.js", "loader.js", "startup.js", "a11y", "adaptors", "input", "output", "sre", "ui")


def mathjax_source() -> Path:
    """La carpeta de MathJax que instala ``sphinx-mathjax-offline``."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise RuntimeError("falta sphinx-mathjax-offline (el extra docs de actloss)")
    return Path(spec.origin).parent / "static" / "mathjax"


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_source(), Path(app.outdir) / "_static" / "mathjax"
    for part in (COMPONENT, *LAZY):
        path = source / part
        if path.is_dir():
            copy_asset(path, target / part)
        else:
            target.joinpath(part).parent.mkdir(parents=True, exist_ok=True)
            copy_asset(path, target / Path(part).parent)


def setup(app: Sphinx) -> dict[str, object]:
    app.config.mathjax_path = f"mathjax/{COMPONENT}"
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
