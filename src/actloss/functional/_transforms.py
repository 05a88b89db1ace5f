"""Lo que cambia bajo ``torch.func`` y la derivación hacia delante.

Las funciones de autograd de la capa rápida (``forward(ctx, …)`` con su ``backward``
escrito y sus escrituras en el sitio) no sirven a esas transformaciones. Bajo ellas
(:func:`transformed`) cada familia calcula con una fórmula de operaciones elementales
(:func:`run`), y las funciones elemento a elemento llevan sus derivadas escritas en
:class:`Closed`, que torch.func sabe derivar, vectorizar y propagar hacia delante. Véase
la página «Rendimiento».
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import torch
import torch.autograd.forward_ad as forward_ad
from torch import Tensor
from torch._C._functorch import TransformType
from torch._functorch.pyfunctorch import retrieve_all_functorch_interpreters


def transformed() -> bool:
    """Una transformación de ``torch.func`` (``grad``, ``vmap``, ``jvp``, ``jacrev``…) o un
    nivel de derivación hacia delante (``torch.autograd.forward_ad.dual_level``) está activo.

    Entonces las funciones de autograd de la capa rápida (``forward(ctx, …)`` con su
    ``backward`` escrito) no sirven: torch.func exige ``setup_context``, ``vmap`` y ``jvp``,
    y las escrituras en el sitio sobre temporales sin lote, o leer el almacenamiento de un
    tensor con lote, fallan. Cada familia calcula entonces con su fórmula de operaciones
    elementales diferenciables, y torch deriva, vectoriza o propaga tangentes por ella: los
    mismos números que la derivada escrita, que las pruebas comparan con la de autograd. Las
    comprobaciones que leen un valor desde Python (``bool(t)``) se saltan aquí, porque bajo
    ``vmap`` no pueden lanzar por muestra.

    Son dos lecturas baratas (unas decenas de nanosegundos), así que la ruta normal no lo
    nota. Las dos son privadas de torch, y por eso solo se leen aquí: la primera es la que
    consulta el propio ``autograd.Function.apply`` para elegir su ruta de torch.func; la
    segunda, el nivel dual que ``forward_ad.dual_level`` abre y cierra.
    """
    return torch._C._are_functorch_transforms_active() or forward_ad._current_level >= 0


class Closed(torch.autograd.Function):
    """``value(*tensors)`` con sus derivadas parciales escritas, ``partials``, al estilo que
    piden torch.func y la derivación hacia delante (``setup_context``, ``jvp`` y la regla de
    ``vmap`` que genera torch): la ruta de las funciones elemento a elemento bajo
    :func:`transformed`.

    Derivar ``value`` operación a operación daría otra derivada en los puntos donde sus
    trucos numéricos (``abs``, ``copysign``, recortes) no son derivables: :math:`\tanh'(0)`
    saldría 0. Las derivadas escritas son las que las pruebas comparan con torch en todos
    los puntos. Los tensores tienen ya una misma forma (difundidos).
    """

    generate_vmap_rule = True

    @staticmethod
    def forward(
        value: Callable[..., Tensor], partials: tuple[Any, ...], *tensors: Tensor
    ) -> Tensor:
        return value(*tensors)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Tensor) -> None:
        _, ctx.partials, *tensors = inputs
        ctx.save_for_backward(*tensors)
        ctx.save_for_forward(*tensors)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, ...]:
        tensors = ctx.saved_tensors
        needed = ctx.needs_input_grad[2:]
        grads = [
            grad * backward_factor(p(*tensors)) if need else None
            for p, need in zip(ctx.partials, needed, strict=True)
        ]
        return (None, None, *grads)

    @staticmethod
    def jvp(ctx: Any, _value: None, _partials: None, *tangents: Tensor | None) -> Tensor:
        tensors = ctx.saved_tensors
        # torch.func passes zeros as the tangent of an input that has none: where it is 0
        # the term is 0, not inf * 0 (the derivative of BCE's target at x = 0 is infinite).
        terms = [
            torch.where(t == 0, 0.0, p(*tensors) * t)
            for p, t in zip(ctx.partials, tangents, strict=True)
            if t is not None
        ]
        return functools.reduce(operator.add, terms)


def backward_factor(derivative: Tensor) -> Tensor:
    """La derivada tal como la multiplica ``grad`` al retropropagar: conjugada si es
    compleja, la convención de autograd para una función holomorfa (``grad * conj(f'(z))``);
    hacia delante (``jvp``) se usa sin conjugar."""
    return derivative.conj() if derivative.is_complex() else derivative


def _transform_kinds() -> list[TransformType]:
    """Las transformaciones de torch.func activas, de fuera adentro (una pila privada)."""
    if not torch._C._are_functorch_transforms_active():
        return []
    return [level.key() for level in retrieve_all_functorch_interpreters()]


def nested_forward() -> bool:
    """Hay dos niveles de derivación hacia delante a la vez: ``jvp`` dentro de ``jvp``,
    ``jacfwd`` de ``jacfwd``.

    Ahí torch no deriva la regla ``jvp`` de una ``autograd.Function`` en el nivel de fuera:
    la segunda derivada sale 0, sin aviso (pytorch#197867). ``forward_ad.dual_level`` no se
    puede anidar, así que cuentan los ``jvp`` de torch.func.
    """
    return _transform_kinds().count(TransformType.Jvp) > 1


def _differentiating() -> bool:
    """Una transformación que deriva (``grad``, ``vjp``, ``jvp``...) o un nivel dual está activo."""
    kinds = _transform_kinds()
    if not kinds:
        return forward_ad._current_level >= 0
    return TransformType.Grad in kinds or TransformType.Jvp in kinds


# Dynamo cannot trace the interpreter stack: it calls these functions while tracing and
# keeps the answer, which holds for the graph it traces (what assume_constant_result marks,
# without importing torch._dynamo when actloss loads).
nested_forward._dynamo_marked_constant = True  # type: ignore[attr-defined]
_differentiating._dynamo_marked_constant = True  # type: ignore[attr-defined]


def closed(
    value: Callable[..., Tensor],
    partials: tuple[Any, ...],
    *tensors: Tensor,
    definition: Callable[..., Tensor] | None = None,
) -> Tensor:
    """:class:`Closed` aplicada: ``value(*tensors)`` con las derivadas ``partials``.

    Con dos niveles hacia delante (:func:`nested_forward`), :class:`Closed` daría segundas
    derivadas nulas: se calcula entonces ``definition(*tensors)``, la definición de
    :mod:`actloss.reference`, que autograd deriva operación a operación. Sin
    ``definition`` (derivadas constantes a trozos, cuya derivada es 0) sigue ``Closed``.
    Al compilar bajo ``grad`` o ``jvp``, ``Closed`` corta el grafo: dynamo perdería su
    derivada escrita.
    """
    if definition is not None and nested_forward():
        return definition(*tensors)
    if torch.compiler.is_compiling() and _differentiating():
        # Dynamo would inline Closed.forward and drop its written backward and jvp under
        # torch.func (pytorch#193279, #192985): a wrong derivative, silently. Run it eagerly.
        torch._dynamo.graph_break()
    return Closed.apply(value, partials, *tensors)  # type: ignore[no-untyped-call,no-any-return]


def values(t: Tensor) -> Tensor:
    """Los valores de ``t`` para comprobarlos desde Python, también bajo torch.func.

    Bajo ``vmap`` un tensor con lote no deja leer sus valores muestra a muestra, pero el
    tensor que envuelve tiene los de todo el lote: una comprobación sobre él falla para
    toda la llamada, como la de torch. Bajo ``grad``, ``jvp`` o la derivación hacia
    delante se leen igual que sin ellas. Fuera de torch.func es ``t``.
    """
    if not transformed():
        return t
    while torch._C._functorch.is_functorch_wrapped_tensor(t):
        t = torch._C._functorch.get_unwrapped(t)
    return t


def run(function: Any, *args: Any) -> Any:
    """``function.apply(*args)``; bajo :func:`transformed`, ``function.formula(*args)``.

    ``formula`` es la misma cuenta con operaciones elementales diferenciables y sin
    escribir en el sitio: torch.func y la derivación hacia delante la derivan, la
    vectorizan o propagan sus tangentes por ella. Fuera de ellas (el caso de siempre) solo
    cuesta la comprobación de :func:`transformed`.
    """
    if transformed():
        return function.formula(*args)
    return function.apply(*args)
