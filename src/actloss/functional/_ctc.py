"""Pérdida de clasificación temporal conexionista (CTC); véase :func:`ctc_loss`.

La recursión hacia delante (alfa) y hacia atrás (beta) recorren la secuencia de
etiquetas extendida (con blancos intercalados) en espacio logarítmico. Cada paso de
tiempo es una operación vectorizada sobre todo el lote y todos los estados; el único
bucle de Python es el del tiempo.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor
from torch.autograd.function import once_differentiable

from actloss._validation import check_reduction

_NEG_INF = float("-inf")
_SUPPORTED = (torch.float32, torch.float64)
_PAD = 2  # -inf columns before each lattice row
_PIECES = 8  # time chunks for the flips: each temporary is 1/8 of a (T, N, S') buffer

Lengths = Tensor | Sequence[int]


def _fail(error: type[Exception], message: str) -> Exception:
    return error(f"ctc_loss: {message}")


def _lengths(value: Any, name: str, batch: int) -> Tensor:
    """Las longitudes como tensor ``int64`` de forma ``(batch,)``, comprobadas como torch."""
    if isinstance(value, Tensor):
        if value.is_floating_point() or value.is_complex() or value.dtype == torch.bool:
            raise _fail(
                RuntimeError,
                f"el argumento `{name}` debe ser un tensor de enteros; se recibió {value.dtype}.",
            )
        flat = value.detach().to(device="cpu", dtype=torch.long).reshape(-1)
    else:
        flat = torch.tensor(list(value), dtype=torch.long)
    if flat.numel() != batch:
        raise _fail(
            RuntimeError,
            f"el argumento `{name}` debe tener un valor por elemento del lote ({batch}); "
            f"se recibieron {flat.numel()}.",
        )
    return flat


def _check_length_types(input_lengths: Any, target_lengths: Any) -> None:
    """torch acepta dos tensores o dos secuencias de enteros, nunca una mezcla."""
    tensors = [isinstance(v, Tensor) for v in (input_lengths, target_lengths)]
    if all(tensors):
        return
    for name, value in (("input_lengths", input_lengths), ("target_lengths", target_lengths)):
        ok = (
            not any(tensors)
            and isinstance(value, (tuple, list))
            and all(isinstance(v, int) for v in value)
        )
        if not ok:
            raise TypeError(
                f"ctc_loss: los argumentos `input_lengths` y `target_lengths` deben ser los dos "
                f"tensores o los dos secuencias de enteros; `{name}` es {type(value).__name__}."
            )


def _padded_targets(targets: Tensor, target_lengths: Tensor, batch: int) -> Tensor:
    """Los objetivos como matriz ``(N, S)`` de ``int64``, rellena más allá de cada longitud."""
    if targets.dim() not in (1, 2):
        raise _fail(
            RuntimeError,
            f"el argumento `targets` debe tener 1 o 2 dimensiones; tiene {targets.dim()}.",
        )
    labels = targets.detach().to(torch.long)
    longest = int(target_lengths.max()) if batch else 0
    if labels.dim() == 2:
        if labels.shape[0] != batch:
            raise _fail(
                RuntimeError,
                f"el argumento `targets` debe tener {batch} filas (una por elemento del lote); "
                f"tiene forma {tuple(labels.shape)}.",
            )
        if labels.shape[1] < longest:
            raise _fail(
                RuntimeError,
                f"el argumento `targets` debe tener al menos {longest} columnas "
                f"(la mayor `target_lengths`); tiene {labels.shape[1]}.",
            )
        return labels[:, :longest]
    total = int(target_lengths.sum())
    if labels.numel() != total:
        raise _fail(
            RuntimeError,
            f"el argumento `targets` concatenado debe tener {total} elementos "
            f"(la suma de `target_lengths`); tiene {labels.numel()}.",
        )
    starts = torch.cumsum(target_lengths, 0) - target_lengths
    positions = torch.arange(longest)
    index = (starts[:, None] + positions).clamp_max(max(total - 1, 0))
    if total == 0:
        return torch.zeros(batch, longest, dtype=torch.long)
    return labels[index]


def _extended(labels: Tensor, target_lengths: Tensor, blank: int) -> tuple[Tensor, Tensor, Tensor]:
    """La secuencia extendida :math:`l'` y los saltos permitidos hacia delante y hacia atrás.

    ``extended[n, s]`` es el blanco en los estados pares y la etiqueta ``s // 2`` en los
    impares (blanco más allá de la longitud de cada objetivo). ``skip[n, s]`` vale 0 si el
    estado ``s`` puede llegar desde ``s - 2`` (:math:`l'_s \\ne l'_{s-2}`) y
    :math:`-\\infty` si no; ``skip_back[n, s]`` es lo mismo visto desde ``s``: ``s + 2``.
    """
    batch, longest = labels.shape
    inside = torch.arange(longest) < target_lengths[:, None]
    labels = torch.where(inside, labels, blank)
    extended = torch.full((batch, 2 * longest + 1), blank, dtype=torch.long)
    extended[:, 1::2] = labels
    differs = extended[:, 2:] != extended[:, :-2]
    zero = torch.zeros((), dtype=torch.float64)
    jumps = torch.where(differs, zero, _NEG_INF)
    never = torch.full((batch, 2), _NEG_INF, dtype=torch.float64)
    states = extended.shape[1]  # 1 when every target is empty
    skip = torch.cat([never, jumps], 1)[:, :states]
    skip_back = torch.cat([jumps, never], 1)[:, :states]
    return extended, skip, skip_back


def _final_states(states: int, target_lengths: Tensor, dtype: torch.dtype) -> tuple[Tensor, Tensor]:
    """Los índices de los dos estados finales y una máscara ``(N, S')`` con 0 en ellos."""
    last = 2 * target_lengths
    mask = torch.full((target_lengths.numel(), states), _NEG_INF, dtype=dtype)
    rows = torch.arange(target_lengths.numel())
    mask[rows, last] = 0.0
    has_label = target_lengths > 0
    mask[rows[has_label], last[has_label] - 1] = 0.0
    return last, mask


def _chunks(steps: int, pieces: int = _PIECES) -> list[tuple[int, int]]:
    """``pieces`` intervalos ``[a, b)`` consecutivos que cubren ``range(steps)``."""
    size = -(-steps // pieces)
    return [(a, min(a + size, steps)) for a in range(0, steps, size)]


class _CTC(torch.autograd.Function):
    """La log-verosimilitud negativa por secuencia, con su retropropagación alfa-beta.

    Las dos recursiones comparten un único bucle en el tiempo: la fila ``n`` del retículo
    lleva :math:`\\alpha_t` de la secuencia ``n`` y la fila ``N + n`` lleva
    :math:`\\beta_{T-1-t}` con los estados en orden inverso, de modo que ambas avanzan con
    los mismos desplazamientos. Cada fila tiene dos columnas de relleno a
    :math:`-\\infty` delante, así que el paso entero son cuatro operaciones sobre un
    vector contiguo.
    """

    @staticmethod
    def forward(
        ctx: Any,
        log_probs: Tensor,
        extended: Tensor,
        skip: Tensor,
        skip_back: Tensor,
        input_lengths: Tensor,
        target_lengths: Tensor,
        zero_infinity: bool,
    ) -> Tensor:
        steps, batch, _ = log_probs.shape
        states = extended.shape[1]  # odd: blank, label, blank, ..., blank
        width = states + _PAD
        with_beta = bool(ctx.needs_input_grad[0])
        rows = 2 * batch if with_beta else batch
        # The lattice starts out holding the emissions (with -inf in the padding columns;
        # the beta rows read them reversed in time and in states): each step adds its
        # recursion onto them in place, so no second (T, rows, width) buffer exists.
        index = extended.unsqueeze(0).expand(steps, batch, states)
        lattice = log_probs.new_empty((steps, rows, width))
        lattice[:, :, :_PAD] = _NEG_INF
        torch.gather(log_probs, 2, index, out=lattice[:, :batch, _PAD:])
        backwards = extended.flip(1)
        if with_beta:  # by chunks of time: a whole flipped copy would be one more buffer
            for a, b in _chunks(steps):
                torch.gather(
                    log_probs[steps - b : steps - a].flip(0),
                    2,
                    backwards.unsqueeze(0).expand(b - a, batch, states),
                    out=lattice[a:b, batch:, _PAD:],
                )
        first = lattice[0].clone()
        jump = log_probs.new_full((rows, width), _NEG_INF)
        jump[:batch, _PAD:] = skip
        lattice[0] = _NEG_INF
        lattice[0, :batch, _PAD] = first[:batch, _PAD]
        if states > 1:
            lattice[0, :batch, _PAD + 1] = torch.where(
                target_lengths > 0, first[:batch, _PAD + 1], _NEG_INF
            )
        last_step = input_lengths - 1
        starts: dict[int, Tensor] = {}
        start = jump  # unused unless with_beta
        if with_beta:
            jump[batch:, _PAD:] = skip_back.flip(1)
            start = _final_states(states, target_lengths, log_probs.dtype)[1].flip(1)
            for t in set(last_step.tolist()):
                if t >= 0:
                    starts[steps - 1 - t] = (last_step == t)[:, None]
        # nan or +inf would leak through the padding into the next row: reset it then.
        # One reduction instead of an elementwise test: a finite sum means every term is
        # finite (an overflowing sum only sends us down the careful path).
        finite = bool(torch.isfinite(log_probs.sum()))
        guard = not finite
        # Every view the loop needs, made at once, all contiguous (a strided view would
        # be several times slower): flat position q of row i is written from positions
        # q (stay), q - 1 (advance) and q - 2 (skip a blank, where the mask allows it).
        flat = lattice.view(steps, -1)
        written = flat[:, _PAD:].unbind(0)
        advanced = flat[:, _PAD - 1 : -1].unbind(0)
        skipped = flat[:, _PAD - 2 : -2].unbind(0)
        mask = jump.view(-1)[_PAD:]
        via_skip = torch.empty_like(mask)
        recursion = torch.empty_like(mask)

        def begin_beta(i: int, beta: Tensor) -> None:
            """Aquí empiezan las filas beta de las secuencias cuyo último instante es ``i``."""
            emission = log_probs[steps - 1 - i].gather(1, backwards)
            beta.copy_(torch.where(starts[i], start + emission, beta))

        if 0 in starts:
            begin_beta(0, lattice[0, batch:, _PAD:])
        special = guard or len(starts) > 1 or (with_beta and 0 not in starts)
        add, logaddexp = torch.add, torch.logaddexp
        steps_ = zip(written[1:], written[:-1], advanced[:-1], skipped[:-1], strict=True)
        for i, (out, stay, advance, skip_) in enumerate(steps_, start=1):
            add(skip_, mask, out=via_skip)
            logaddexp(stay, advance, out=recursion)
            logaddexp(recursion, via_skip, out=recursion)
            out.add_(recursion)  # out holds the emission
            if special:
                if guard:
                    lattice[i, :, :_PAD] = _NEG_INF
                if i in starts:  # these sequences' last frame: beta starts here
                    begin_beta(i, lattice[i, batch:, _PAD:])

        alpha = lattice[:, :batch, _PAD:]
        rows_ = torch.arange(batch)
        at_end = alpha[last_step.clamp_min(0), rows_]
        last = 2 * target_lengths
        ends = at_end[rows_, last]
        before = torch.where(target_lengths > 0, at_end[rows_, (last - 1).clamp_min(0)], _NEG_INF)
        nll = -torch.logaddexp(ends, before)
        empty = torch.where(target_lengths == 0, 0.0, _NEG_INF).to(log_probs.dtype)
        nll = torch.where(input_lengths == 0, -empty, nll)
        ctx.save_for_backward(log_probs, lattice, extended, input_lengths, nll)
        ctx.zero_infinity = zero_infinity
        ctx.finite = finite
        return nll

    @staticmethod
    @once_differentiable
    def backward(ctx: Any, grad_nll: Tensor) -> tuple[Tensor | None, ...]:
        log_probs, lattice, extended, input_lengths, nll = ctx.saved_tensors
        steps, batch, _ = log_probs.shape
        states = extended.shape[1]
        index = extended.unsqueeze(0).expand(steps, batch, states)
        alpha = lattice[:, :batch, _PAD:]
        reversed_beta = lattice[:, batch:, _PAD:]
        nll_ = nll[None, :, None]
        # (exp(x) - occupancy) * g, with the sign folded into the (smaller) (T, N, C) pass.
        grad = torch.exp(log_probs).neg_()
        # Posterior of each state (alpha and beta both count the emission at t), in
        # torch's order of operations: exp((alpha + beta + nll) - x). By chunks of time,
        # so that it never exists whole and the saved lattice is left untouched.
        for a, b in _chunks(steps):
            posterior = reversed_beta[steps - b : steps - a].flip(0, 2)
            posterior.add_(alpha[a:b]).add_(nll_)
            posterior.sub_(log_probs[a:b].gather(2, index[a:b])).exp_()
            grad[a:b].scatter_add_(2, index[a:b], posterior)
        grad.mul_(grad_nll.neg()[None, :, None])
        # Like torch: a -inf log-probability, or a non-finite loss, gives nan...
        finite = bool(torch.isfinite(nll).all())
        if not finite or not ctx.finite:
            grad.masked_fill_(torch.isneginf(log_probs) | ~torch.isfinite(nll_), float("nan"))
        # ... and frames after each sequence's end (or a zeroed infinite loss) give 0.
        zeroed = ctx.zero_infinity and not finite
        if zeroed or not bool((input_lengths == steps).all()):
            valid = torch.arange(steps)[:, None, None] < input_lengths[None, :, None]
            if zeroed:
                valid = valid & ~torch.isposinf(nll_)
            grad.masked_fill_(~valid, 0.0)
        return grad, None, None, None, None, None, None


def ctc_loss(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Lengths,
    target_lengths: Lengths,
    blank: int = 0,
    reduction: str = "mean",
    zero_infinity: bool = False,
) -> Tensor:
    r"""Pérdida CTC: menos el logaritmo de la probabilidad de todas las alineaciones.

    Una alineación :math:`\pi = (\pi_1, \dots, \pi_T)` elige una clase en cada instante; la
    función :math:`\mathcal{B}` borra las repeticiones consecutivas y después los blancos.
    Para la secuencia :math:`n`, con log-probabilidades :math:`x_{t,c}` y objetivo
    :math:`y_n`, sin reducir:

    .. math::

        \ell = \{l_1, \dots, l_N\}, \qquad
        l_n = -\log \sum_{\pi \,:\, \mathcal{B}(\pi) = y_n} \prod_{t=1}^{T_n} e^{x_{t, \pi_t}},

    y con reducción

    .. math::

        \ell = \begin{cases}
            \frac{1}{N} \sum_n l_n / \max(1, \lvert y_n \rvert)
                & \text{si reduction} = \text{'mean'} \\
            \sum_n l_n & \text{si reduction} = \text{'sum'}
        \end{cases}

    La suma se calcula con la recursión hacia delante sobre la secuencia extendida
    :math:`l' = (\varnothing, y_1, \varnothing, \dots, y_L, \varnothing)`, en espacio
    logarítmico: :math:`\alpha_t(s) = x_{t, l'_s} + \log\!\big(e^{\alpha_{t-1}(s)} +
    e^{\alpha_{t-1}(s-1)} + [l'_s \ne l'_{s-2}]\, e^{\alpha_{t-1}(s-2)}\big)` y
    :math:`l_n = -\log(e^{\alpha_{T_n}(2L)} + e^{\alpha_{T_n}(2L-1)})`.

    El gradiente se obtiene con la recursión hacia atrás :math:`\beta` (que, como
    :math:`\alpha`, incluye la emisión del instante :math:`t`). Con la ocupación
    :math:`\gamma_{t,c} = \sum_{s: l'_s = c} e^{\alpha_t(s) + \beta_t(s) - x_{t,c} + l_n}`
    (la probabilidad a posteriori de emitir :math:`c` en :math:`t`), la derivada exacta es
    :math:`\partial l_n / \partial x_{t,c} = -\gamma_{t,c}`. Torch devuelve en cambio
    :math:`e^{x_{t,c}} - \gamma_{t,c}`, que es el gradiente respecto a los *logits*
    :math:`z` cuando :math:`x = \operatorname{log\_softmax}(z)`; el término añadido
    :math:`e^{x_{t,c}}` desaparece al retropropagar a través de ``log_softmax`` (porque
    :math:`\sum_c e^{x_{t,c}} = \sum_c \gamma_{t,c} = 1`). actloss devuelve lo mismo que
    torch, así que el gradiente es correcto cuando ``log_probs`` sale de ``log_softmax``
    (el uso documentado) y no lo es para log-probabilidades arbitrarias. Para
    :math:`t \ge T_n` el gradiente es 0. Como en torch, la derivada no puede derivarse
    otra vez.

    Una alineación imposible (objetivo demasiado largo para la entrada) da
    :math:`l_n = \infty` y gradiente ``nan``; con ``zero_infinity=True`` da 0 y gradiente 0.

    Argumentos:
        log_probs: log-probabilidades :math:`(T, N, C)` o :math:`(T, C)`, normalmente la
            salida de ``log_softmax``; ``float32`` o ``float64``.
        targets: objetivos rellenos :math:`(N, S)` o concatenados
            :math:`(\sum_n L_n,)`; se convierten a enteros como en torch. No deberían
            contener el blanco (torch no lo comprueba; actloss da el mismo número). Una
            etiqueta fuera de :math:`[0, C)` es un ``RuntimeError`` (torch lee memoria
            ajena y devuelve un valor arbitrario).
        input_lengths: :math:`T_n \le T` de cada secuencia; tensor de enteros o tupla.
        target_lengths: :math:`L_n` de cada objetivo; tensor de enteros o tupla.
        blank: índice de la clase blanco. Por defecto: ``0``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.
        zero_infinity: anula las pérdidas infinitas y su gradiente. Por defecto: ``False``.

    Forma:
        - ``log_probs``: :math:`(T, N, C)` o :math:`(T, C)` sin lote.
        - ``targets``: :math:`(N, S)` o :math:`(\sum_n L_n,)`.
        - ``input_lengths``, ``target_lengths``: :math:`(N,)` o :math:`()`.
        - Salida: escalar, o :math:`(N,)` con ``reduction='none'`` (:math:`()` sin lote).

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import ctc_loss
        >>> log_probs = torch.tensor([[0.5, 0.5], [0.5, 0.5]]).log()  # T = 2, C = 2
        >>> # alineaciones de "1": (1, 1), (1, blanco), (blanco, 1): 3/4 de probabilidad
        >>> (-ctc_loss(log_probs, torch.tensor([1]), (2,), (1,), reduction="sum")).exp()
        tensor(0.7500)
    """
    check_reduction(reduction, "ctc_loss")
    if log_probs.dtype not in _SUPPORTED:
        raise NotImplementedError(
            f"ctc_loss: el argumento `log_probs` debe ser float32 o float64 en la CPU; "
            f"se recibió {log_probs.dtype}."
        )
    _check_length_types(input_lengths, target_lengths)
    unbatched = log_probs.dim() == 2
    if unbatched:
        log_probs = log_probs.unsqueeze(1)
    if log_probs.dim() != 3:
        raise _fail(
            RuntimeError,
            f"el argumento `log_probs` debe tener 3 dimensiones (T, N, C), o 2 sin lote; "
            f"tiene {log_probs.dim() - unbatched}.",
        )
    if log_probs.numel() == 0:
        raise _fail(
            RuntimeError,
            f"el argumento `log_probs` no puede estar vacío; tiene forma {tuple(log_probs.shape)}.",
        )
    steps, batch, classes = log_probs.shape
    if not 0 <= blank < classes:
        raise _fail(
            RuntimeError,
            f"el argumento `blank` debe ser una clase entre 0 y {classes - 1}; se recibió {blank}.",
        )
    in_lengths = _lengths(input_lengths, "input_lengths", batch)
    tg_lengths = _lengths(target_lengths, "target_lengths", batch)
    if bool((in_lengths < 0).any()) or bool((in_lengths > steps).any()):
        raise _fail(
            RuntimeError,
            f"el argumento `input_lengths` debe estar entre 0 y {steps}; "
            f"se recibió {in_lengths.tolist()}.",
        )
    if bool((tg_lengths < 0).any()):
        raise _fail(
            RuntimeError,
            "el argumento `target_lengths` no puede ser negativo; "
            f"se recibió {tg_lengths.tolist()}.",
        )
    labels = _padded_targets(targets, tg_lengths, batch)
    inside = torch.arange(labels.shape[1]) < tg_lengths[:, None]
    if bool(((labels < 0) | (labels >= classes))[inside].any()):
        raise _fail(
            RuntimeError,
            f"el argumento `targets` debe contener clases entre 0 y {classes - 1}.",
        )
    extended, skip, skip_back = _extended(labels, tg_lengths, blank)
    device = log_probs.device
    nll: Tensor = _CTC.apply(  # type: ignore[no-untyped-call]
        log_probs,
        extended.to(device),
        skip.to(device),
        skip_back.to(device),
        in_lengths.to(device),
        tg_lengths.to(device),
        zero_infinity,
    )
    if zero_infinity:
        nll = torch.where(torch.isposinf(nll), torch.zeros((), dtype=nll.dtype), nll)
    if reduction == "mean":
        divisor = tg_lengths.to(device=device, dtype=nll.dtype).clamp_min(1)
        return (nll / divisor).mean()
    if reduction == "sum":
        return nll.sum()
    return nll.squeeze(0) if unbatched else nll


__all__ = ["ctc_loss"]
