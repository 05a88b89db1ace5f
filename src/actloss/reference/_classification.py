"""Definición de las pérdidas de clasificación: NLL, entropía cruzada y sus variantes.

La dimensión de clases es la 1 (la 0 si la entrada es un solo vector de puntuaciones).
Con pesos por clase :math:`w_c`, la media ``'mean'`` divide por la suma de los pesos de
los objetivos que cuentan, no por su número.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor

from actloss.reference._reduction import _reduce, _reduction
from actloss.reference._smooth import logsigmoid
from actloss.reference._softmax import log_softmax


def _class_dim(input: Tensor) -> int:
    """La dimensión de clases: 0 para un vector :math:`(C)`, 1 para :math:`(N, C, ...)`."""
    return 0 if input.dim() == 1 else 1


def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Log-verosimilitud negativa: menos la log-probabilidad de la clase objetivo.

    .. math::

        l_n = -w_{y_n}\, x_{n, y_n}, \qquad
        \text{'mean'}: \frac{\sum_n l_n}{\sum_n w_{y_n}}

    Los objetivos iguales a ``ignore_index`` no cuentan (:math:`w_{y_n} = 0`).

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import nll_loss
        >>> nll_loss(torch.tensor([[-1.0, -2.0], [-3.0, -4.0]]), torch.tensor([1, 0]))
        tensor(2.5000)
    """
    dim = _class_dim(input)
    w = torch.ones(input.shape[dim], dtype=input.dtype) if weight is None else weight
    keep = target != ignore_index
    y = torch.where(keep, target, 0)  # un índice válido también donde se ignora
    picked = input.gather(dim, y.unsqueeze(dim)).squeeze(dim)  # x_{n, y_n}
    w_y = torch.where(keep, w[y], 0.0)
    return _reduce(-w_y * picked, _reduction(size_average, reduce, reduction), w_y.sum())


def _class_weights(weight: Tensor | None, input: Tensor) -> Tensor:
    """El peso de cada clase (1 si no se dan), colocado sobre la dimensión de clases."""
    dim = _class_dim(input)
    w = torch.ones(input.shape[dim], dtype=input.dtype) if weight is None else weight
    return w.reshape(-1, *[1] * (input.dim() - dim - 1))


def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    r"""Entropía cruzada: log-softmax seguida de NLL. Con suavizado :math:`\varepsilon`, el
    objetivo es :math:`(1 - \varepsilon)\,e_y + \varepsilon / C`.

    .. math::

        l_n = -(1 - \varepsilon)\, w_{y_n} \log p_{n, y_n}
        - \frac{\varepsilon}{C} \sum_c w_c \log p_{n, c}, \qquad
        \log p_n = \operatorname{log\_softmax}(x_n)

    Un ``target`` de coma flotante da las probabilidades de cada clase, en vez del índice.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import cross_entropy
        >>> cross_entropy(torch.tensor([[0.0, 0.0]]), torch.tensor([1])).round(decimals=4)
        tensor(0.6931)
    """
    reduction = _reduction(size_average, reduce, reduction)
    dim = _class_dim(input)
    log_p = log_softmax(input, dim)
    w = _class_weights(weight, input)
    if target.is_floating_point():  # probabilidades por clase: la media es por elemento
        q = target * (1 - label_smoothing) + label_smoothing / input.shape[dim]
        return _reduce(-(w * q * log_p).sum(dim), reduction)
    nll = nll_loss(log_p, target, weight, ignore_index=ignore_index, reduction="none")
    # Suavizado: eps/C por la NLL de cada clase, ponderada por su peso. Como en NLL, la
    # media divide por los pesos de los objetivos que cuentan.
    keep = target != ignore_index
    uniform = torch.where(keep, -(w * log_p).sum(dim), 0.0)
    loss = (1 - label_smoothing) * nll + label_smoothing / input.shape[dim] * uniform
    w_y = torch.where(keep, w.flatten()[torch.where(keep, target, 0)], 0.0)
    return _reduce(loss, reduction, w_y.sum())


