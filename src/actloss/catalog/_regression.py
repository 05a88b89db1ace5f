"""Las entradas del catálogo: pérdidas de regresión."""

from __future__ import annotations

from torch import Tensor

from actloss.catalog._entry import Entry, LossProperties, frozen, random_like


def _with_target(x: Tensor) -> tuple[Tensor, ...]:
    return (x, random_like(x))


def _perfect(x: Tensor) -> tuple[Tensor, ...]:
    return (x, x.clone())


_REDUCTIONS = (frozen(), frozen(reduction="none"), frozen(reduction="sum"))

ENTRIES = (
    Entry(
        name="l1_loss",
        module="L1Loss",
        kind="pérdida",
        title="L1 (error absoluto)",
        formula=r"\lvert x - y \rvert",
        derivative=r"\operatorname{sign}(x - y)",
        claim="La constante que minimiza L1 es la mediana y la que minimiza el error "
        "cuadrático es la media: un dato atípico solo mueve la media.",
        section="notas-l1",
        properties=LossProperties(
            nonnegative=True,
            zero_at_target=True,
            convex=True,
            bounded_gradient=True,
        ),
        make_inputs=_with_target,
        make_perfect=_perfect,
        variants=_REDUCTIONS,
    ),
)
