"""Definición de las pérdidas de margen, de ranking y de inmersión.

Casi todas son una bisagra :math:`\\max(0, m - \\text{holgura})`: cuestan mientras la
holgura no alcanza el margen :math:`m` y dejan de costar (y de dar gradiente) después.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor

from actloss.reference._reduction import _reduce, _reduction
from actloss.reference._smooth import logsigmoid


def margin_ranking_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Ranking con margen: :math:`y = 1` pide :math:`x_1 \ge x_2 + m`; :math:`y = -1`, lo
    contrario.

    .. math::

        l_n = \max\bigl(0,\ -y_n\,(x_{1n} - x_{2n}) + m\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import margin_ranking_loss
        >>> x1, x2 = torch.tensor([2.0, 0.0]), torch.tensor([1.0, 1.0])
        >>> margin_ranking_loss(x1, x2, torch.tensor([1.0, 1.0]), reduction="none")
        tensor([0., 1.])
    """
    loss = (-target * (input1 - input2) + margin).clamp(min=0)
    return _reduce(loss, _reduction(size_average, reduce, reduction))


def hinge_embedding_loss(
    input: Tensor,
    target: Tensor,
    margin: float = 1.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Inmersión con bisagra: ``input`` es una distancia; un par similar (:math:`y = 1`)
    la paga entera y uno distinto (:math:`y = -1`) solo mientras no llega al margen.

    .. math::

        l_n = \begin{cases} x_n & y_n = 1 \\ \max(0, m - x_n) & y_n = -1 \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import hinge_embedding_loss
        >>> x = torch.tensor([0.5, 0.5, 3.0])
        >>> hinge_embedding_loss(x, torch.tensor([1, -1, -1]), reduction="none")
        tensor([0.5000, 0.5000, 0.0000])
    """
    similar = torch.where(target == 1, input, 0.0)
    different = torch.where(target == -1, (margin - input).clamp(min=0), 0.0)
    return _reduce(similar + different, _reduction(size_average, reduce, reduction))


def multilabel_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Margen multietiqueta: cada clase correcta :math:`j \in J` debe superar en 1 a cada
    incorrecta :math:`i \notin J`. ``target`` lista las clases de :math:`J` y termina en el
    primer -1.

    .. math::

        l_n = \frac{1}{C} \sum_{j \in J} \sum_{i \notin J} \max\bigl(0,\ 1 - (x_j - x_i)\bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import multilabel_margin_loss
        >>> x = torch.tensor([[0.1, 0.2, 0.4, 0.8]])
        >>> multilabel_margin_loss(x, torch.tensor([[3, 0, -1, 1]])).round(decimals=4)
        tensor(0.8500)
    """
    x = input.reshape(-1, input.shape[-1]) if input.dim() else input.reshape(1, 1)
    labels = target.reshape(x.shape)
    listed = torch.cumprod(labels >= 0, dim=-1).bool()  # hasta el primer -1
    j = labels.clamp(min=0)
    in_j = ((j.unsqueeze(-1) == torch.arange(x.shape[-1])) & listed.unsqueeze(-1)).any(-2)
    # hinge[n, a, i] = max(0, 1 - (x[n, j_a] - x[n, i])), para la a-ésima clase listada
    hinge = (1 - x.gather(-1, j).unsqueeze(-1) + x.unsqueeze(-2)).clamp(min=0)
    counted = listed.unsqueeze(-1) & ~in_j.unsqueeze(-2)
    loss = torch.where(counted, hinge, 0.0).sum((-2, -1)) / x.shape[-1]
    return _reduce(loss.reshape(input.shape[:-1]), _reduction(size_average, reduce, reduction))


def soft_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Margen suave: la pérdida logística de la etiqueta :math:`y = \pm 1`.

    .. math::

        l_n = \log\bigl(1 + e^{-y_n x_n}\bigr) = -\log \sigma(y_n x_n)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import soft_margin_loss
        >>> soft_margin_loss(torch.tensor([0.0]), torch.tensor([1])).round(decimals=4)
        tensor(0.6931)
    """
    return _reduce(-logsigmoid(target * input), _reduction(size_average, reduce, reduction))


def multilabel_soft_margin_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Margen suave multietiqueta: una entropía cruzada binaria por clase, promediada
    sobre las :math:`C` clases (la última dimensión).

    .. math::

        l_n = -\frac{1}{C} \sum_c w_c \bigl[y_{nc} \log \sigma(x_{nc})
        + (1 - y_{nc}) \log \sigma(-x_{nc})\bigr]

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import multilabel_soft_margin_loss as loss
        >>> loss(torch.tensor([[0.0, 0.0]]), torch.tensor([[1.0, 0.0]])).round(decimals=4)
        tensor(0.6931)
    """
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    loss = loss.mean(-1)  # la media sobre las clases
    return _reduce(loss, _reduction(size_average, reduce, reduction))


def cosine_embedding_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Inmersión por coseno: acerca la dirección de los pares similares (:math:`y = 1`) y
    separa los distintos (:math:`y = -1`) hasta que su coseno baja del margen.

    .. math::

        l_n = \begin{cases} 1 - \cos(x_{1n}, x_{2n}) & y_n = 1 \\
        \max\bigl(0, \cos(x_{1n}, x_{2n}) - m\bigr) & y_n = -1 \end{cases}, \qquad
        \cos(a, b) = \frac{a \cdot b}{\sqrt{(\lVert a \rVert^2 + \epsilon)
        (\lVert b \rVert^2 + \epsilon)}}

    con :math:`\epsilon = 10^{-12}`, como torch, para que un vector nulo no divida por 0.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import cosine_embedding_loss
        >>> a, b = torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 1.0]])
        >>> cosine_embedding_loss(a, b, torch.tensor([1])).round(decimals=4)
        tensor(0.2929)
    """
    eps = 1e-12
    dot = (input1 * input2).sum(-1)
    cos = dot / torch.sqrt(((input1**2).sum(-1) + eps) * ((input2**2).sum(-1) + eps))
    similar = torch.where(target == 1, 1 - cos, 0.0)
    different = torch.where(target == -1, (cos - margin).clamp(min=0), 0.0)
    return _reduce(similar + different, _reduction(size_average, reduce, reduction))


def multi_margin_loss(
    input: Tensor,
    target: Tensor,
    p: int = 1,
    margin: float = 1.0,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Margen multiclase: la puntuación de la clase correcta :math:`y` debe superar a cada
    otra en el margen; :math:`w_y` pondera la clase correcta.

    .. math::

        l_n = \frac{1}{C} \sum_{i \ne y_n} w_{y_n} \max\bigl(0,\ m - x_{n, y_n} + x_{n, i}
        \bigr)^p

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import multi_margin_loss
        >>> multi_margin_loss(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([3]))
        tensor(0.3250)
    """
    x = input.reshape(-1, input.shape[-1]) if input.dim() else input.reshape(1, 1)
    y = target.reshape(-1, 1)
    x_y = x.gather(-1, y)
    hinge = (margin - x_y + x).clamp(min=0) ** p
    if weight is not None:
        hinge = hinge * weight[y]
    others = torch.arange(x.shape[-1]) != y  # todas las clases salvo la correcta
    loss = torch.where(others, hinge, 0.0).sum(-1) / x.shape[-1]
    return _reduce(loss.reshape(target.shape), _reduction(size_average, reduce, reduction))


