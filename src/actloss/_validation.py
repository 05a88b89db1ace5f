"""Comprobaciones de argumentos compartidas, con mensajes en español.

Cada comprobación lanza la misma clase de excepción que torch lanzaría en el
mismo caso, pero con un mensaje que nombra el argumento y lo que se esperaba.
"""

from __future__ import annotations

import numbers
import operator
import os
import sys
import warnings
from pathlib import Path
from types import FrameType
from typing import Any

import torch
from torch import Tensor

REDUCTIONS = ("none", "mean", "sum")


def require_tensor(
    value: object, fn: str, arg: str = "input", error: type[Exception] = TypeError
) -> None:
    """Falla si ``value`` (el argumento ``arg``) no es un tensor: una lista, un número o
    una cadena. La clase es la de torch en esa función: ``TypeError`` casi siempre, y
    ``AttributeError`` donde torch llega a pedirle un atributo (``mse_loss``, ``l1_loss``…)."""
    if not isinstance(value, Tensor):
        raise error(
            f"{fn}: el argumento `{arg}` debe ser un tensor; se recibió {type(value).__name__}."
        )


def require_tensors(fn: str, *, error: type[Exception] = TypeError, **tensors: object) -> None:
    """:func:`require_tensor` de cada argumento de ``tensors`` (nombre → valor), en orden:
    las pérdidas que torch rechaza con la misma clase en todos sus tensores."""
    for arg, value in tensors.items():
        require_tensor(value, fn, arg, error)


def require_number(value: Any, fn: str, arg: str) -> Any:
    """``value``, el argumento ``arg``, como lee torch un escalar: un número real, un
    booleano o un tensor de 0 dimensiones; si no, ``TypeError``.

    Un escalar de numpy se devuelve como número de Python, como lo convierte torch: con un
    ``numpy.float16`` las cuentas de la regla (``1 / alpha``, los extremos de un intervalo)
    se harían en media precisión.
    """
    if type(value) is float or type(value) is int:  # the usual case, without an ABC check
        return value
    if isinstance(value, Tensor):
        if value.dim() != 0:
            raise TypeError(
                f"{fn}: el argumento `{arg}` debe ser un número o un tensor de 0 dimensiones; "
                f"se recibió un tensor de forma {tuple(value.shape)}."
            )
        if value.requires_grad:
            raise TypeError(
                f"{fn}: el argumento `{arg}` es un número para torch, que no lo deriva: no "
                "puede ser un tensor con requires_grad=True."
            )
        value = value.item()  # torch reads its value: a float16 alpha counts in double
    numpy = sys.modules.get("numpy")  # a numpy scalar exists only if numpy is loaded
    if numpy is not None and isinstance(value, numpy.generic):
        value = value.item()  # numpy's float16, float32, int8, bool_...: Python's number
    if type(value) is bool:
        return int(value)  # torch reads True as 1 (tensor arithmetic refuses bools)
    if not isinstance(value, numbers.Real):
        raise TypeError(
            f"{fn}: el argumento `{arg}` debe ser un número real; "
            f"se recibió {type(value).__name__}."
        )
    return value


def require_bool(value: object, fn: str, arg: str) -> None:
    """Falla con ``TypeError`` si ``value`` (el argumento ``arg``) no es ``True`` ni ``False``:
    los argumentos ``bool`` de los núcleos de torch no aceptan otra cosa (ni ``1`` ni
    ``None``), donde actloss, al preguntar ``if value:``, tomaría cualquier cosa."""
    if type(value) is not bool:
        raise TypeError(f"{fn}: el argumento `{arg}` debe ser True o False; se recibió {value!r}.")


def refuse_bool(tensor: Tensor, fn: str, error: type[Exception], arg: str = "input") -> None:
    """Falla con ``error`` (la clase de torch) si ``tensor``, el argumento ``arg``, es
    booleano."""
    if tensor.dtype == torch.bool:
        raise error(
            f"{fn}: el argumento `{arg}` no puede ser booleano; se recibió dtype torch.bool."
        )


def require_int(value: object, fn: str, arg: str) -> None:
    """Falla con ``TypeError`` si ``value`` (el argumento ``arg``) no es un entero: torch
    rechaza ``1.5`` y ``True``, y acepta los enteros de numpy y los tensores enteros 0-D."""
    if type(value) is int:
        return
    if not isinstance(value, bool) and hasattr(value, "__index__"):
        try:
            operator.index(value)
            return
        except TypeError:  # a tensor that is not an integer scalar
            pass
    raise TypeError(
        f"{fn}: el argumento `{arg}` debe ser un entero; se recibió {type(value).__name__}."
    )


def check_reduction(reduction: str, fn: str, allowed: tuple[str, ...] = REDUCTIONS) -> None:
    """Falla con ``ValueError`` si ``reduction`` no es una de ``allowed``."""
    if reduction not in allowed:
        options = ", ".join(repr(r) for r in allowed)
        raise ValueError(
            f"{fn}: el argumento `reduction` debe ser uno de {options}; se recibió {reduction!r}."
        )


