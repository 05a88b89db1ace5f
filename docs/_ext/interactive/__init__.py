"""Figuras interactivas: controles que redibujan las curvas con números de actloss.

Cada página de la galería de una función con parámetros recibe, debajo de su figura
estática, una figura con un control por parámetro: un deslizador (``<input
type="range">``) para los continuos y una lista (``<select>``) para las opciones. Los
parámetros, sus intervalos y sus valores por defecto salen del catálogo
(:func:`catalog_parameters`), así que una entrada nueva con parámetros tiene controles
el día que se añade.

Los números se calculan aquí, al construir, con :mod:`actloss`: la función y su
derivada (autograd) en una rejilla de valores de los parámetros por una rejilla de
:math:`x`, redondeados a lo que se ve en pantalla. Van dentro de la página como JSON;
``docs/_static/interactivo.js`` solo elige la curva del valor marcado y la dibuja (y,
si el lector no pide menos movimiento, interpola entre dos valores de la rejilla
durante la transición). La página ``explorador`` superpone varias funciones con sus
valores por defecto.

Los cálculos se guardan en ``<doctrees>/interactivo``, con la huella de
``src/actloss`` y de esta extensión en el nombre: una página que se vuelve a leer sin que
cambie la biblioteca no repite la cuenta. Los ``.py`` y ``.ipynb`` que se descargan
no cambian: la figura se añade al ``.rst`` que genera sphinx-gallery, al leerlo.

Las piezas: ``controls`` (los parámetros como controles), ``views`` y
``loss_views`` (qué se dibuja frente a qué), ``data`` (los números) y este
módulo (la caché, las directivas y los ganchos de Sphinx).
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .controls import catalog_parameters
from .data import compute, compute_explorer, view_of

# The energy losses' key in the directive: "nll_loss" alone names two entries.
ENERGY_KEY = "energia:"

# The package's files as they were when imported: the code that computes, even if a file
# changes on disk while a build runs (the cache would otherwise file old numbers under a
# new name).
_FILES = sorted(Path(__file__).parent.glob("*.py"))
_SOURCE = hashlib.sha256(b"".join(path.read_bytes() for path in _FILES)).hexdigest()


@functools.cache
def _fingerprint() -> str:
    """La huella de ``src/actloss`` y de esta extensión: una vez por proceso."""
    from library_stamp import library_fingerprint

    return hashlib.sha256(f"{library_fingerprint()}{_SOURCE}".encode()).hexdigest()[:16]


def cached(cache: Path, name: str, make: Callable[[], Any]) -> Any:
    """``make()`` guardado en ``cache/<name>-<huella>.json``; se calcula una vez por huella."""
    path = cache / f"{name}-{_fingerprint()}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    value = make()
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{name}-*.json"):
        old.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(value, separators=(",", ":"), ensure_ascii=False), "utf-8")
    partial.replace(path)  # atomic: parallel readers see the whole file or none
    return value


def _payload(data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/")  # a JSON string must not close the <script>


def _with_math(text: str) -> str:
    """``text`` como HTML; cada ``$...$`` pasa a matemática en línea, como la de Sphinx.

    MathJax solo compone los elementos de clase ``math``: el resto del pie queda como texto.
    """
    pieces = text.split("$")
    if len(pieces) % 2 == 0:
        raise ValueError(f"un «$» sin pareja en la nota {text!r}")
    return "".join(
        html.escape(piece)
        if i % 2 == 0
        else f'<span class="math notranslate nohighlight">\\({html.escape(piece)}\\)</span>'
        for i, piece in enumerate(pieces)
    )


class _Figure(SphinxDirective):
    def _cache(self) -> Path:
        return Path(self.env.doctreedir) / "interactivo"

    def _raw(self, markup: str) -> list[nodes.Node]:
        for path in _FILES:  # a change in the extension re-reads the page
            self.env.note_dependency(str(path))
        return [nodes.raw("", markup, format="html")]


class Interactive(_Figure):
    """``.. interactivo:: <nombre>``: la figura con controles de una entrada del catálogo."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        key = self.arguments[0]
        entry = entries()[key]
        data = cached(self._cache(), key.replace(":", "-"), lambda: compute(entry, key=key))
        if data is None:
            return []
        caption = (
            "Figura interactiva: mueva los controles para redibujar la curva con otros "
            "valores de los parámetros. Los números los calculó actloss al construir el sitio."
        )
        if data["nota"]:
            caption += f" {_with_math(data['nota'])}"
        return self._raw(
            f'<figure class="interactivo" data-interactivo="{html.escape(entry.name)}" hidden>'
            f"<figcaption>{caption}</figcaption>"
            f'<script type="application/json" class="interactivo-datos">{_payload(data)}</script>'
            "</figure>"
        )


class Explorer(_Figure):
    """``.. interactivo-explorador:: activaciones|perdidas``: una parte del explorador."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in {"activaciones", "perdidas"}:
            raise self.error(f"parte desconocida {part!r}: use activaciones o perdidas")
        data = cached(self._cache(), "explorador", compute_explorer)[part]
        return self._raw(
            f'<div class="interactivo-explorador" data-parte="{part}" hidden>'
            f'<script type="application/json" class="interactivo-datos">{_payload(data)}</script>'
            "</div>"
            '<noscript><p class="interactivo-sin-js">El explorador necesita JavaScript; las '
            "figuras de cada función están en la galería.</p></noscript>"
        )


FIRST_FIGURE = re.compile(r"^\.\. image-sg:: .*\n(?:[ \t]+.*\n)*", re.MULTILINE)
DOWNLOADS = re.compile(r"^\.\. _sphx_glr_download_", re.MULTILINE)


def entries() -> dict[str, Any]:
    """Las entradas del catálogo por su clave en la directiva: su nombre, o
    ``energia:<nombre>`` para las pérdidas de energía (:func:`actloss.catalog.energy_losses`)."""
    from actloss import catalog

    found: dict[str, Any] = dict(catalog.CATALOG)
    for entry in catalog.energy_losses():
        found[ENERGY_KEY + entry.name] = entry
    return found


def example_of(entry: Any) -> str:
    """El documento del ejemplo de la galería de ``entry``: el de una pérdida de energía
    tiene en cuenta su ``page`` (``plot_energy_nll_loss``, no ``plot_nll_loss``)."""
    return str(entry.example)


def figure_for(docname: str) -> str | None:
    """La clave de la entrada cuyo ejemplo es ``docname``, si tiene figura interactiva."""
    if not docname.startswith("galeria/"):
        return None
    for key, entry in entries().items():
        if example_of(entry) == docname and catalog_parameters(entry) and view_of(entry):
            return key
    return None


def insert_figure(text: str, name: str) -> str:
    """El ``.rst`` de un ejemplo con la figura interactiva tras su primera figura."""
    directive = f"\n.. interactivo:: {name}\n\n"
    if match := FIRST_FIGURE.search(text):
        return text[: match.end()] + directive + text[match.end() :]
    if match := DOWNLOADS.search(text):
        return text[: match.start()] + directive + text[match.start() :]
    return text + directive


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if name := figure_for(docname):
        source[0] = insert_figure(source[0], name)


def _assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], *_: Any
) -> None:
    if 'class="interactivo' in context.get("body", ""):
        app.add_css_file("interactivo.css")
        app.add_js_file("interactivo.js", defer="defer")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("interactivo", Interactive)
    app.add_directive("interactivo-explorador", Explorer)
    app.connect("source-read", _source_read)
    app.connect("html-page-context", _assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
