"""Las entradas del catálogo: pérdida de clasificación temporal conexionista (ctc).

``make_inputs`` convierte cualquier tensor ``x`` en una entrada válida de CTC, siempre
la misma para la misma ``x``: ``x`` de 2 dimensiones es :math:`(T, C)` sin lote (con
objetivos concatenados), de 3 es :math:`(T, N, C)` (con objetivos rellenos y longitudes
distintas por secuencia), y de 0 o 1 dimensión es :math:`(1, C)`. Las log-probabilidades
son ``log_softmax`` de ``x`` en la última dimensión. Un ``x`` vacío se sustituye por
ceros de la forma con cada dimensión nula cambiada a 1, porque torch rechaza una entrada
vacía y las pruebas aleatorias necesitan entradas que torch acepte.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss.catalog._entry import REDUCTIONS, Entry, LossProperties, TorchQuirks, frozen

_LONGEST = 3  # the longest target the catalog builds


def _lattice(x: Tensor) -> Tensor:
    """``x`` con la forma :math:`(T, C)` o :math:`(T, N, C)` y sin dimensiones vacías."""
    if x.dim() <= 1:
        x = x.reshape(1, -1)
    elif x.dim() > 3:
        x = x.reshape(-1, *x.shape[-2:])
    if x.numel() == 0:
        x = x.new_zeros([max(size, 1) for size in x.shape])
    return x


def log_probs(x: Tensor) -> Tensor:
    """Las log-probabilidades que construye ``make_inputs``: ``log_softmax`` de ``x``."""
    x = _lattice(x)
    if not x.is_floating_point():  # left as is, so that torch and actloss both refuse it
        return x
    return x - x.logsumexp(-1, keepdim=True)


def _lengths(shape: torch.Size) -> tuple[Tensor, Tensor]:
    """Longitudes de entrada y de objetivo, alcanzables: :math:`T_n \\ge 2 L_n - 1`."""
    steps, classes = shape[0], shape[-1]
    batch = shape[1] if len(shape) == 3 else 1
    n = torch.arange(batch)
    inputs = (steps - n % 2).clamp_min(1)
    targets = ((inputs + 1) // 2).clamp_max(_LONGEST) if classes > 1 else inputs * 0
    targets = torch.where(n % 4 == 3, 0, targets)  # an empty target now and then
    return inputs, targets


def _labels(shape: torch.Size, count: int) -> Tensor:
    """``count`` etiquetas reproducibles entre 1 y C - 1 (el blanco es 0)."""
    classes = shape[-1]
    generator = torch.Generator().manual_seed(4321 + sum(shape))
    if classes < 2:
        return torch.zeros(count, dtype=torch.long)
    return torch.randint(1, classes, (count,), generator=generator)


def _ctc_inputs(x: Tensor) -> tuple[Tensor, ...]:
    probs = log_probs(x)
    inputs, targets = _lengths(probs.shape)
    if probs.dim() == 2:  # unbatched: concatenated targets and 0-d lengths
        return probs, _labels(probs.shape, int(targets[0])), inputs[0], targets[0]
    width = int(targets.max()) + 1  # one column of padding beyond the longest
    padded = _labels(probs.shape, targets.numel() * width).reshape(-1, width)
    return probs, padded, inputs, targets


def _perfect(x: Tensor) -> tuple[Tensor, ...]:
    """Probabilidad 1 en una sola alineación válida: etiquetas separadas por blancos.

    Las demás clases reciben :math:`\\log 0 = -\\infty`. Con log-probabilidades finitas
    la pérdida solo se acerca a 0 (véase ``tests/test_ctc.py``).
    """
    probs, targets, inputs, lengths = _ctc_inputs(x)
    batched = probs.dim() == 3
    lattice = probs if batched else probs.unsqueeze(1)
    rows = targets if batched else targets.unsqueeze(0)
    chosen = torch.zeros(lattice.shape[:2], dtype=torch.long)  # blank everywhere
    for n, length in enumerate(lengths.reshape(-1).tolist()):
        chosen[0 : 2 * length : 2, n] = rows[n, :length]
    perfect = torch.full_like(lattice, float("-inf"))
    perfect.scatter_(2, chosen.unsqueeze(2), 0.0)
    return (perfect if batched else perfect.squeeze(1)), targets, inputs, lengths


ENTRIES = (
    Entry(
        name="ctc_loss",
        module="CTCLoss",
        title="CTC (clasificación temporal conexionista)",
        formula=r"-\log \sum_{\pi \,:\, \mathcal{B}(\pi) = y_n} \prod_{t=1}^{T_n} e^{x_{t, \pi_t}}",
        derivative=r"e^{x_{t,c}} - \gamma_{t,c}",
        claim="CTC suma la probabilidad de todas las alineaciones que colapsan en el "
        "objetivo: enumerarlas por fuerza bruta da exactamente exp(-pérdida).",
        section="notas-ctc",
        properties=LossProperties(
            # -log of a probability, when log_probs are normalized (as make_inputs builds).
            nonnegative=True,
            # Probability 1 on one alignment (log-probs 0 and -inf) costs exactly 0.
            zero_at_target=True,
            # -logsumexp of sums of log_probs: concave, not convex, in log_probs.
            convex=False,
            # torch's gradient exp(x) - gamma lies in [-1, 1].
            bounded_gradient=True,
        ),
        make_inputs=_ctc_inputs,
        make_perfect=_perfect,
        variants=(*REDUCTIONS, frozen(reduction="sum", zero_infinity=True)),
        quirks=TorchQuirks(
            arguments=frozen(input="log_probs", target="targets"),
            reparametrize=log_probs,
            twice_differentiable=False,
            broadcast_warning=False,
        ),
    ),
)
