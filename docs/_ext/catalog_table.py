"""La directiva ``catalog-table``: la tabla resumen generada a partir de ``actloss.catalog``."""

from __future__ import annotations

import base64
import io
import math

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from actloss import catalog
from actloss.catalog import ActivationProperties, Entry, LossProperties


def _yes(flag: bool) -> str:
    return "sí" if flag else "no"


def _bound(value: float) -> str:
    if math.isinf(value):
        return r"-\infty" if value < 0 else r"\infty"
    return f"{value:g}"


def _activation_cells(p: ActivationProperties) -> list[str]:
    low, high = p.range
    return [
        f":math:`({_bound(low)},\\ {_bound(high)})`",
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


def _row(entry: Entry) -> list[str]:
    p = entry.properties
    cells = _activation_cells(p) if isinstance(p, ActivationProperties) else _loss_cells(p)
    figure = [_figure_cell(entry)] if entry.kind == "activación" else []
    return [
        f":doc:`{entry.title} </{entry.example}>`",
        *figure,
        f":math:`{entry.formula}`",
        *cells,
        f":func:`~actloss.functional.{entry.name}`, :class:`~actloss.nn.{entry.module}`",
        f":ref:`notas <{entry.section}>`",
    ]


class CatalogTable(SphinxDirective):
    """Tabla de las entradas de un tipo (``activación`` o ``pérdida``) del catálogo."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        entries = [e for e in catalog.CATALOG.values() if e.kind == kind]
        figure = ["Curva"] if kind == "activación" else []
        header = ["Función", *figure, "Fórmula", *HEADERS[kind], "API", "Notas"]
        lines = [".. list-table::", "   :header-rows: 1", "   :class: catalogo", ""]
        for row in [header] + [_row(e) for e in entries]:
            lines.append(f"   * - {row[0]}")
            for cell in row[1:]:
                first, *rest = cell.split("\n")
                lines.append(f"     - {first}")
                lines.extend(f"       {line}" for line in rest)
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="actloss.catalog"), 0, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("catalog-table", CatalogTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _figure_cell(entry: Entry) -> str:
    """Una miniatura de la curva y su derivada, generada ahora e incrustada en la página.

    La imagen va dentro del HTML como ``data:`` URI: no se guarda ningún archivo en el
    repositorio ni hay que copiarlo a la construcción. Si la entrada no tiene una curva
    que dibujar, la casilla queda con una raya.
    """
    import matplotlib.pyplot as plt

    from actloss.plotting import thumbnail

    try:
        fig = thumbnail(entry)
    except Exception:  # a new kind of entry must not break the table
        fig = None
    if fig is None:
        return "—"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = f"Curva de {entry.module} (continua) y de su derivada (discontinua)"
    return f".. image:: data:image/png;base64,{data}\n   :alt: {alt}\n   :class: catalog-figure"
