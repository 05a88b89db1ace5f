"""Definición de la pérdida CTC: la recursión hacia delante de Graves et al. (2006).

``forward_backward`` da además la recursión hacia atrás, para las figuras del retículo de
alineaciones. Se trabaja en espacio logarítmico, con el convenio
:math:`\\log 0 = -\\infty` para los estados a los que no llega ningún camino.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import Tensor

from actloss.reference._reduction import _reduce

Lengths = Tensor | Sequence[int]


def _log_sum(*terms: Tensor) -> Tensor:
    r""":math:`\log \sum_k e^{a_k}`, que vale :math:`-\infty` si todos los términos lo son.

    En ese caso ``logsumexp`` da bien el valor, pero su gradiente sería ``nan``
    (:math:`-\infty - (-\infty)`): esos estados no pasan por él.
    """
    stacked = torch.stack(terms)
    unreachable = torch.isneginf(stacked).all(0)
    total = torch.where(unreachable, 0.0, stacked).logsumexp(0)
    return torch.where(unreachable, -math.inf, total)


def _shift(alpha: Tensor, k: int) -> Tensor:
    r""":math:`\alpha(s - k)` en la posición :math:`s`, con :math:`\log 0` para :math:`s < k`."""
    return torch.nn.functional.pad(alpha, (k, 0), value=-math.inf)[:, : alpha.shape[1]]


def _extend(labels: Tensor, blank: int) -> Tensor:
    """La secuencia extendida :math:`l'`, ``(N, 2L + 1)``: un blanco antes de cada
    etiqueta de ``labels``, ``(N, L)``, y otro al final."""
    blanks = torch.full_like(labels, blank)
    pairs = torch.stack([blanks, labels], -1).reshape(labels.shape[0], -1)  # (∅, y_1, ∅, ...)
    return torch.cat([pairs, torch.full((labels.shape[0], 1), blank)], 1)


def _forward(emit: Tensor, extended: Tensor, blank: int) -> Tensor:
    r""":math:`\log \alpha_t(s)` para cada :math:`t`, ``(T, N, S)``, a partir de
    ``emit[t, n, s]`` :math:`= x_{t, l'_s}` y de la secuencia extendida, ``(N, S)``.

    Un camino llega a :math:`s` desde :math:`s`, desde :math:`s - 1` y, si :math:`l'_s`
    no es blanco y es distinta de :math:`l'_{s-2}`, desde :math:`s - 2` (saltando el
    blanco entre dos etiquetas distintas).
    """
    previous = torch.nn.functional.pad(extended, (2, 0), value=blank)[:, :-2]  # l'_{s-2}
    may_skip = (extended != blank) & (extended != previous)
    alpha = [torch.where(torch.arange(extended.shape[1]) < 2, emit[0], -math.inf)]
    for t in range(1, emit.shape[0]):
        skip = torch.where(may_skip, _shift(alpha[-1], 2), -math.inf)
        alpha.append(_log_sum(alpha[-1], _shift(alpha[-1], 1), skip) + emit[t])
    return torch.stack(alpha)


def forward_backward(
    log_probs: Tensor, target: Sequence[int], blank: int = 0
) -> tuple[Tensor, Tensor]:
    r"""Las variables hacia delante y hacia atrás de una secuencia, :math:`\log \alpha_t(s)`
    y :math:`\log \beta_t(s)`, cada una ``(T, 2L + 1)``.

    ``log_probs`` es ``(T, C)`` y ``target``, las :math:`L` etiquetas del objetivo.
    :math:`\alpha_t(s)` suma los caminos que empiezan en el estado 0 o el 1 y llegan a
    :math:`s` en :math:`t`; :math:`\beta_t(s)`, los que salen de :math:`s` en :math:`t` y
    acaban en uno de los dos últimos estados. Las dos incluyen la emisión de :math:`t`, como
    en Graves et al. (2006), así que la probabilidad de pasar por :math:`s` en :math:`t` es

    .. math::

        \gamma_t(s) = \frac{\alpha_t(s)\, \beta_t(s)}{e^{x_{t, l'_s}}\, p(y \mid x)}.

    :math:`\beta` es la misma recursión que :math:`\alpha` recorrida al revés, desde el
    final, en el tiempo y en los estados.

    Ejemplos:
        >>> import torch
        >>> log_probs = torch.tensor([[0.5, 0.5], [0.5, 0.5]]).log()
        >>> alpha, beta = forward_backward(log_probs, [1])
        >>> # en cada instante, la suma de todos los caminos: p("1") = 3/4
        >>> (alpha + beta - log_probs[:, [0, 1, 0]]).logsumexp(1).exp()
        tensor([0.7500, 0.7500])
    """
    extended = _extend(torch.as_tensor(target, dtype=torch.long).reshape(1, -1), blank)
    emit = log_probs[:, extended]  # (T, 1, S)
    alpha = _forward(emit, extended, blank)
    beta = _forward(emit.flip(0, 2), extended.flip(1), blank).flip(0, 2)
    return alpha[:, 0], beta[:, 0]


def ctc_loss(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Lengths,
    target_lengths: Lengths,
    blank: int = 0,
    reduction: str = "mean",
    zero_infinity: bool = False,
) -> Tensor:
    r"""Pérdida CTC: menos el logaritmo de la probabilidad de todas las alineaciones
    :math:`\pi` que, al borrar repeticiones y después blancos (:math:`\mathcal{B}`), dan el
    objetivo :math:`y`.

    .. math::

        l_n = -\log \sum_{\pi:\, \mathcal{B}(\pi) = y_n} \prod_t e^{x_{t, \pi_t}}

    La suma se hace sobre la secuencia extendida :math:`l' = (\varnothing, y_1,
    \varnothing, \dots, y_L, \varnothing)` con la recursión hacia delante

    .. math::

        \alpha_t(s) = x_{t, l'_s} + \log\bigl(e^{\alpha_{t-1}(s)} + e^{\alpha_{t-1}(s-1)}
        + [l'_s \ne \varnothing,\ l'_s \ne l'_{s-2}]\, e^{\alpha_{t-1}(s-2)}\bigr),

    y :math:`l_n = -\log\bigl(e^{\alpha_{T_n}(2L)} + e^{\alpha_{T_n}(2L-1)}\bigr)`. ``'mean'``
    divide cada :math:`l_n` por :math:`\max(1, L_n)` antes de promediar. El gradiente es el
    exacto, :math:`-\gamma_{t,c}`; torch devuelve :math:`e^{x_{t,c}} - \gamma_{t,c}`, y
    los dos coinciden tras ``log_softmax``.

    Ejemplos:
        >>> import torch
        >>> from actloss.reference import ctc_loss
        >>> log_probs = torch.tensor([[0.5, 0.5], [0.5, 0.5]]).log()  # T = 2, C = 2
        >>> # alineaciones de "1": (1, 1), (1, blanco), (blanco, 1): 3/4 de probabilidad
        >>> (-ctc_loss(log_probs, torch.tensor([1]), (2,), (1,), reduction="sum")).exp()
        tensor(0.7500)
    """
    batched = log_probs.dim() == 3
    x = log_probs if batched else log_probs.unsqueeze(1)  # (T, N, C)
    steps, batch = x.shape[:2]
    in_lengths = torch.as_tensor(input_lengths).reshape(batch)
    lengths = torch.as_tensor(target_lengths).reshape(batch)
    if batched and targets.dim() == 1:  # objetivos concatenados: se separan y se rellenan
        pieces = list(targets.split(lengths.tolist()))
        targets = torch.nn.utils.rnn.pad_sequence(pieces, batch_first=True)
    extended = _extend(targets.reshape(batch, -1).long(), blank)
    emit = x.gather(2, extended.expand(steps, -1, -1))  # emit[t, n, s] = x[t, n, l'_s]
    last_step = (in_lengths - 1).clamp(min=0)  # cada secuencia acaba en su T_n
    alpha = _forward(emit, extended, blank)[last_step, torch.arange(batch)]
    end = alpha.gather(1, 2 * lengths.unsqueeze(1)).squeeze(1)  # el último blanco
    last = alpha.gather(1, (2 * lengths - 1).clamp(min=0).unsqueeze(1)).squeeze(1)
    loss = -_log_sum(end, torch.where(lengths > 0, last, -math.inf))  # la última etiqueta
    if zero_infinity:
        loss = torch.where(torch.isinf(loss), 0.0, loss)
    if reduction == "mean":
        return (loss / lengths.clamp(min=1)).mean()
    return _reduce(loss if batched else loss.squeeze(0), reduction)


__all__ = ["ctc_loss"]  # forward_backward no tiene homóloga en functional
