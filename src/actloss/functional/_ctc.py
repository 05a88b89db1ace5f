"""Pérdida de clasificación temporal conexionista (CTC); véase :func:`ctc_loss`.

La recursión hacia delante (alfa) y hacia atrás (beta) recorren la secuencia de
etiquetas extendida (con blancos intercalados) en espacio logarítmico. Cada paso de
tiempo es una operación vectorizada sobre todo el lote y todos los estados; el único
bucle de Python es el del tiempo.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any, NamedTuple

import torch
from torch import Tensor
from torch.autograd.function import once_differentiable

from actloss._validation import (
    check_reduction,
    mean_alias,
    require_bool,
    require_int,
    require_tensors,
)
from actloss.functional import _autocast as autocast
from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms
from actloss.reference import _ctc as reference

_NEG_INF = float("-inf")
_SUPPORTED = (torch.float32, torch.float64)
_PAD = 2  # -inf columns before each sequence in a row of the lattice
_PIECES = 8  # time chunks for the flips and the posterior: each temporary is 1/8 of T

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
    else:  # Python or numpy integers, or integer tensors of one element
        flat = torch.tensor(
            [int(v) if isinstance(v, Tensor) else operator.index(v) for v in value],
            dtype=torch.long,
        )
    if flat.numel() != batch:
        raise _fail(
            RuntimeError,
            f"el argumento `{name}` debe tener un valor por elemento del lote ({batch}); "
            f"se recibieron {flat.numel()}.",
        )
    return flat


def _is_length(value: Any) -> bool:
    """Un entero como los que torch acepta en una lista de longitudes: de Python o de numpy,
    o un tensor de enteros de un elemento."""
    if isinstance(value, Tensor):
        return value.numel() == 1 and not (value.is_floating_point() or value.is_complex())
    try:
        operator.index(value)
    except TypeError:
        return False
    return True


def _check_length_types(input_lengths: Any, target_lengths: Any) -> None:
    """torch acepta dos tensores o dos listas (o tuplas) de enteros, nunca una mezcla."""
    tensors = [isinstance(v, Tensor) for v in (input_lengths, target_lengths)]
    if all(tensors):
        return
    for name, value in (("input_lengths", input_lengths), ("target_lengths", target_lengths)):
        if isinstance(value, Tensor):
            problem = "es un tensor y la otra longitud no"
        elif not isinstance(value, (tuple, list)):
            problem = f"es de tipo {type(value).__name__}"
        else:
            wrong = [v for v in value if not _is_length(v)]
            if not wrong:
                continue
            problem = f"contiene {wrong[0]!r}, de tipo {type(wrong[0]).__name__}"
        raise TypeError(
            "ctc_loss: los argumentos `input_lengths` y `target_lengths` deben ser los dos "
            f"tensores de enteros o las dos listas (o tuplas) de enteros; `{name}` {problem}."
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


def _extended(labels: Tensor, target_lengths: Tensor, blank: int) -> Tensor:
    """La secuencia extendida :math:`l'`, ``(N, 2 S + 1)``: el blanco en los estados pares y
    la etiqueta ``s // 2`` en los impares (blanco más allá de la longitud de cada objetivo).
    """
    batch, longest = labels.shape
    inside = torch.arange(longest) < target_lengths[:, None]
    extended = torch.full((batch, 2 * longest + 1), blank, dtype=torch.long)
    extended[:, 1::2] = torch.where(inside, labels, blank)
    return extended


class _Layout(NamedTuple):
    """Dónde vive cada estado de cada secuencia en una fila (un instante) del retículo.

    Las secuencias van una tras otra, cada una con sus :math:`2 L_n + 1` estados tras
    ``_PAD`` columnas de relleno: primero las filas alfa y después, si hay gradiente, las
    beta, con los estados en orden inverso. Como en torch, cada secuencia recorre solo sus
    estados: rellenar todas hasta el objetivo más largo añadiría, con longitudes entre
    :math:`S/2` y :math:`S`, un tercio más de trabajo en cada paso.
    """

    alpha_width: int  # positions of the alpha rows; the beta rows follow
    emission: Tensor  # (width,) index into log_probs[t].reshape(-1) (padding: any class)
    padding: Tensor  # positions of the padding columns
    jump: Tensor  # (width,) 0 where a path may skip a blank into that state, -inf elsewhere
    first: Tensor  # (width,) bool: where each recursion starts (alpha: s < 2; beta: the last two)
    owner: Tensor  # (alpha_width,) the sequence of each position (the same in the beta rows)
    ends: Tensor  # (N,) position of each sequence's last alpha state
    alpha: Tensor  # (K,) position of alpha(n, s), for every state of every sequence
    beta: Tensor  # (K,) position of beta(n, s), same order
    label: Tensor  # (K,) index of x[t, n, l'_s] in log_probs[t].reshape(-1)
    sequence: Tensor  # (K,) n

    def to(self, device: torch.device) -> _Layout:
        """Los mismos índices en ``device``."""
        moved = {name: getattr(self, name).to(device) for name in self._fields[1:]}
        return _Layout(self.alpha_width, **moved)


def _layout(
    extended: Tensor, target_lengths: Tensor, classes: int, with_beta: bool, dtype: torch.dtype
) -> _Layout:
    """El :class:`_Layout` de la secuencia extendida ``extended`` (rellena con blancos)."""
    batch = target_lengths.numel()
    states = 2 * target_lengths + 1
    widths = states + _PAD
    row_start = torch.cumsum(widths, 0) - widths
    alpha_width = int(widths.sum())
    sequence = torch.repeat_interleave(torch.arange(batch), states)
    s = torch.arange(sequence.numel()) - (torch.cumsum(states, 0) - states)[sequence]
    last = extended.shape[1] - 1
    here = extended[sequence, s]
    # A skip from s - 2 to s is allowed when l'_s differs from l'_{s-2}; beta goes the
    # other way, from s + 2 down to s (within the sequence: beyond it is padding).
    skips_in = (s >= 2) & (here != extended[sequence, (s - 2).clamp_min(0)])
    skips_out = (s + 2 < states[sequence]) & (here != extended[sequence, (s + 2).clamp_max(last)])
    alpha = row_start[sequence] + _PAD + s
    beta = alpha_width + row_start[sequence] + _PAD + (states[sequence] - 1 - s)
    label = sequence * classes + here
    copies = 2 if with_beta else 1
    width = copies * alpha_width
    emission = torch.zeros(width, dtype=torch.long)
    jump = torch.full((width,), _NEG_INF, dtype=dtype)
    first = torch.zeros(width, dtype=torch.bool)
    is_state = torch.zeros(width, dtype=torch.bool)
    sides = [(alpha, skips_in, s < 2), (beta, skips_out, s >= states[sequence] - 2)]
    for positions, skips, boundary in sides[:copies]:
        emission[positions] = label
        jump[positions] = torch.where(skips, 0.0, _NEG_INF).to(dtype)
        first[positions] = boundary
        is_state[positions] = True
    return _Layout(
        alpha_width=alpha_width,
        emission=emission,
        padding=(~is_state).nonzero().squeeze(1),
        jump=jump,
        first=first,
        owner=torch.repeat_interleave(torch.arange(batch), widths),
        ends=row_start + _PAD + states - 1,
        alpha=alpha,
        beta=beta,
        label=label,
        sequence=sequence,
    )


def _chunks(steps: int, pieces: int = _PIECES) -> list[tuple[int, int]]:
    """``pieces`` intervalos ``[a, b)`` consecutivos que cubren ``range(steps)``."""
    size = -(-steps // pieces)
    return [(a, min(a + size, steps)) for a in range(0, steps, size)]


def _emissions(probs: Tensor, layout: _Layout, with_beta: bool) -> Tensor:
    """El retículo :math:`(T, \\text{ancho})` con la emisión de cada estado, y el relleno a
    :math:`-\\infty`.

    Cada paso de la recursión suma sobre estas emisiones en el sitio, así que no existe un
    segundo búfer :math:`(T, \\text{ancho})`; las filas beta las leen al revés en el tiempo.
    """
    steps, split = probs.shape[0], layout.alpha_width
    lattice = probs.new_empty((steps, layout.emission.numel()))
    torch.gather(probs, 1, layout.emission[:split].expand(steps, -1), out=lattice[:, :split])
    if with_beta:  # by chunks of time: a whole flipped copy would be one more buffer
        for a, b in _chunks(steps):
            torch.gather(
                probs[steps - b : steps - a].flip(0),
                1,
                layout.emission[split:].expand(b - a, -1),
                out=lattice[a:b, split:],
            )
    lattice.index_fill_(1, layout.padding, _NEG_INF)
    return lattice


def _recursions(
    lattice: Tensor, probs: Tensor, layout: _Layout, last_step: Tensor, with_beta: bool, guard: bool
) -> None:
    """Las recursiones alfa y beta, en el sitio sobre el retículo, en un solo bucle en el tiempo.

    Con ``guard`` se vuelve a poner el relleno a :math:`-\\infty` en cada paso (una entrada
    no finita lo contaminaría). Beta empieza en el último instante de cada secuencia.
    """
    steps, split = lattice.shape[0], layout.alpha_width
    begins_at = last_step[layout.owner]  # the frame where each beta position starts
    alive = layout.first.clone()
    later: set[int] = set()  # the steps where some beta rows start afresh
    if with_beta:
        alive[split:] &= begins_at == steps - 1
        later = {steps - 1 - t for t in last_step.tolist() if 0 <= t < steps - 1}
    lattice[0].masked_fill_(~alive, _NEG_INF)
    # Every view the loop needs, made at once, all contiguous (a strided view would
    # be several times slower): position q is written from positions q (stay),
    # q - 1 (advance) and q - 2 (skip a blank, where the jump allows it).
    written = lattice[:, _PAD:].unbind(0)
    advanced = lattice[:, _PAD - 1 : -1].unbind(0)
    skipped = lattice[:, :-_PAD].unbind(0)
    mask = layout.jump[_PAD:]
    via_skip = torch.empty_like(mask)
    recursion = torch.empty_like(mask)
    add, logaddexp = torch.add, torch.logaddexp
    transitions = zip(written[1:], written[:-1], advanced[:-1], skipped[:-1], strict=True)
    for i, (out, stay, advance, skip) in enumerate(transitions, start=1):
        add(skip, mask, out=via_skip)
        logaddexp(stay, advance, out=recursion)
        logaddexp(recursion, via_skip, out=recursion)
        out.add_(recursion)  # out holds the emission
        if guard:
            lattice[i].index_fill_(0, layout.padding, _NEG_INF)
        if i in later:  # these sequences' last frame: beta starts here, afresh
            beta = lattice[i, split:]
            starting = begins_at == steps - 1 - i
            emission = probs[steps - 1 - i, layout.emission[split:]]
            beta.copy_(torch.where(starting, emission, beta))
            beta.masked_fill_(starting & ~layout.first[split:], _NEG_INF)


def _nll_at_end(
    lattice: Tensor, layout: _Layout, input_lengths: Tensor, target_lengths: Tensor
) -> Tensor:
    """:math:`-\\log(e^{\\alpha_{T_n}(2L)} + e^{\\alpha_{T_n}(2L-1)})` de cada secuencia; 0 o
    :math:`\\infty` si la entrada está vacía (según lo esté o no el objetivo)."""
    at_end = lattice[(input_lengths - 1).clamp_min(0)]
    rows = torch.arange(target_lengths.numel())
    ends = at_end[rows, layout.ends]
    before = torch.where(target_lengths > 0, at_end[rows, layout.ends - 1], _NEG_INF)
    nll = -torch.logaddexp(ends, before)
    empty = torch.where(target_lengths == 0, 0.0, _NEG_INF).to(lattice.dtype)
    return torch.where(input_lengths == 0, -empty, nll)


class _CTC(torch.autograd.Function):
    """La log-verosimilitud negativa por secuencia, con su retropropagación alfa-beta.

    Las dos recursiones comparten un único bucle en el tiempo: cada fila del retículo
    (un instante) lleva :math:`\\alpha_t` de todas las secuencias y después
    :math:`\\beta_{T-1-t}` con los estados en orden inverso, de modo que ambas avanzan
    con los mismos desplazamientos (véase :class:`_Layout`). Cada secuencia tiene dos
    columnas de relleno a :math:`-\\infty` delante, así que el paso entero son cuatro
    operaciones sobre un vector contiguo.
    """

    @staticmethod
    def forward(
        ctx: Any,
        log_probs: Tensor,
        extended: Tensor,
        input_lengths: Tensor,
        target_lengths: Tensor,
        zero_infinity: bool,
    ) -> Tensor:
        steps, batch, classes = log_probs.shape
        with_beta = bool(ctx.needs_input_grad[0])
        layout = _layout(extended, target_lengths.cpu(), classes, with_beta, log_probs.dtype)
        layout = layout.to(log_probs.device)
        probs = log_probs.reshape(steps, batch * classes)
        lattice = _emissions(probs, layout, with_beta)
        # nan or +inf would leak through the padding into the next sequence: the loop then
        # resets it. One reduction instead of an elementwise test: a finite sum means every
        # term is finite (an overflowing sum only sends us down the careful path).
        finite = bool(torch.isfinite(log_probs.sum()))
        _recursions(lattice, probs, layout, input_lengths - 1, with_beta, guard=not finite)
        nll = _nll_at_end(lattice, layout, input_lengths, target_lengths)
        ctx.save_for_backward(
            log_probs, lattice, input_lengths, nll,
            layout.alpha, layout.beta, layout.label, layout.sequence,
        )  # fmt: skip
        ctx.zero_infinity = zero_infinity
        ctx.finite = finite
        return nll

    @staticmethod
    @once_differentiable
    def backward(ctx: Any, grad_nll: Tensor) -> tuple[Tensor | None, ...]:
        log_probs, lattice, input_lengths, nll, alpha, beta, label, sequence = ctx.saved_tensors
        steps, batch, classes = log_probs.shape
        probs = log_probs.reshape(steps, batch * classes)
        # (exp(x) - occupancy) * g, with the sign folded into the (smaller) (T, N, C) pass.
        grad = torch.exp(probs).neg_()
        # Posterior of each state (alpha and beta both count the emission at t), in
        # torch's order of operations: exp((alpha + beta + nll) - x). By chunks of time,
        # so that it never exists whole and the saved lattice is left untouched.
        nll_of_state = nll[sequence]
        for a, b in _chunks(steps):
            posterior = lattice[a:b].index_select(1, alpha)
            posterior.add_(lattice[steps - b : steps - a].index_select(1, beta).flip(0))
            posterior.add_(nll_of_state)
            posterior.sub_(probs[a:b].index_select(1, label)).exp_()
            grad[a:b].scatter_add_(1, label.expand(b - a, -1), posterior)
        grad = grad.view(steps, batch, classes)
        if kernels.out_of_place(grad_nll):  # a batch of grad_nll (jacobian with vectorize)
            grad = grad * grad_nll.neg()[None, :, None]
        else:
            grad.mul_(grad_nll.neg()[None, :, None])
        nll_column = nll[None, :, None]
        # Like torch: a -inf log-probability, or a non-finite loss, gives nan...
        finite = bool(torch.isfinite(nll).all())
        if not finite or not ctx.finite:
            bad = torch.isneginf(log_probs) | ~torch.isfinite(nll_column)
            grad.masked_fill_(bad, float("nan"))
        # ... and frames after each sequence's end (or a zeroed infinite loss) give 0.
        zeroed = ctx.zero_infinity and not finite
        if zeroed or not bool((input_lengths == steps).all()):
            valid = torch.arange(steps)[:, None, None] < input_lengths[None, :, None]
            if zeroed:
                valid = valid & ~torch.isposinf(nll_column)
            grad.masked_fill_(~valid, 0.0)
        return grad, None, None, None, None


def _through_formula(
    log_probs: Tensor,
    targets: Tensor,
    in_lengths: Tensor,
    tg_lengths: Tensor,
    blank: int,
    zero_infinity: bool,
) -> Tensor:
    """La pérdida por secuencia bajo torch.func (``transforms.transformed``): la recursión de
    :func:`actloss.reference.ctc_loss`, sin escrituras en el sitio, que autograd deriva.

    Su gradiente es el exacto, :math:`-\\gamma`; torch devuelve :math:`e^{x} - \\gamma`
    (véase :func:`ctc_loss`). Para dar el de torch se suma :math:`e^{x} - e^{x}`, con el
    segundo término sin derivada, en los instantes de cada secuencia: vale 0 exacto y su
    derivada es :math:`e^{x}`.
    """
    nll = reference.ctc_loss(log_probs, targets, in_lengths, tg_lengths, blank, "none")
    e = log_probs.exp()
    inside = torch.arange(log_probs.shape[0], device=log_probs.device)[:, None] < in_lengths
    torch_gradient = nll + torch.where(inside[..., None], e - e.detach(), 0).sum((0, 2))
    if zero_infinity:  # its infinite losses become 0, with gradient 0
        return torch_gradient
    # A sequence with no alignment (an infinite loss) gets torch's nan gradient in its
    # steps: sqrt(u) with u = 0 + 0 (x - x), worth 0 with derivative 0 / 0.
    aligned = nll.detach().isfinite() | ~inside  # (T, N): 1 where the gradient is finite
    u = torch.where(aligned[..., None], 1.0, 0.0) + 0 * (log_probs - log_probs.detach())
    no_alignment = (u.sqrt() - u.detach().sqrt()).sum((0, 2))
    return torch_gradient + no_alignment


def _checked(
    log_probs: Tensor, targets: Tensor, input_lengths: Any, target_lengths: Any, blank: int
) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Las comprobaciones de torch, con sus mismas clases de excepción.

    Devuelve ``log_probs`` con lote :math:`(T, N, C)`, las dos longitudes como tensores
    ``int64`` y la secuencia extendida :math:`l'` de cada objetivo.
    """
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
    return log_probs, in_lengths, tg_lengths, _extended(labels, tg_lengths, blank)


@autocast.in_float32
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
    reduction = mean_alias(reduction)
    check_reduction(reduction, "ctc_loss")
    require_tensors("ctc_loss", log_probs=log_probs, targets=targets)
    require_int(blank, "ctc_loss", "blank")
    require_bool(zero_infinity, "ctc_loss", "zero_infinity")
    unbatched = log_probs.dim() == 2
    log_probs, in_lengths, tg_lengths, extended = _checked(
        log_probs, targets, input_lengths, target_lengths, blank
    )
    device = log_probs.device
    if transforms.transformed():
        nll = _through_formula(
            log_probs, targets.reshape(1, -1) if unbatched else targets,
            in_lengths.to(device), tg_lengths.to(device), blank, zero_infinity,
        )  # fmt: skip
    else:
        nll = _CTC.apply(  # type: ignore[no-untyped-call]
            log_probs,
            extended,
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