def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Entropía cruzada binaria sobre probabilidades; cada logaritmo se recorta en -100,
    como en torch, para que una probabilidad 0 o 1 no dé infinito.

    .. math::

        l_n = -w_n \bigl[y_n \log x_n + (1 - y_n) \log(1 - x_n)\bigr]

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import binary_cross_entropy
        >>> binary_cross_entropy(torch.tensor([0.5, 0.0]), torch.tensor([1.0, 1.0]),
        ...                      reduction="none").round(decimals=4)
        tensor([  0.6931, 100.0000])
    """
    log_x = torch.log(input).clamp(min=-100)
    log_1mx = torch.log(1 - input).clamp(min=-100)
    loss = -(target * log_x + (1 - target) * log_1mx)
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, _reduction(size_average, reduce, reduction))


def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    r"""Entropía cruzada binaria sobre logits: la sigmoide y el logaritmo en una fórmula
    estable, con :math:`\log(1 - \sigma(x)) = \log \sigma(x) - x`. ``pos_weight``
    (:math:`p`) pondera los positivos.

    .. math::

        l_n = -w_n \bigl[p\, y_n \log \sigma(x_n) + (1 - y_n) \log(1 - \sigma(x_n))\bigr]
        = w_n \bigl[(1 - y_n)\, x_n - (1 + (p - 1)\, y_n) \log \sigma(x_n)\bigr]

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import binary_cross_entropy_with_logits as bce
        >>> bce(torch.tensor([1000.0, -1000.0]), torch.tensor([1.0, 1.0]), reduction="none")
        tensor([   0., 1000.])
    """
    p = 1.0 if pos_weight is None else pos_weight
    loss = (1 - target) * input - (1 + (p - 1) * target) * logsigmoid(input)
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, _reduction(size_average, reduce, reduction))


def linear_cross_entropy(
    input: Tensor,
    linear_weight: Tensor,
    target: Tensor,
    *,
    linear_bias: Tensor | None = None,
    weight: Tensor | None = None,
    reduction: str = "mean",
    ignore_index: int | None = None,
    label_smoothing: float = 0.0,
    options: object | None = None,
) -> Tensor:
    r"""Una capa lineal seguida de la entropía cruzada. ``options`` (el cálculo por bloques
    de torch) no cambia el resultado y aquí no se usa.

    .. math::

        \ell = \operatorname{cross\_entropy}(x W^\top + b,\ y)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import linear_cross_entropy
        >>> x, w = torch.tensor([[1.0, 2.0]]), torch.zeros(3, 2)
        >>> linear_cross_entropy(x, w, torch.tensor([0])).round(decimals=4)  # log 3
        tensor(1.0986)
    """
    # Cada logit es el producto escalar de x con una fila (o fibra) de W.
    logits = torch.tensordot(input, linear_weight, dims=([-1], [-1]))
    if linear_bias is not None:
        logits = logits + linear_bias
    ignored = -100 if ignore_index is None else ignore_index
    return cross_entropy(
        logits, target, weight, ignore_index=ignored, reduction=reduction,
        label_smoothing=label_smoothing,
    )  # fmt: skip


def adaptive_log_softmax_with_loss(
    input: Tensor,
    target: Tensor,
    head: Callable[[Tensor], Tensor],
    tail: Sequence[Callable[[Tensor], Tensor]],
    cutoffs: Sequence[int],
) -> tuple[Tensor, Tensor]:
    r"""Softmax adaptativa: la cabeza reparte la probabilidad entre las :math:`c_1` clases
    frecuentes y un grupo por cada intervalo :math:`[c_i, c_{i+1})` de clases raras, y la
    cola :math:`t_i` la reparte dentro de su grupo.

    .. math::

        \log p(y \mid x) = \begin{cases}
            \log\operatorname{softmax}(h(x))_y & y < c_1 \\
            \log\operatorname{softmax}(h(x))_{c_1 + i - 1}
                + \log\operatorname{softmax}(t_i(x))_{y - c_i} & c_i \le y < c_{i+1}
        \end{cases}

    Es la definición de la capa :class:`actloss.nn.AdaptiveLogSoftmaxWithLoss`, que no tiene
    función: ``head`` es su :math:`h`, ``tail[i - 1]`` su :math:`t_i` y ``cutoffs`` sus
    :math:`c_1 < \dots < C`. Devuelve :math:`\log p(y_n \mid x_n)` y la pérdida, su media
    cambiada de signo. Calcula las :math:`C` log-probabilidades de cada ejemplo; la capa
    evalúa solo el grupo de su clase.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn, reference
        >>> asm = nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[2])
        >>> x, y = torch.randn(3, 4), torch.tensor([0, 3, 5])
        >>> output, loss = reference.adaptive_log_softmax_with_loss(
        ...     x, y, asm.head, asm.tail, asm.cutoffs
        ... )
        >>> torch.allclose(loss, asm(x, y).loss)
        True
    """
    head_logp = log_softmax(head(input), dim=1)
    shortlist = cutoffs[0]
    columns = [head_logp[:, :shortlist]]  # las clases frecuentes, en la cabeza
    for i, cluster in enumerate(tail):  # un grupo: su columna de la cabeza y su softmax
        columns.append(head_logp[:, shortlist + i, None] + log_softmax(cluster(input), dim=1))
    log_p = torch.cat(columns, dim=1)  # log p(c | x) de las C clases
    output = log_p.gather(1, target.unsqueeze(1)).squeeze(1)
    return output, -output.mean()


__all__ = [
    "adaptive_log_softmax_with_loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "linear_cross_entropy",
    "nll_loss",
]
