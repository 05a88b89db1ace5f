"""Definición de las pérdidas de regresión y de verosimilitud.

Cada una calcula la pérdida :math:`l_n` de cada elemento y la reduce: ``'none'`` la
deja, ``'sum'`` la suma y ``'mean'`` la promedia. ``size_average`` y ``reduce`` son los
nombres antiguos de ``reduction`` en torch.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from actloss.reference._reduction import _reduce, _reduce_weighted, _reduction


def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    r"""Error absoluto; con ``weight``, la media es la ponderada.

    .. math::

        l_n = w_n\,\lvert x_n - y_n \rvert, \qquad
        \text{'mean'}: \frac{\sum_n l_n}{\sum_n w_n}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import l1_loss
        >>> l1_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 4.0]))
        tensor(1.5000)
    """
    loss = (input - target).abs()
    return _reduce_weighted(loss, weight, _reduction(size_average, reduce, reduction))


def mse_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    r"""Error cuadrático; con ``weight``, la media es la ponderada.

    .. math::

        l_n = w_n\,(x_n - y_n)^2, \qquad \text{'mean'}: \frac{\sum_n l_n}{\sum_n w_n}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import mse_loss
        >>> mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 4.0]))
        tensor(2.5000)
    """
    loss = (input - target) ** 2
    return _reduce_weighted(loss, weight, _reduction(size_average, reduce, reduction))


def smooth_l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    beta: float = 1.0,
) -> Tensor:
    r"""Smooth L1: cuadrática cerca del objetivo y lineal lejos; con :math:`\beta = 0`, L1.

    .. math::

        l_n = \begin{cases} \frac{(x_n - y_n)^2}{2\beta} & \lvert x_n - y_n \rvert < \beta
        \\ \lvert x_n - y_n \rvert - \frac{\beta}{2} & \text{si no} \end{cases}

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import smooth_l1_loss
        >>> smooth_l1_loss(torch.tensor([0.5, 3.0]), torch.zeros(2), reduction="none")
        tensor([0.1250, 2.5000])
    """
    if beta == 0:  # sin tramo cuadrático (y sin dividir por cero)
        return l1_loss(input, target, size_average, reduce, reduction)
    d = input - target  # d², no |d|²: la derivada de |d| en 0 es 0, y la segunda saldría 0
    loss = torch.where(d.abs() < beta, 0.5 * d**2 / beta, d.abs() - 0.5 * beta)
    return _reduce(loss, _reduction(size_average, reduce, reduction))


def huber_loss(
    input: Tensor,
    target: Tensor,
    reduction: str = "mean",
    delta: float = 1.0,
    weight: Tensor | None = None,
) -> Tensor:
    r"""Huber: cuadrática cerca del objetivo y lineal lejos, con pendiente :math:`\pm\delta`.

    .. math::

        l_n = w_n \begin{cases} \frac12 (x_n - y_n)^2 & \lvert x_n - y_n \rvert < \delta \\
        \delta \left(\lvert x_n - y_n \rvert - \frac{\delta}{2}\right) & \text{si no}
        \end{cases}

    Con ``weight``, ``'mean'`` sigue dividiendo por el número de elementos, como torch.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import huber_loss
        >>> huber_loss(torch.tensor([0.5, 3.0]), torch.zeros(2), reduction="none")
        tensor([0.1250, 2.5000])
    """
    d = input - target  # d², no |d|² (ver smooth_l1_loss)
    loss = torch.where(d.abs() < delta, 0.5 * d**2, delta * (d.abs() - 0.5 * delta))
    return _reduce(loss if weight is None else loss * weight, reduction)


def poisson_nll_loss(
    input: Tensor,
    target: Tensor,
    log_input: bool = True,
    full: bool = False,
    size_average: bool | None = None,
    eps: float = 1e-8,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    r"""Log-verosimilitud negativa de Poisson, sin la constante :math:`\log y!` (salvo su
    aproximación de Stirling con ``full=True``).

    .. math::

        l_n = \begin{cases} e^{x_n} - y_n x_n & \text{si log\_input} \\
        x_n - y_n \log(x_n + \varepsilon) & \text{si no} \end{cases}
        \;+\; \bigl[y_n > 1\bigr] \Bigl(y_n \log y_n - y_n + \tfrac12 \log(2\pi y_n)\Bigr)

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import poisson_nll_loss
        >>> poisson_nll_loss(torch.tensor([0.0]), torch.tensor([2.0]))
        tensor(1.)
    """
    if log_input:  # x es el logaritmo de la tasa
        loss = torch.exp(input) - target * input
    else:  # x es la tasa
        loss = input - target * torch.log(input + eps)
    if full:  # Stirling: log y! ≈ y log y - y + log(2 pi y) / 2, solo donde y > 1
        stirling = target * torch.log(target) - target + 0.5 * torch.log(2 * math.pi * target)
        loss = loss + torch.where(target > 1, stirling, 0.0)
    return _reduce(loss, _reduction(size_average, reduce, reduction))


def gaussian_nll_loss(
    input: Tensor,
    target: Tensor,
    var: Tensor | float,
    full: bool = False,
    eps: float = 1e-6,
    reduction: str = "mean",
) -> Tensor:
    r"""Log-verosimilitud negativa gaussiana con varianza :math:`\sigma^2` (al menos
    :math:`\varepsilon`); con ``full=True`` suma la constante :math:`\frac12 \log 2\pi`.

    .. math::

        l_n = \frac12 \left(\log \sigma_n^2 + \frac{(x_n - y_n)^2}{\sigma_n^2}\right)

    Una varianza con una dimensión menos que ``input``, o con tamaño 1 en la última, se
    comparte a lo largo de esa última dimensión.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import gaussian_nll_loss
        >>> gaussian_nll_loss(torch.tensor([3.0]), torch.tensor([1.0]), torch.tensor([4.0]))
        tensor(1.1931)
    """
    var = torch.as_tensor(var, dtype=input.dtype)
    if var.dim() > 0 and var.shape == input.shape[:-1]:
        var = var.unsqueeze(-1)  # una varianza por fila, compartida en la última dimensión
    var = var.clamp(min=eps)
    loss = 0.5 * (torch.log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction)


def kl_div(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    log_target: bool = False,
) -> Tensor:
    r"""Divergencia de Kullback-Leibler :math:`\mathrm{KL}(p \,\|\, q)`, con ``input`` las
    log-probabilidades :math:`\log q` y ``target`` las probabilidades :math:`p` (o
    :math:`\log p` con ``log_target=True``). El convenio :math:`0 \log 0 = 0` lo da
    ``xlogy``.

    .. math::

        l_n = p_n \,(\log p_n - \log q_n), \qquad
        \text{'batchmean'}: \frac{1}{N} \sum_n l_n

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import kl_div
        >>> p = torch.tensor([[0.5, 0.5]])
        >>> kl_div(p.log(), p, reduction="batchmean")
        tensor(0.)
    """
    if log_target:
        loss = torch.exp(target) * (target - input)
    else:
        loss = torch.xlogy(target, target) - target * input
    reduction = _reduction(size_average, reduce, reduction)
    if reduction == "batchmean":  # la suma dividida por el tamaño del lote
        return _reduce(loss, "mean", input.shape[0] if input.dim() > 0 else 1)
    return _reduce(loss, reduction)


__all__ = [
    "gaussian_nll_loss",
    "huber_loss",
    "kl_div",
    "l1_loss",
    "mse_loss",
    "poisson_nll_loss",
    "smooth_l1_loss",
]
