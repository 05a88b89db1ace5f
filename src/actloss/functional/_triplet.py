"""Las pérdidas de tripletes: el positivo más cerca del ancla que el negativo, con margen.

:func:`triplet_margin_loss` usa la distancia :math:`p` de torch (``_distance``) y
:func:`triplet_margin_with_distance_loss`, la que se le dé. Son de la familia de las
pérdidas de margen, que las publica.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import Tensor

from actloss._validation import (
    apply_reduction,
    check_broadcast,
    check_positive_margin,
    check_reduction,
    checked_reduction,
    require_bool,
    require_number,
    require_tensor,
)
from actloss.functional import _autocast as autocast
from actloss.functional._distance import pairwise_distance


def _check_triplet(
    fn: str,
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float,
    default_distance: bool = True,
    p: float | None = None,
) -> float:
    """Comprueba los argumentos comunes de las dos pérdidas de tripletes y devuelve
    ``margin`` como lo usa torch: un número de Python
    (:func:`~actloss._validation.require_number`), salvo un tensor en
    ``triplet_margin_with_distance_loss``, que torch escribe en Python y deriva."""
    # torch's triplet_margin_loss refuses a non-tensor with TypeError (its C++ signature);
    # triplet_margin_with_distance_loss asks it for ``ndim`` first (AttributeError).
    error = TypeError if p is not None else AttributeError
    for value, name in ((anchor, "anchor"), (positive, "positive"), (negative, "negative")):
        require_tensor(value, fn, name, error)
    if p is None and isinstance(margin, Tensor):
        pass  # torch's triplet_margin_with_distance_loss is Python: the margin keeps its grad
    else:
        margin = require_number(margin, fn, "margin")
    check_positive_margin(margin, fn)
    if not anchor.dim() == positive.dim() == negative.dim():
        raise RuntimeError(
            f"{fn}: `anchor`, `positive` y `negative` deben tener el mismo número de "
            f"dimensiones; se recibió {anchor.dim()}, {positive.dim()} y {negative.dim()}."
        )
    if not default_distance:
        return margin
    shape = check_broadcast(
        fn, anchor=anchor.shape, positive=positive.shape, negative=negative.shape
    )
    if p is not None and shape and shape[-1] == 0 and (p < 0 or p == math.inf):
        # A norm of no components: 0 for p >= 0, but the max (p = inf) and the negative
        # orders have no value there; torch refuses them.
        raise RuntimeError(
            f"{fn}: el argumento `p` no puede ser {p} con vectores vacíos (la última "
            f"dimensión tiene tamaño 0): esa norma de cero componentes no está definida."
        )
    return margin


@autocast.in_float32
def triplet_margin_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float = 1.0,
    p: float = 2,
    eps: float = 1e-06,
    swap: bool = False,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de tripletes: el positivo más cerca del ancla que el negativo, con margen.

    Con la distancia :math:`d(a, b) = \lVert a - b + \varepsilon \rVert_p` (torch suma
    ``eps`` a cada componente de la diferencia), sin reducir:

    .. math::

        l_n = \max\bigl(0,\; d(a_n, p_n) - d(a_n, n_n) + \text{margin}\bigr),

    y con reducción, la media (``'mean'``) o la suma (``'sum'``) de los :math:`l_n`. Con
    ``swap=True`` se usa :math:`\min(d(a_n, n_n), d(p_n, n_n))` como distancia al
    negativo. Un triplete deja de costar (y de dar gradiente) cuando el negativo está al
    menos ``margin`` más lejos que el positivo; mientras no lo está, el gradiente respecto
    al ancla es :math:`\nabla_{a_n} d(a_n, p_n) - \nabla_{a_n} d(a_n, n_n)`, también en el
    pliegue, como en torch.

    Argumentos:
        anchor: las anclas :math:`a`, :math:`(N, D)` o :math:`(D)`.
        positive: los positivos, del mismo número de dimensiones.
        negative: los negativos, del mismo número de dimensiones.
        margin: el margen, mayor que 0. Por defecto: ``1.0``.
        p: el orden de la norma. Por defecto: ``2``.
        eps: la constante que se suma a la diferencia. Por defecto: ``1e-06``.
        swap: usar el intercambio de distancias de Balntas et al. Por defecto: ``False``.

    Forma:
        - ``anchor``, ``positive``, ``negative``: :math:`(N, D)` o :math:`(D)`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import triplet_margin_loss
        >>> a, pos, neg = torch.zeros(1, 2), torch.tensor([[3.0, 4.0]]), torch.tensor([[0.0, 2.0]])
        >>> triplet_margin_loss(a, pos, neg, eps=0.0)
        tensor(4.)
    """
    fn = "triplet_margin_loss"
    p = require_number(p, fn, "p")
    eps = require_number(eps, fn, "eps")
    require_bool(swap, fn, "swap")  # triplet_margin_with_distance_loss's is a Python `if`
    reduction = checked_reduction(size_average, reduce, reduction, fn)
    margin = _check_triplet(fn, anchor, positive, negative, margin, p=p)
    to_positive = pairwise_distance(anchor, positive, p, eps)
    to_negative = pairwise_distance(anchor, negative, p, eps)
    if swap:
        to_negative = torch.minimum(to_negative, pairwise_distance(positive, negative, p, eps))
    loss = torch.clamp_min(margin + to_positive - to_negative, 0)
    return apply_reduction(loss, reduction)


