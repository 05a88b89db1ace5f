"""La vía compilada de actloss: :func:`compile`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch


def compile(model: Callable[..., Any], **kwargs: Any) -> Callable[..., Any]:
    """Compila una función o un módulo de actloss con ``torch.compile`` (inductor).

    Las funciones de actloss están escritas con operaciones elementales de torch y, para
    las activaciones, con la derivada en forma cerrada dentro de una
    :class:`torch.autograd.Function`. ``torch.compile`` traza el valor y esa derivada y
    los funde en pocos núcleos de C++, así que la versión compilada evita las copias
    intermedias que la versión sin compilar sí crea (la página «Rendimiento» da las
    cifras). Los valores y los gradientes son los mismos que sin compilar, con la
    tolerancia de la coma flotante: el compilador puede reordenar las operaciones.

    La primera llamada con unas formas nuevas compila (segundos); las siguientes
    reutilizan el código. Es una envoltura fina: no añade nada a ``torch.compile``
    salvo su documentación y un sitio obvio donde encontrarla.

    Argumentos:
        model: una función de :mod:`actloss.functional`, un módulo de :mod:`actloss.nn`
            o cualquier función o módulo que los use.
        **kwargs: se pasan a ``torch.compile`` (``mode``, ``dynamic``, ``fullgraph``,
            ``backend``...). Por defecto: los de ``torch.compile``.

    Devuelve:
        Lo mismo que ``torch.compile``: una función (o un módulo) que se llama como
        ``model``.

    Ejemplos:
        Con el backend ``aot_eager`` se traza lo mismo que con inductor, sin generar C++
        (décimas de segundo); la página «Rendimiento» ejecuta el ejemplo con inductor.

        >>> import torch, actloss
        >>> from actloss import functional as AF
        >>> elu = actloss.compile(AF.elu, backend="aot_eager")  # compila en la primera llamada
        >>> x = torch.linspace(-2.0, 2.0, 5, requires_grad=True)
        >>> torch.allclose(elu(x), AF.elu(x))
        True
    """
    return torch.compile(model, **kwargs)


__all__ = ["compile"]
