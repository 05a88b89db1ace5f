"""La directiva ``catalog-table``: la tabla resumen generada a partir de ``actloss.catalog``."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:  # imported where used: a build with nothing to read need not load torch
    from actloss.catalog import ActivationProperties, Entry, LossProperties
    from actloss.catalog._entry import VectorProperties


def _yes(flag: bool) -> str:
    return "sí" if flag else "no"


def _bound(value: float) -> str:
    if math.isinf(value):
        return r"-\infty" if value < 0 else r"\infty"
    return f"{value:g}"


def _interval(low: float, high: float, attained: tuple[bool, bool] = (False, False)) -> str:
    """La imagen en notación de intervalos: cerrada por un extremo finito que se alcanza."""
    left = "[" if attained[0] and math.isfinite(low) else "("
    right = "]" if attained[1] and math.isfinite(high) else ")"
    return f":math:`{left}{_bound(low)},\\ {_bound(high)}{right}`"


def _activation_cells(p: ActivationProperties) -> list[str]:
    return [
        _interval(*p.range, p.attained),
        _yes(p.monotone),
        _yes(p.smooth),
        _yes(p.zero_centred),
        _yes(p.bounded),
        p.saturation,
        _yes(p.positively_homogeneous),
        str(p.learnable),
    ]


def _loss_cells(p: LossProperties) -> list[str]:
    return [_yes(p.nonnegative), _yes(p.zero_at_target), _yes(p.convex), _yes(p.bounded_gradient)]


def _vector_cells(p: VectorProperties) -> list[str]:
    return [
        _interval(*p.range),
        p.normalization,
        _yes(p.shift_invariant),
        p.order,
        _yes(p.halves),
        str(p.dim),
        str(p.learnable),
    ]


VECTOR_HEADERS = [
    "Imagen",
    "Normaliza a",
    "Invariante a sumar una constante",
    "Orden",
    "Reduce a la mitad",
    "Dimensión",
    "Parámetros",
]

VECTOR_INTRO = (
    "Las activaciones vectoriales actúan sobre una dimensión entera, no elemento a "
    "elemento. **Normaliza a**: las salidas son probabilidades (suman 1) o "
    "log-probabilidades (sus exponenciales suman 1). **Orden**: si :math:`x_i > x_j` "
    "implica :math:`f_i > f_j` (conserva) o :math:`f_i < f_j` (invierte). "
    "**Reduce a la mitad**: la salida tiene la mitad de tamaño en esa dimensión."
)

HEADERS = {
    "activación": [
        "Imagen",
        "Monótona",
        "Suave",
        "Centrada en 0",
        "Acotada",
        "Saturación",
        "Homogénea",
        "Parámetros",
    ],
    "pérdida": ["No negativa", "Cero en el objetivo", "Convexa", "Gradiente acotado"],
}


def _plain(text: str) -> str:
    """``text`` como texto reST literal: ``|x − y|`` no es una sustitución ni ``*`` énfasis."""
    for special in ("\\", "|", "*", "`", "_"):
        text = text.replace(special, "\\" + special)
    return text


def _api(entry: Entry) -> str:
    """La función y el módulo; una capa con parámetros propios puede no tener función."""
    import actloss.functional

    module = f":class:`~actloss.nn.{entry.module}`"
    if not hasattr(actloss.functional, entry.name):
        return module
    return f":func:`~actloss.functional.{entry.name}`, {module}"


def _row(entry: Entry) -> list[str]:
    from actloss.catalog import ActivationProperties
    from actloss.catalog._entry import VectorProperties

    p = entry.properties
    if isinstance(p, ActivationProperties):
        cells = _activation_cells(p)
    elif isinstance(p, VectorProperties):
        cells = _vector_cells(p)
    else:
        cells = _loss_cells(p)
    derivative = "Derivada" if entry.kind == "activación" else "Gradiente"
    return [
        f":doc:`{entry.title} </{entry.example}>`",
        # The formula, and under it the derivative (or the gradient), both from the catalog.
        f":math:`{entry.formula}`\n\n{derivative}: :math:`{entry.derivative}`",
        *cells,
        _api(entry),
        # The notes' claim that the example demonstrates, then the link to the notes.
        f"{_plain(entry.claim)} (:ref:`notas <{entry.section}>`)",
    ]


def _table(header: list[str], entries: list[Entry]) -> list[str]:
    """Las líneas reST de una ``list-table`` con una fila por entrada."""
    lines = [".. list-table::", "   :header-rows: 1", "   :class: catalogo", ""]
    for row in [header] + [_row(e) for e in entries]:
        lines.append(f"   * - {row[0]}")
        for cell in row[1:]:  # a cell of several paragraphs continues indented
            lines.append("     - " + cell.replace("\n", "\n       "))
    return lines


class CatalogTable(SphinxDirective):
    """Tabla de las entradas de un tipo (``activación`` o ``pérdida``) del catálogo."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        from actloss import catalog
        from actloss.catalog._entry import VectorProperties

        kind = self.arguments[0]
        entries = [e for e in catalog.CATALOG.values() if e.kind == kind]
        vectors = [e for e in entries if isinstance(e.properties, VectorProperties)]
        entries = [e for e in entries if e not in vectors]
        first, last = ["Función", "Fórmula y derivada"], ["API", "Lo que afirman las notas"]
        lines = _table([*first, *HEADERS[kind], *last], entries)
        if vectors:  # vector-valued activations get their own table and columns
            lines += ["", VECTOR_INTRO, ""]
            lines += _table([*first, *VECTOR_HEADERS, *last], vectors)
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="actloss.catalog"), 0, container)
        _add_figures(container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("catalog-table", CatalogTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _add_figures(container: nodes.Element) -> None:
    """Pone bajo el nombre de cada activación una miniatura de su curva y su derivada.

    Las figuras se dibujan al construir, desde el catálogo, y van dentro del HTML como
    ``data:`` URI: no hay imágenes en el repositorio ni archivos que copiar. La fila se
    reconoce por el enlace a su ejemplo de la galería, así que funciona con cualquier
    tabla o columnas; una entrada sin curva que dibujar se queda sin figura.
    """
    from sphinx import addnodes

    from actloss import catalog

    by_example = {e.example: e for e in catalog.CATALOG.values() if e.kind == "activación"}
    for row in container.findall(nodes.row):
        cell = row.next_node(nodes.entry)
        link = cell.next_node(addnodes.pending_xref) if cell is not None else None
        entry = by_example.get(str(link.get("reftarget", "")).lstrip("/")) if link else None
        uri = _thumbnail_uri(entry) if entry is not None else None
        if cell is not None and entry is not None and uri is not None:
            alt = f"Curva de {entry.module} (continua) y de su derivada (discontinua)"
            cell += nodes.image(uri=uri, alt=alt, classes=["catalog-figure"])


def _thumbnail_uri(entry: Entry) -> str | None:
    """La miniatura de :func:`actloss.plotting.thumbnail` como ``data:`` URI PNG."""
    import base64
    import io

    import matplotlib.pyplot as plt

    from actloss.plotting import catalog_thumbnail

    try:
        fig = catalog_thumbnail(entry)
    except Exception:  # a new kind of entry must not break the table
        return None
    if fig is None:
        return None
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
