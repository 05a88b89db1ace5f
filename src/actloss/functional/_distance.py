"""La distancia :math:`p` entre pares y la similitud coseno, con las convenciones de torch.

Las usan :func:`~actloss.functional.cosine_embedding_loss`, las pérdidas de tripletes y
:class:`~actloss.nn.PairwiseDistance`: operaciones elementales, con las mismas constantes
que torch (el ``eps`` que se suma a la diferencia y el que se suma a las normas al
cuadrado) y el gradiente de la norma escrito a mano con sus convenciones.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import Tensor

from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms

# torch adds the single-precision constant 1e-12 to the squared norms of
# cosine_embedding_loss; in double precision that is 9.999999960041972e-13.
COSINE_EPS = float(torch.tensor(1e-12, dtype=torch.float32).item())


# --- the p-norm along the last dimension, with torch's gradient conventions ------------


class _VectorNorm(torch.autograd.Function):
    """:math:`\\lVert v \\rVert_p` sobre la última dimensión, con el gradiente de torch.

    La derivada se escribe a mano con las mismas convenciones que torch: 0 cuando la
    norma es 0 (``p >= 1``), 0 en las componentes nulas si ``p < 1``, reparto a partes
    iguales entre los empates si ``p`` es infinito, y sin gradiente si ``p = 0``.
    """

    @staticmethod
    def forward(ctx: Any, v: Tensor, p: float) -> Tensor:
        # Half precision accumulates in float32, as torch's norm does: a sum of squares of
        # coordinates in the hundreds already passes float16's largest number.
        norm = kernels.in_float32(_norm_value)(v, p)
        ctx.p = p
        ctx.save_for_backward(v, norm)
        return norm

    @staticmethod
    def formula(v: Tensor, p: float) -> Tensor:
        """Bajo torch.func (``transforms.run``), la norma de torch, que trae su derivada con
        estas mismas convenciones: autograd no las obtendría derivando ``_norm_value``
        (la raíz de 0 daría ``nan``)."""
        norm: Tensor = torch.linalg.vector_norm(v, p, dim=-1)
        return norm

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, None]:
        v, norm = ctx.saved_tensors
        if v.dtype in kernels.HALF_PRECISION:  # in float32 too (powers of v may overflow)
            derivative = _norm_derivative(grad.float(), v.float(), ctx.p, norm.float())
            return (None if derivative is None else derivative.to(v.dtype)), None
        return _norm_derivative(grad, v, ctx.p, norm), None


def _norm_value(v: Tensor, p: float) -> Tensor:
    a = v.abs()
    if p == 0:
        return (v != 0).sum(-1).to(v.dtype)
    if p == math.inf:
        return a.amax(-1)
    if p == -math.inf:
        return a.amin(-1)
    if p == 1:
        return a.sum(-1)
    if p == 2:
        return (v * v).sum(-1).sqrt()
    return a.pow(p).sum(-1).pow(1 / p)


def _norm_derivative(grad: Tensor, v: Tensor, p: float, norm: Tensor) -> Tensor | None:
    if p == 0:
        return torch.zeros_like(v)
    grad, norm = grad.unsqueeze(-1), norm.unsqueeze(-1)
    if p == 1:
        return v.sgn() * grad
    if p == 2:
        return grad * torch.where(norm == 0, 0, v / norm)
    if not kernels.is_finite(p):
        a = v.abs()
        hit = (a == norm) | a.isnan()
        return v.sgn() * (grad / hit.sum(-1, keepdim=True) * hit)
    if p < 1:
        scaled = v.sgn() * torch.where(v == 0, 0, v.abs().pow(p - 1))
        return scaled * grad * norm.pow(1 - p)
    scaled = v.sgn() * v.abs().pow(p - 1) if p < 2 else v * v.abs().pow(p - 2)
    return scaled * torch.where(norm == 0, 0, grad / norm.pow(p - 1))


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6) -> Tensor:
    r"""La distancia :math:`\lVert x_1 - x_2 + \varepsilon \rVert_p` sobre la última dimensión.

    Como torch, suma ``eps`` a cada componente de la diferencia (no a la norma).
    """
    diff = x1 - x2 + eps
    if diff.dim() == 0:
        diff = diff.unsqueeze(0)
    return transforms.run(_VectorNorm, diff, float(p))  # type: ignore[no-any-return]


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int) -> Tensor:
    r"""La similitud coseno con :math:`\epsilon` sumado a cada norma al cuadrado, como torch."""
    dot = (x1 * x2).sum(dim)
    squared1 = (x1 * x1).sum(dim) + COSINE_EPS
    squared2 = (x2 * x2).sum(dim) + COSINE_EPS
    return dot / (squared1 * squared2).sqrt()
