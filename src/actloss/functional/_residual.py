"""Las pérdidas de un residuo :math:`d = x - y` (MSE, Smooth L1, Huber): sus argumentos,
su valor y su derivada.

Como las activaciones, cada una declara su valor y su derivada en forma cerrada, y una
función de autograd (:class:`Residual`) las evalúa guardando solo :math:`x` e :math:`y`
y reduciendo en el mismo paso, como el núcleo de torch: cada sentido guarda un solo
temporal y el gradiente de ``'mean'`` llega como un escalar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor

from actloss._validation import apply_reduction, check_reduction, reduction_gradient, require_tensor
from actloss.functional import _kernels as kernels
from actloss.functional import _pointwise
from actloss.functional import _transforms as transforms
from actloss.reference import _regression as definitions

# --- the arguments of the residual losses (L1, MSE, Smooth L1, Huber) ----------------------


def residual_tensors(fn: str, input: Tensor, target: Tensor, weight: Tensor | None = None) -> None:
    """Los tensores de las pérdidas de residuo: torch les pide ``size()`` antes de nada, así
    que un argumento que no es tensor da ``AttributeError``, aquí en español."""
    require_tensor(input, fn, "input", AttributeError)
    require_tensor(target, fn, "target", AttributeError)
    if weight is not None:
        require_tensor(weight, fn, "weight", AttributeError)


def floating_result(input: Tensor, target: Tensor, fn: str) -> None:
    """Los núcleos de torch (MSE, Smooth L1, Huber) no existen para enteros."""
    dtype = kernels.result_type(input, target)
    if not dtype.is_floating_point:
        raise NotImplementedError(
            f"{fn}: el argumento `input` debe ser de coma flotante (o `target`, para "
            f"promover el cálculo); se recibió dtype {dtype}."
        )


def check_weight(weight: Tensor | None, input: Tensor, fn: str) -> None:
    if weight is not None and weight.shape != input.shape:
        raise ValueError(
            f"{fn}: el argumento `weight` debe tener la forma de `input` "
            f"{tuple(input.shape)}; tiene {tuple(weight.shape)}."
        )


def weighted(loss: Tensor, weight: Tensor, reduction: str, fn: str) -> Tensor:
    """Reducción de una pérdida pesada: ``'mean'`` divide entre la suma de los pesos."""
    weighted = loss * weight
    check_reduction(reduction, fn)
    if reduction == "mean":
        return weighted.sum() / weight.sum()
    return apply_reduction(weighted, reduction)


# --- their rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidualRule:
    """Una pérdida de la diferencia :math:`d = x - y`: su valor y su derivada respecto a ``x``.

    ``value`` y ``derivative`` son las fórmulas (autograd puede derivarlas); ``value_`` y
    ``derivative_`` calculan lo mismo sobrescribiendo su argumento, un temporal recién
    creado, para que cada sentido de :class:`Residual` guarde un solo temporal, como torch.
    ``definition`` es la pérdida de :mod:`actloss.reference` sin reducir, como función de
    :math:`d`: la que se deriva donde torch no anida la derivada escrita (véase
    :func:`~actloss.functional._transforms.closed`).
    """

    value: Callable[[Tensor], Tensor]
    derivative: Callable[[Tensor], Tensor]
    value_: Callable[[Tensor], Tensor]
    derivative_: Callable[[Tensor], Tensor]
    definition: Callable[[Tensor], Tensor]


def _of_difference(loss: Callable[..., Tensor], **parameters: float) -> Callable[[Tensor], Tensor]:
    """``loss`` de :mod:`actloss.reference` como función de :math:`d = x - y`: la de ``(d, 0)``."""
    return lambda d: loss(d, torch.zeros_like(d), reduction="none", **parameters)


SQUARE = ResidualRule(
    value=lambda d: d * d,
    derivative=lambda d: 2 * d,
    value_=lambda d: d.mul_(d),
    derivative_=lambda d: d.mul_(2),
    definition=_of_difference(definitions.mse_loss),
)


# The two branches of Huber and Smooth L1 are chosen with min(|d|, delta), not torch.where
# (a bool mask is slow on this kind of CPU; see ``_kernels``): with m = min(|d|, delta),
# m (|d| - m/2) is |d|^2/2 below delta and delta (|d| - delta/2) above; nan stays nan.
def _huber_value(delta: float) -> Callable[[Tensor], Tensor]:
    def value(d: Tensor) -> Tensor:
        z = d.abs()
        m = z.clamp_max(delta)
        return (z - 0.5 * m) * m

    return value


def _huber_value_(delta: float) -> Callable[[Tensor], Tensor]:
    def value_(d: Tensor) -> Tensor:
        z = d.abs_()
        m = z.clamp_max(delta)
        return z.sub_(m, alpha=0.5).mul_(m)

    return value_


@_pointwise.cached
def huber_rule(delta: float) -> ResidualRule:
    # clamp keeps nan (torch's gradient is nan there too) and sends ±inf to ±delta.
    return ResidualRule(
        value=_huber_value(delta),
        derivative=lambda d: d.clamp(-delta, delta),
        value_=_huber_value_(delta),
        derivative_=lambda d: d.clamp_(-delta, delta),
        definition=_of_difference(definitions.huber_loss, delta=delta),
    )


@_pointwise.cached
def smooth_l1_rule(beta: float) -> ResidualRule:
    # Smooth L1 is Huber with delta = beta, divided by beta.
    huber, huber_ = _huber_value(beta), _huber_value_(beta)
    return ResidualRule(
        value=lambda d: huber(d) / beta,
        derivative=lambda d: (d / beta).clamp(-1.0, 1.0),
        value_=lambda d: huber_(d).div_(beta),
        derivative_=lambda d: d.div_(beta).clamp_(-1.0, 1.0),
        definition=_of_difference(definitions.smooth_l1_loss, beta=beta),
    )


class Residual(torch.autograd.Function):
    """``rule.value(x - y)`` reducido; retropropaga ``grad * rule.derivative(x - y)`` a ``x``
    y su opuesto a ``y``.

    Guarda ``x`` e ``y`` (no la diferencia) y la recalcula en la retropropagación. Reduce
    aquí mismo, como el núcleo de torch: el gradiente de ``'mean'`` llega como un escalar y
    no como un tensor lleno del tamaño de la entrada.
    """

    @staticmethod
    def forward(ctx: Any, x: Tensor, y: Tensor, rule: ResidualRule, reduction: str) -> Tensor:
        ctx.save_for_backward(x, y)
        ctx.rule, ctx.reduction = rule, reduction
        return apply_reduction(rule.value_(x - y), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None, None, None]:
        x, y = ctx.saved_tensors
        need_x, need_y = ctx.needs_input_grad[:2]
        terms = torch.broadcast_shapes(x.shape, y.shape).numel()
        grad = reduction_gradient(grad, terms, ctx.reduction)
        if kernels.out_of_place(grad):  # double backward: the formulas, out of place
            d = grad * ctx.rule.derivative(x - y)
            return (d if need_x else None), (-d if need_y else None), None, None
        d = ctx.rule.derivative_(x - y).mul_(grad)
        if not need_x:
            return None, (d.neg_() if need_y else None), None, None
        return d, (-d if need_y else None), None, None


def residual(rule: ResidualRule, input: Tensor, target: Tensor, reduction: str = "none") -> Tensor:
    """:math:`l(x - y)` elemento a elemento (``x`` e ``y`` ya difundidos), reducido.

    Un tensor booleano (una máscara como objetivo) cuenta como 0 y 1 en el dtype del
    resultado, como en torch, que no sabe restar booleanos pero sí calcular estas pérdidas.
    """
    result = kernels.result_type(input, target)
    input, target = (t.to(result) if t.dtype == torch.bool else t for t in (input, target))
    if _pointwise._through_formula or not result.is_floating_point:
        return apply_reduction(rule.value(input - target), reduction)
    # Under torch.func or forward AD, Residual cannot run: the written derivative of l(d)
    # through Closed, and autograd's of d = x - y.
    if transforms.transformed():
        return apply_reduction(
            transforms.closed(
                rule.value, (rule.derivative,), input - target, definition=rule.definition
            ),
            reduction,
        )
    return Residual.apply(input, target, rule, reduction)  # type: ignore[no-untyped-call,no-any-return]
