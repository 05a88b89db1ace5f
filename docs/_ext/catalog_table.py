"""La directiva ``catalog-table``: la tabla resumen generada a partir de ``actloss.catalog``."""

from __future__ import annotations

import math

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import actloss.functional
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


def _api(entry: Entry) -> str:
    """La función y el módulo; una capa con parámetros propios puede no tener función."""
    module = f":class:`~actloss.nn.{entry.module}`"
    if not hasattr(actloss.functional, entry.name):
        return module
    return f":func:`~actloss.functional.{entry.name}`, {module}"


def _row(entry: Entry) -> list[str]:
    p = entry.properties
    cells = _activation_cells(p) if isinstance(p, ActivationProperties) else _loss_cells(p)
    return [
        f":doc:`{entry.title} </{entry.example}>`",
        f":math:`{entry.formula}`",
        *cells,
        _api(entry),
        f":ref:`notas <{entry.section}>`",
    ]


class CatalogTable(SphinxDirective):
    """Tabla de las entradas de un tipo (``activación`` o ``pérdida``) del catálogo."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        entries = [e for e in catalog.CATALOG.values() if e.kind == kind]
        header = ["Función", "Fórmula", *HEADERS[kind], "API", "Notas"]
        lines = [".. list-table::", "   :header-rows: 1", "   :class: catalogo", ""]
        for row in [header] + [_row(e) for e in entries]:
            lines.append(f"   * - {row[0]}")
            lines.extend(f"     - {cell}" for cell in row[1:])
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="actloss.catalog"), 0, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("catalog-table", CatalogTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