def _distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6) -> Tensor:
    """La distancia :math:`\\lVert x_1 - x_2 + \\epsilon \\rVert_p` sobre la última
    dimensión, como ``torch.pairwise_distance``."""
    return ((x1 - x2 + eps).abs() ** p).sum(-1) ** (1 / p)


def triplet_margin_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float = 1.0,
    p: float = 2,
    eps: float = 1e-6,
    swap: bool = False,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Tripletes con margen: el negativo debe quedar al menos un margen más lejos del
    ancla que el positivo, con la distancia :math:`\ell_p`. Con ``swap=True`` se usa la
    menor de las distancias del negativo al ancla y al positivo.

    .. math::

        l_n = \max\bigl(0,\ d(a_n, p_n) - d(a_n, n_n) + m\bigr), \qquad
        d(u, v) = \lVert u - v + \epsilon \rVert_p

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import triplet_margin_loss
        >>> a, pos, neg = torch.tensor([[0.0]]), torch.tensor([[1.0]]), torch.tensor([[3.0]])
        >>> triplet_margin_loss(a, pos, neg, eps=0.0)
        tensor(0.)
    """
    return triplet_margin_with_distance_loss(
        anchor,
        positive,
        negative,
        distance_function=lambda u, v: _distance(u, v, p, eps),
        margin=margin,
        swap=swap,
        reduction=_reduction(size_average, reduce, reduction),
    )


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
    r"""Tripletes con margen y la distancia que se elija (por defecto, la euclídea).

    .. math::

        l_n = \max\bigl(0,\ d(a_n, p_n) - d(a_n, n_n) + m\bigr)

    Con ``swap=True``, :math:`d(a_n, n_n)` se cambia por
    :math:`\min\bigl(d(a_n, n_n), d(p_n, n_n)\bigr)`.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import triplet_margin_with_distance_loss as loss
        >>> a, pos, neg = torch.tensor([[0.0]]), torch.tensor([[1.0]]), torch.tensor([[1.5]])
        >>> loss(a, pos, neg, distance_function=lambda u, v: (u - v).abs().sum(-1))
        tensor(0.5000)
    """
    d = _distance if distance_function is None else distance_function
    d_positive, d_negative = d(anchor, positive), d(anchor, negative)
    if swap:
        d_negative = torch.minimum(d_negative, d(positive, negative))
    return _reduce((d_positive - d_negative + margin).clamp(min=0), reduction)


__all__ = [
    "cosine_embedding_loss",
    "hinge_embedding_loss",
    "margin_ranking_loss",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "soft_margin_loss",
    "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
]
