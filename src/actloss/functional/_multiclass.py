"""Las bisagras multiclase: :func:`~actloss.functional.multi_margin_loss` y
:func:`~actloss.functional.multilabel_margin_loss`.

Sus comprobaciones comunes (las puntuaciones :math:`(N, C)`, los dtypes y el rango de las
clases) y sus funciones de autograd: la multietiqueta ordena cada fila para no formar la
matriz :math:`C \\times C` de pares y trabaja por bloques de filas; la multiclase usa un
solo temporal del tamaño de la entrada en cada sentido.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import Tensor

from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms


def scores_shape(input: Tensor, fn: str) -> tuple[int, int]:
    """Las muestras y las clases de unas puntuaciones :math:`(N, C)`, :math:`(C)` o escalares."""
    ndim = input.dim()
    if not ((ndim == 2 and input.size(1) != 0) or (ndim == 1 and input.size(0) != 0) or ndim == 0):
        raise RuntimeError(
            f"{fn}: se esperaba que `input` fuera un vector o una matriz no vacíos "
            f"(o un escalar); se recibió la forma {tuple(input.shape)}."
        )
    return (input.size(0) if ndim == 2 else 1), (1 if ndim == 0 else input.size(-1))


def check_dtypes(input: Tensor, target: Tensor, fn: str) -> None:
    """Puntuaciones ``float32`` o ``float64`` y clases ``torch.long``, como exige torch."""
    if not input.is_floating_point() or input.dtype in kernels.HALF_PRECISION:
        raise NotImplementedError(
            f"{fn}: el argumento `input` debe ser float32 o float64; se recibió {input.dtype}."
        )
    if target.dtype != torch.long:
        raise RuntimeError(
            f"{fn}: el argumento `target` debe ser de tipo torch.long; se recibió {target.dtype}."
        )


def check_classes(t: Tensor, low: int, classes: int, fn: str) -> None:
    """Cada valor de ``t`` entre ``low`` y ``classes - 1``."""
    t = transforms.values(t)  # under vmap, the whole batch's
    if not t.numel():
        return
    smallest, largest = torch.aminmax(t)
    if kernels.unreadable(t):
        # Reading the range would split the graph; torch's compiled multi_margin_loss and
        # multilabel_margin_loss stop on a class out of range too (RuntimeError, from their
        # indexing), so the check stays in the graph.
        inside = (smallest >= low) & (largest < classes)
        torch._assert_async(inside, f"{fn}: los valores de `target` deben estar en su rango.")
        return
    first, last = int(smallest), int(largest)
    if first < low or last >= classes:
        raise RuntimeError(
            f"{fn}: los valores de `target` deben estar entre {low} y {classes - 1}; "
            f"se recibió el rango [{first}, {last}]."
        )


# --- multilabel margin: O(N C) memory by sorting, a block of rows at a time -------------

# The multilabel margin loss works on at most this many blocks of rows, so that its sorts
# and counts hold a sixteenth of the input at a time (torch holds no temporaries there).
_BLOCKS = 16


def _row_blocks(frames: int, classes: int) -> list[slice]:
    # Compiling, one block: a loop over the rows would fix the batch size in the graph
    # (a recompilation for each size, and torch.export could not leave it dynamic).
    if kernels.compiled():
        return [slice(None)]
    rows = max(-(-frames // _BLOCKS), 1024 // max(classes, 1), 1)
    return [slice(start, start + rows) for start in range(0, frames, rows)]


def _multilabel_block(x: Tensor, t: Tensor, derivative: bool) -> Tensor:
    r"""Para un bloque de filas, :math:`C\,l` por fila o :math:`C\,\partial l/\partial x`.

    Con :math:`a_c = 1 - x_c`, el término de la clase listada :math:`c` y la no objetivo
    :math:`i` es :math:`z = a_c + x_i`, activo si :math:`z > 0`, es decir, si
    :math:`-x_i < a_c` (redondear una suma conserva su signo: la comparación es la misma
    que la de torch). Ordenando una vez los :math:`-x_i` de cada fila, una búsqueda binaria
    cuenta los términos activos de cada :math:`c` y una suma acumulada da su suma, sin
    formar la matriz :math:`C \times C` de pares.
    """
    inf = math.inf
    x = x.contiguous()  # searchsorted warns on strided rows (a block of a transposed input)
    zero = x.new_zeros(x.shape[0], 1)
    listed = (t < 0).cumsum(1) == 0  # before the first -1
    times = torch.zeros_like(x).scatter_add_(1, t.clamp_min(0), listed.to(x.dtype))
    chosen = times > 0  # the target classes; each listed index counts once more
    gap = 1 - x
    rivals = torch.where(chosen | x.isnan(), inf, -x).sort(1).values
    active = torch.searchsorted(rivals, gap.nan_to_num(nan=-inf, posinf=inf, neginf=-inf))
    if not derivative:
        # sum over the active i of (a_c + x_i) = active * a_c - (the first `active` of -x_i)
        lowest = torch.cat([zero, rivals.cumsum(1)], 1).gather(1, active)
        hinge = (active * gap).masked_fill_(active == 0, 0) - lowest
        return torch.where(chosen, times * hinge, 0).sum(1)
    # x_i rises once per active term of each listed c (-a_c < x_i), x_c falls once per term.
    thresholds, order = torch.where(chosen & ~gap.isnan(), -gap, inf).sort(1)
    weights = torch.cat([zero, times.gather(1, order).cumsum(1)], 1)
    query = torch.where(chosen | x.isnan(), -inf, x)
    rises = weights.gather(1, torch.searchsorted(thresholds, query))
    return rises - times * active


class MultilabelMargin(torch.autograd.Function):
    """La pérdida por fila de :func:`multilabel_margin_loss`, :math:`(N, C) \to (N)`."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, t: Tensor) -> Tensor:
        ctx.save_for_backward(x, t)
        out = x.new_empty(x.shape[0])
        for rows in _row_blocks(*x.shape):
            out[rows] = _multilabel_block(x[rows], t[rows], derivative=False)
        return out.div_(x.shape[1])

    @staticmethod
    def formula(x: Tensor, t: Tensor) -> Tensor:
        """Lo mismo con la matriz :math:`C \\times C` de pares y sin escribir en el sitio
        (``transforms.run`` bajo torch.func): cada clase listada :math:`c` contra cada no
        objetivo :math:`i`, con el término contado si :math:`1 - x_c + x_i > 0`, como torch."""
        listed = (t < 0).cumsum(1) == 0  # before the first -1
        index = t.clamp_min(0)
        times = torch.zeros_like(x).scatter_add(1, index, listed.to(x.dtype))
        z = (1 - x.gather(1, index)).unsqueeze(2) + x.unsqueeze(1)  # z[n, c, i]
        counted = listed.unsqueeze(2) & (times == 0).unsqueeze(1) & (z > 0)
        return torch.where(counted, z, 0).sum((1, 2)) / x.shape[1]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        x, t = ctx.saved_tensors
        d = torch.empty_like(x)
        with torch.no_grad():  # piecewise constant in x: its own derivative is 0
            for rows in _row_blocks(*x.shape):
                d[rows] = _multilabel_block(x[rows], t[rows], derivative=True)
        scale = (grad / x.shape[1]).unsqueeze(1)
        if kernels.out_of_place(grad):  # double backward: keep the product in the graph
            return kernels.tied(d, x) * scale, None
        return d.mul_(scale), None