# Frames a warning skips: actloss's own, and torch's (Module.__call__ and the like).
_LIBRARIES = (str(Path(__file__).parent) + os.sep, str(Path(torch.__file__).parent) + os.sep)


def warn_caller(message: str, category: type[Warning] = UserWarning) -> None:
    """Avisa en la primera línea de la pila que no es de actloss ni de torch: la del lector.

    Así el aviso señala su llamada aunque pase por un módulo de ``actloss.nn`` (y el
    ``__call__`` de torch), una función que llama a otra o la envoltura de autocast, sin
    contar marcos a mano.
    """
    if torch.compiler.is_compiling():
        _warned_while_tracing(message, category)
    else:
        _warn_from_reader(message, category)


def _warn_from_reader(message: str, category: type[Warning]) -> None:
    frame: FrameType | None = sys._getframe(0)
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(_LIBRARIES):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)


def _warned_while_tracing(message: str, category: type[Warning]) -> bool:
    """:func:`warn_caller` bajo ``torch.compile``: dynamo no traza ``warnings.warn`` ni
    ``sys._getframe``, así que esta función se ejecuta de verdad mientras dynamo traza (una
    vez por compilación, como avisan las pérdidas compiladas de torch), y la pila real
    lleva a la línea del lector que llama a la función compilada."""
    _warn_from_reader(message, category)
    return True


# torch.compiler.assume_constant_result(_warned_while_tracing), which only sets this mark,
# without importing torch._dynamo (two seconds) when actloss loads: dynamo calls the
# function while tracing instead of tracing into it.
_warned_while_tracing._dynamo_marked_constant = True  # type: ignore[attr-defined]


def mean_alias(reduction: str) -> str:
    """``'elementwise_mean'``, el nombre antiguo de ``'mean'``, como lo lee todavía
    ``torch._Reduction.get_enum`` (con un aviso): las pérdidas de torch que pasan por él lo
    aceptan; las que comprueban ``reduction`` a mano (Poisson, gaussiana...), no."""
    if reduction == "elementwise_mean":
        warn_caller("reduction='elementwise_mean' está obsoleto; use reduction='mean'.")
        return "mean"
    return reduction


def legacy_reduction(
    size_average: bool | None, reduce: bool | None, reduction: str, alias: bool = True
) -> str:
    """Traduce los argumentos obsoletos ``size_average``/``reduce`` como torch; el aviso
    señala la línea del lector (:func:`warn_caller`). Con ``alias``, también
    ``'elementwise_mean'`` (:func:`mean_alias`)."""
    if size_average is None and reduce is None:
        return mean_alias(reduction) if alias else reduction
    warn_caller("`size_average` y `reduce` están obsoletos; use `reduction`.")
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    if not reduce:
        return "none"
    return "mean" if size_average else "sum"


def checked_reduction(
    size_average: bool | None, reduce: bool | None, reduction: str, fn: str, alias: bool = True
) -> str:
    """:func:`legacy_reduction` y después :func:`check_reduction`: la reducción que vale."""
    reduction = legacy_reduction(size_average, reduce, reduction, alias)
    check_reduction(reduction, fn)
    return reduction


def check_positive_margin(margin: float, fn: str) -> None:
    """Falla con ``ValueError`` si ``margin`` no es mayor que 0 (las pérdidas de tripletes)."""
    if margin <= 0:
        raise ValueError(f"{fn}: el argumento `margin` debe ser mayor que 0; se recibió {margin}.")


def check_multi_margin(p: int, weight: Tensor | None, fn: str) -> None:
    """Falla con ``ValueError`` si ``p`` no es 1 ni 2, o si ``weight`` no es 1-D (multi_margin)."""
    if p not in (1, 2):
        raise ValueError(f"{fn}: el argumento `p` debe ser 1 o 2; se recibió {p!r}.")
    if weight is not None and weight.dim() != 1:
        raise ValueError(
            f"{fn}: el argumento `weight` debe ser unidimensional; se recibió la forma "
            f"{tuple(weight.shape)}."
        )


def check_same_shape(input: Tensor, target: Tensor, fn: str) -> None:
    """Falla con ``ValueError`` si ``target`` no tiene la forma de ``input`` (BCE no difunde)."""
    if target.shape != input.shape:
        raise ValueError(
            f"{fn}: la forma de `target` {tuple(target.shape)} debe ser la de `input` "
            f"{tuple(input.shape)}."
        )


def require_floating(
    tensor: Tensor,
    fn: str,
    arg: str = "input",
    error: type[Exception] = NotImplementedError,
) -> None:
    """Falla si ``tensor`` no es de coma flotante (torch rechaza enteros aquí)."""
    if not (tensor.is_floating_point() or tensor.is_complex()):
        raise error(
            f"{fn}: el argumento `{arg}` debe ser un tensor de coma flotante; "
            f"se recibió dtype {tensor.dtype}."
        )


