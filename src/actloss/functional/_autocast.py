"""Las pérdidas bajo ``torch.autocast``: en float32, como las de torch.

Dentro de ``torch.autocast``, torch ejecuta cada pérdida en float32 aunque la red calcule
en bfloat16 o float16: convierte a float32 los tensores de coma flotante de la llamada
(salvo los float64) y opera sin autocast. Una suma de muchos términos en media precisión
perdería cifras, y algunas pérdidas ni siquiera tienen núcleo en esas precisiones.

Las funciones de actloss se construyen con operaciones elementales que autocast no
convierte, así que, sin más, una pérdida calcularía en bfloat16 y devolvería bfloat16
donde torch devuelve float32. :func:`in_float32` aplica la misma regla que torch a las
pérdidas que torch trata así en la CPU. Fuera de autocast solo cuesta una comprobación.

En CUDA las listas de torch son otras (también ``softplus`` y la familia de softmax van en
float32, y ``binary_cross_entropy`` se rechaza); aquí se aplica la regla de la CPU en
cualquier dispositivo, porque es la única que se ha podido probar.

Ejemplos:
    >>> import torch
    >>> from actloss.functional import mse_loss
    >>> x = torch.tensor([1.0, 2.0], dtype=torch.bfloat16)
    >>> with torch.autocast("cpu", dtype=torch.bfloat16):
    ...     mse_loss(x, torch.zeros_like(x)).dtype
    torch.float32
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import torch
from torch import Tensor

from actloss.functional._protocol import named_like

F = TypeVar("F", bound=Callable[..., Any])


def _device_type(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """El tipo de dispositivo del primer tensor de la llamada (``None`` si no hay)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, Tensor):
            return value.device.type
    return None


def _cast(value: Any, device_type: str, dtype: torch.dtype) -> Any:
    """``value`` en ``dtype`` si autocast lo convertiría: coma flotante de ese dispositivo y
    no float64 (la regla de torch)."""
    if (
        isinstance(value, Tensor)
        and value.is_floating_point()
        and value.dtype not in (dtype, torch.float64)
        and value.device.type == device_type
    ):
        return value.to(dtype)
    return value


def _policy(function: F, dtype_of: Callable[[str], torch.dtype]) -> F:
    """``function`` que, dentro de ``torch.autocast``, convierte sus tensores al dtype
    ``dtype_of(device_type)`` y opera sin autocast, como los núcleos de torch."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        # The private check costs half of torch.is_autocast_enabled(device) and needs no
        # device: outside autocast, the wrapper adds only this and a call.
        if not torch._C._is_any_autocast_enabled():
            return function(*args, **kwargs)
        device_type = _device_type(args, kwargs)
        if device_type is None or not torch.is_autocast_enabled(device_type):
            return function(*args, **kwargs)
        dtype = dtype_of(device_type)
        with torch.autocast(device_type, enabled=False):
            return function(
                *(_cast(a, device_type, dtype) for a in args),
                **{k: _cast(v, device_type, dtype) for k, v in kwargs.items()},
            )

    return named_like(call, function.__name__)  # type: ignore[return-value]


def in_float32(function: F) -> F:
    """``function`` que, dentro de ``torch.autocast``, opera en float32 como torch."""
    return _policy(function, lambda _: torch.float32)


def in_lower_precision(function: F) -> F:
    """``function`` que, dentro de ``torch.autocast``, opera en la precisión reducida de
    autocast (``bfloat16`` por defecto en la CPU), como las operaciones de torch de esa
    lista (``prelu``)."""
    return _policy(function, torch.get_autocast_dtype)