# --- multi margin: one temporary of the input's size in each direction -----------------


def _multi_margin_terms(x: Tensor, t: Tensor, margin: float) -> Tensor:
    """:math:`z_{n,i} = (\text{margin} - x_{n,y_n}) + x_{n,i}`, redondeado como en torch."""
    return torch.rsub(x.gather(1, t.unsqueeze(1)), margin) + x


def _is_target(x: Tensor, t: Tensor) -> Tensor:
    """La columna de la clase correcta de cada fila, como máscara (solo fuera del camino
    rápido sin compilar: allí la columna se escribe con ``scatter_``)."""
    return torch.arange(x.shape[1], device=x.device) == t.unsqueeze(1)


class MultiMargin(torch.autograd.Function):
    """La pérdida por fila de :func:`multi_margin_loss` sin el peso por lote.

    ``scale`` es :math:`w_{y_n}` (o ``None``). La derivada se escribe sobre el único
    temporal :math:`z`: los pliegues se eligen con el escalón de coma flotante
    (:func:`~actloss.functional._kernels.step`, más rápido que una máscara booleana) y
    :func:`~actloss.functional._kernels.fill_nan` deja fuera los :math:`z` ``nan`` (torch
    no los cuenta: ``nan > 0`` es falso).
    """

    @staticmethod
    def forward(
        ctx: Any, x: Tensor, t: Tensor, margin: float, p: int, scale: Tensor | None
    ) -> Tensor:
        ctx.save_for_backward(x, t, scale)
        ctx.margin, ctx.p = margin, p
        z = _multi_margin_terms(x, t, margin)
        if kernels.compiled():
            hinge = kernels.fill_nan(z.clamp_min(0), 0.0)
            hinge = hinge * hinge if p == 2 else hinge
            per_frame = torch.where(_is_target(x, t), 0, hinge).sum(1)
        else:
            kernels.fill_nan(z.clamp_min_(0), 0.0)
            if p == 2:
                z.mul_(z)
            per_frame = z.scatter_(1, t.unsqueeze(1), 0).sum(1)
        if scale is not None:
            per_frame.mul_(scale)
        return per_frame.div_(x.shape[1])

    @staticmethod
    def formula(x: Tensor, t: Tensor, margin: float, p: int, scale: Tensor | None) -> Tensor:
        """Lo mismo sin escribir en el sitio (``transforms.run`` bajo torch.func); ``z > 0``
        deja fuera los ``nan`` y los pliegues, como torch."""
        z = _multi_margin_terms(x, t, margin)
        hinge = torch.where(z > 0, z, 0)
        hinge = hinge * hinge if p == 2 else hinge
        per_frame = torch.where(_is_target(x, t), 0, hinge).sum(1)
        return (per_frame if scale is None else per_frame * scale) / x.shape[1]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None, None]:
        x, t, scale = ctx.saved_tensors
        factor = grad / x.shape[1] if scale is None else grad * scale / x.shape[1]
        column = t.unsqueeze(1)
        if not kernels.in_place(grad):
            # Double backward, or inductor (which fuses this into two loops over the input
            # and one buffer, while each scatter would be a buffer of its own): out of place.
            z = _multi_margin_terms(x, t, ctx.margin)
            d = kernels.step(z) if ctx.p == 1 else 2 * z.clamp_min(0)
            target = _is_target(x, t)
            d = torch.where(target, 0, kernels.fill_nan(d, 0.0))
            d = torch.where(target, -d.sum(1, keepdim=True), d)
            return d * factor.unsqueeze(1), None, None, None, None
        d = _multi_margin_terms(x, t, ctx.margin)
        if ctx.p == 1:
            kernels.step_(d)
        else:
            d.clamp_min_(0).mul_(2)
        kernels.fill_nan(d, 0.0).scatter_(1, column, 0)
        d.scatter_(1, column, -d.sum(1, keepdim=True))
        return d.mul_(factor.unsqueeze(1)), None, None, None, None