def triplet_margin_with_distance_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    *,
    distance_function: Callable[[Tensor, Tensor], Tensor] | None = None,
    margin: float = 1.0,
    swap: bool = False,
    reduction: str = "mean",
) -> Tensor:
    r"""Pérdida de tripletes con una distancia cualquiera.

    Sin reducir, con la distancia :math:`d` dada:

    .. math::

        l_n = \max\bigl(0,\; d(a_n, p_n) - d(a_n, n_n) + \text{margin}\bigr),

    y con reducción, la media (``'mean'``) o la suma (``'sum'``) de los :math:`l_n`. Sin
    ``distance_function`` se usa la distancia euclídea de :func:`triplet_margin_loss`
    (:math:`p = 2`, :math:`\varepsilon = 10^{-6}`). Con ``swap=True`` la distancia al
    negativo es :math:`\min(d(a_n, n_n), d(p_n, n_n))`. Mientras el margen no se cumple,
    el gradiente respecto al ancla es :math:`\nabla_{a_n} d(a_n, p_n) - \nabla_{a_n}
    d(a_n, n_n)`.

    Argumentos:
        anchor: las anclas.
        positive: los positivos, del mismo número de dimensiones.
        negative: los negativos, del mismo número de dimensiones.
        distance_function: una función de dos tensores que devuelve distancias no
            negativas. Por defecto: ``None`` (la distancia euclídea).
        margin: el margen, mayor que 0. Por defecto: ``1.0``.
        swap: usar el intercambio de distancias. Por defecto: ``False``.

    Forma:
        - ``anchor``, ``positive``, ``negative``: :math:`(N, *)` o :math:`(*)`.
        - Salida: escalar, o :math:`(N)` con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import triplet_margin_with_distance_loss
        >>> a, pos, neg = torch.zeros(1, 2), torch.tensor([[3.0, 4.0]]), torch.tensor([[0.0, 2.0]])
        >>> l1 = lambda u, v: (u - v).abs().sum(-1)
        >>> triplet_margin_with_distance_loss(a, pos, neg, distance_function=l1)
        tensor(6.)
    """
    fn = "triplet_margin_with_distance_loss"
    check_reduction(reduction, fn)
    margin = _check_triplet(fn, anchor, positive, negative, margin, distance_function is None)
    distance = distance_function if distance_function is not None else pairwise_distance
    to_positive = distance(anchor, positive)
    to_negative = distance(anchor, negative)
    if swap:
        to_negative = torch.minimum(to_negative, distance(positive, negative))
    loss = torch.clamp_min(margin + to_positive - to_negative, 0)
    return apply_reduction(loss, reduction)
