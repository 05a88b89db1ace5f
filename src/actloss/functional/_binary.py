"""Las funciones de autograd de la entropía cruzada binaria, con sus derivadas escritas.

:func:`~actloss.functional.binary_cross_entropy` (sobre probabilidades, con el recorte de
torch en :math:`-100`) y :func:`~actloss.functional.binary_cross_entropy_with_logits`
(sobre logits, con una sola exponencial) reducen aquí mismo, como el núcleo de torch: sin
grafo de segundo orden, cada sentido escribe sobre dos temporales a lo sumo y ``'mean'``
recibe un gradiente escalar.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

from actloss._validation import apply_reduction, reduction_gradient
from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms
from actloss.reference import _classification as definitions

_LOG_FLOOR = -100.0  # torch clamps each log at -100 so that 0 * log(0) stays finite
_EPSILON = 1e-12  # and the derivative's denominator at 1e-12


def _bce(x: Tensor, y: Tensor) -> Tensor:
    return (y - 1) * torch.log1p(-x).clamp_min(_LOG_FLOOR) - y * torch.log(x).clamp_min(_LOG_FLOOR)


def _bce_dx(x: Tensor, y: Tensor) -> Tensor:
    return (x - y) / ((1 - x) * x).clamp_min(_EPSILON)


def _bce_dy(x: Tensor, y: Tensor) -> Tensor:
    return torch.log1p(-x) - torch.log(x)


def _bce_definition(x: Tensor, y: Tensor) -> Tensor:
    return definitions.binary_cross_entropy(x, y, reduction="none")


class BinaryCrossEntropy(torch.autograd.Function):
    """BCE con las derivadas escritas (las mismas que usa torch), reducida aquí mismo.

    Sin grafo de segundo orden, cada sentido escribe sobre sus propios temporales (dos a lo
    sumo), y ``'mean'`` recibe un gradiente escalar, como el núcleo de torch.
    """

    @staticmethod
    def forward(ctx: Any, x: Tensor, y: Tensor, reduction: str) -> Tensor:
        ctx.save_for_backward(x, y)
        ctx.reduction = reduction
        # (y - 1) max(log(1 - x), -100) - y max(log x, -100), in torch's order; written on
        # a temporary of x, so that the result has x's memory layout, as torch's.
        loss = torch.neg(x).log1p_().clamp_min_(_LOG_FLOOR).mul_(y - 1)
        loss.sub_(torch.log(x).clamp_min_(_LOG_FLOOR).mul_(y))
        return apply_reduction(loss, reduction)

    @staticmethod
    def formula(x: Tensor, y: Tensor, reduction: str) -> Tensor:
        r"""Lo mismo sin escribir en el sitio (``transforms.run`` bajo torch.func), con las
        derivadas escritas de ``backward`` (:class:`~actloss.functional._transforms.Closed`):
        la de los logaritmos recortados en 0 y 1 sería :math:`0 \cdot \infty`."""
        loss = transforms.closed(_bce, (_bce_dx, _bce_dy), x, y, definition=_bce_definition)
        return apply_reduction(loss, reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None, None]:
        x, y = ctx.saved_tensors
        grad = reduction_gradient(grad, x.numel(), ctx.reduction)
        need_x, need_y = ctx.needs_input_grad[:2]
        if kernels.out_of_place(grad):  # double backward: the same formulas, out of place
            # d/dx = (x - y) / (x (1 - x)), with the denominator kept above 1e-12;
            # d/dy = log(1 - x) - log(x) = -logit(x), unclamped, as torch.
            return (
                grad * (x - y) / ((1 - x) * x).clamp_min(_EPSILON),
                -grad * torch.log(x / (1 - x)),
                None,
            )
        grad_x: Tensor | None = None
        grad_y: Tensor | None = None
        if need_x:
            grad_x = (x - y).div_(torch.rsub(x, 1).mul_(x).clamp_min_(_EPSILON)).mul_(grad)
        if need_y:
            odds = torch.rsub(x, 1)
            grad_y = torch.div(x, odds, out=odds).log_().mul_(grad).neg_()
        return grad_x, grad_y, None


class BinaryCrossEntropyWithLogits(torch.autograd.Function):
    """:math:`(1 - y) x - (1 + (p - 1) y) \\log\\sigma(x)` con sus derivadas escritas, reducida.

    Sin ``pos_weight`` ni grafo de segundo orden, cada sentido escribe sobre dos
    temporales a lo sumo; la sigmoide de la derivada elige su rama con el escalón de coma
    flotante (:func:`~actloss.functional._kernels.step`), no con una máscara booleana.
    """

    @staticmethod
    def forward(
        ctx: Any, x: Tensor, y: Tensor, pos_weight: Tensor | None, reduction: str
    ) -> Tensor:
        ctx.save_for_backward(x, y, pos_weight)
        ctx.reduction = reduction
        if pos_weight is None:
            # (1 - y) x - log sigma(x) = (1 - y) x + log(1 + e^{-|x|}) - min(x, 0); the
            # in-place ops keep y's dtype, as torch's result does.
            softplus = x.abs().neg_().exp_().log1p_()
            loss = torch.rsub(y, 1).mul_(x).add_(softplus)
            return apply_reduction(loss.sub_(torch.clamp_max(x, 0, out=softplus)), reduction)
        log_sig = kernels.logsigmoid(x)
        log_sig = (log_sig * ((pos_weight - 1) * y + 1)).to(log_sig.dtype)  # in place
        # The same order and in-place dtype rules as torch: the result takes y's dtype.
        first = 1 - y
        first = (first * x).to(first.dtype)
        return apply_reduction((first - log_sig).to(first.dtype), reduction)

    @staticmethod
    def formula(x: Tensor, y: Tensor, pos_weight: Tensor | None, reduction: str) -> Tensor:
        """Lo mismo sin escribir en el sitio (``transforms.run`` bajo torch.func), con los
        dtypes de ``forward``: el resultado toma el de ``y``."""
        log_sig = kernels.logsigmoid_closed(x)
        if pos_weight is not None:
            log_sig = (log_sig * ((pos_weight - 1) * y + 1)).to(log_sig.dtype)
        first = 1 - y
        first = (first * x).to(first.dtype)
        return apply_reduction((first - log_sig).to(first.dtype), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None, None, None]:
        x, y, pos_weight = ctx.saved_tensors
        # The loss has y's dtype; its gradient is divided in the dtype of the computation,
        # as torch does (a float16 target would round 1/N for a float64 input).
        if x.dtype != y.dtype:
            grad = grad.to(kernels.result_type(x, y))
        grad = reduction_gradient(grad, x.numel(), ctx.reduction)
        if pos_weight is not None or kernels.out_of_place(grad):
            sig = torch.exp(kernels.logsigmoid(x))
            if pos_weight is None:
                grad_x = sig - y  # sigma(x) - y: finite even at x = +-inf
                grad_y = -x
            else:
                scaled = pos_weight * y
                grad_x = (scaled + 1 - y) * sig - scaled
                grad_y = kernels.logsigmoid(-x) - pos_weight * kernels.logsigmoid(x)
            return (grad * grad_x).to(x.dtype), (grad * grad_y).to(y.dtype), None, None
        grad_x, grad_y = kernels.logistic_loss_gradients(x, y, grad, *ctx.needs_input_grad[:2])
        return grad_x, grad_y, None, None
