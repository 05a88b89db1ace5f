"""Funciones de pérdida, desde primeros principios."""

from __future__ import annotations

from torch import Tensor

from actloss._validation import (
    apply_reduction,
    broadcast_pair,
    check_reduction,
    legacy_reduction,
    require_floating,
)


def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    r"""Pérdida L1: el error absoluto entre la predicción y el objetivo.

    Sin reducir, con :math:`N` elementos:

    .. math::

        \ell(x, y) = \{l_1, \dots, l_N\}, \qquad l_n = w_n\,\lvert x_n - y_n \rvert,

    y con reducción

    .. math::

        \ell(x, y) = \begin{cases}
            \sum_n l_n \big/ \sum_n w_n & \text{si reduction} = \text{'mean'} \\
            \sum_n l_n & \text{si reduction} = \text{'sum'}
        \end{cases}

    Sin ``weight``, :math:`w_n = 1` y ``'mean'`` divide entre :math:`N`. La derivada
    respecto a :math:`x_n` es :math:`w_n \operatorname{sign}(x_n - y_n)`; en
    :math:`x_n = y_n`, donde la pérdida no es derivable, se toma el subgradiente 0, como
    torch.

    Argumentos:
        input: la predicción :math:`x`, de coma flotante.
        target: el objetivo :math:`y`, de la misma forma (se difunde con un aviso si no).
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.
        weight: pesos :math:`w_n`, de la forma de ``input``. Por defecto: ``None``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import l1_loss
        >>> l1_loss(torch.tensor([1.0, 2.0, 4.0]), torch.tensor([1.0, 3.0, 2.0]))
        tensor(1.)
    """
    require_floating(input, "l1_loss", error=RuntimeError)
    reduction = legacy_reduction(size_average, reduce, reduction)
    check_reduction(reduction, "l1_loss")
    if weight is not None and weight.shape != input.shape:
        raise ValueError(
            f"l1_loss: el argumento `weight` debe tener la forma de `input` "
            f"{tuple(input.shape)}; tiene {tuple(weight.shape)}."
        )
    input, target = broadcast_pair(input, target, "l1_loss")
    errors = (input - target).abs()
    if weight is None:
        return apply_reduction(errors, reduction)
    weighted = errors * weight
    if reduction == "mean":
        return weighted.sum() / weight.sum()
    return apply_reduction(weighted, reduction)


__all__ = ["l1_loss"]