def require_real_floating(
    input: Tensor, fn: str, error: type[Exception] = NotImplementedError
) -> None:
    """torch rechaza aquí los enteros y los complejos (con ``NotImplementedError``, salvo
    que se diga otra clase)."""
    if not input.is_floating_point():
        raise error(
            f"{fn}: el argumento `input` debe ser un tensor de coma flotante real; "
            f"se recibió dtype {input.dtype}."
        )


def require_real_floating_tensor(input: Tensor, fn: str) -> None:
    """Un tensor real de coma flotante: :func:`require_tensor` y :func:`require_real_floating`."""
    require_tensor(input, fn)
    require_real_floating(input, fn)


def require_floating_mean(loss: Tensor, reduction: str, fn: str) -> None:
    """Con ``reduction='mean'``, falla con ``RuntimeError`` si ``loss`` es entera: torch
    suma enteros pero no los promedia."""
    if reduction == "mean" and not (loss.is_floating_point() or loss.is_complex()):
        raise RuntimeError(
            f"{fn}: con reduction='mean' el argumento `input` debe ser de coma flotante; "
            f"se recibió dtype {loss.dtype}."
        )


def check_same_dtype(tensor: Tensor, input: Tensor, fn: str, arg: str) -> None:
    """Falla con ``RuntimeError`` si ``tensor`` (el argumento ``arg``) no tiene el dtype de
    ``input``: torch no los convierte."""
    if tensor.dtype != input.dtype:
        raise RuntimeError(
            f"{fn}: el argumento `{arg}` debe tener el dtype de `input` ({input.dtype}); "
            f"se recibió {tensor.dtype}."
        )


def refuse_gradient(tensor: Tensor, fn: str, arg: str) -> None:
    """Falla con ``RuntimeError`` si autograd tendría que derivar respecto a ``tensor`` (el
    argumento ``arg``): torch no tiene esa derivada y lo rechaza."""
    if tensor.requires_grad and torch.is_grad_enabled():
        raise RuntimeError(
            f"{fn}: la pérdida no es derivable respecto a `{arg}` (como en torch); `{arg}` no "
            "puede tener requires_grad=True."
        )


def _named(shapes: dict[str, torch.Size]) -> str:
    """Los argumentos con sus formas, por ejemplo «`a` (2, 3) y `b` (3,)»."""
    parts = [f"`{name}` {tuple(shape)}" for name, shape in shapes.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " y " + parts[-1]


def check_broadcast(fn: str, **shapes: torch.Size) -> torch.Size:
    """La forma que resulta de difundir las de ``shapes`` (argumento → forma), como torch.

    Falla con ``RuntimeError``, nombrando cada argumento, si no se pueden difundir.
    """
    try:
        shape: torch.Size = torch.broadcast_shapes(*shapes.values())
    except RuntimeError:
        raise RuntimeError(
            f"{fn}: las formas de {_named(shapes)} deben poder difundirse entre sí; no se puede."
        ) from None
    return shape


def check_broadcast_into(
    fn: str, name: str, shape: torch.Size, into: str, into_shape: torch.Size
) -> None:
    """Falla con ``RuntimeError`` si ``shape`` (la de ``name``) no se difunde a ``into_shape``
    (la de ``into``) sin cambiarla."""
    try:
        grown = torch.broadcast_shapes(shape, into_shape)
    except RuntimeError:
        grown = None
    if grown != into_shape:
        raise RuntimeError(
            f"{fn}: la forma de `{name}` {tuple(shape)} debe poder difundirse a la de "
            f"`{into}` {tuple(into_shape)}."
        )


def broadcast_pair(input: Tensor, target: Tensor, fn: str) -> tuple[Tensor, Tensor]:
    """Difunde ``input`` y ``target`` como torch, avisando si sus tamaños difieren."""
    if target.shape != input.shape:
        check_broadcast(fn, input=input.shape, target=target.shape)
        warn_caller(
            f"{fn}: `target` tiene tamaño {tuple(target.shape)} distinto del de `input` "
            f"{tuple(input.shape)}; la difusión probablemente dará un resultado incorrecto."
        )
    expanded = torch.broadcast_tensors(input, target)
    return expanded[0], expanded[1]


def apply_reduction(loss: Tensor, reduction: str) -> Tensor:
    """Aplica una reducción ya validada: ``'none'``, ``'mean'`` o ``'sum'``."""
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def reduction_gradient(grad: Tensor, count: int, reduction: str) -> Tensor:
    """El gradiente que llega a cada uno de los ``count`` términos de :func:`apply_reduction`.

    ``'mean'`` lo reparte entre ellos; ``'sum'`` y ``'none'`` lo dejan como está.
    """
    return grad / max(count, 1) if reduction == "mean" else grad
