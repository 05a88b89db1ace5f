"""El protocolo ``__torch_function__`` en cada función pública, como en torch.nn.functional.

Cada función de :mod:`torch.nn.functional` empieza preguntando si alguno de sus
argumentos redefine ``__torch_function__`` (una subclase de ``Tensor``, un ``Proxy`` de
``torch.fx``) o si hay un ``TorchFunctionMode`` activo; si es así, le cede la llamada. De
eso dependen ``torch.fx.symbolic_trace``, que registra la llamada en su grafo en vez de
ejecutarla; las subclases de ``Tensor``, que conservan su clase en el resultado, y los
modos que cuentan u observan las operaciones. :func:`overridable` da lo mismo a las
funciones de :mod:`actloss.functional`: quien las intercepta las ve por su nombre
público, ``actloss.functional.elu``, como vería ``torch.nn.functional.elu``.

Con tensores normales cuesta una comprobación en C y una llamada más de Python: unos
0,3 µs por llamada en la máquina de las pruebas. Al compilar no se cede la llamada:
dynamo ya ve la subclase y el modo en cada operación de la función, así que un modo ve
esas operaciones (``exp``, ``clamp``…) y no la función de actloss, como sí ve la de torch.

Ejemplos:
    >>> import torch
    >>> from actloss import functional as F
    >>> class Marked(torch.Tensor):
    ...     pass
    >>> type(F.relu(torch.tensor([-1.0, 2.0]).as_subclass(Marked))).__name__
    'Marked'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import torch
from torch.overrides import handle_torch_function, has_torch_function

F = TypeVar("F", bound=Callable[..., Any])


def named_like(wrapper: F, name: str, qualname: str | None = None) -> F:
    """``wrapper`` con un objeto de código propio, llamado ``name`` (y ``qualname``).

    torch.compile guarda sus compilaciones por objeto de código y solo admite 8
    recompilaciones de cada uno: decenas de funciones (o de clases de ``actloss.nn``) que
    compartieran el de un mismo envoltorio las agotarían. El nombre hace además que las
    trazas digan qué función era.
    """
    code = wrapper.__code__
    wrapper.__code__ = code.replace(co_name=name, co_qualname=qualname or code.co_qualname)
    return wrapper


def overridable(function: F, package: str) -> F:
    """``function`` que cede la llamada a ``__torch_function__`` como las de torch.

    El envoltorio es el objeto público de ``package``, y lo dice su ``__module__``:
    ``pickle`` y el código que genera ``torch.fx`` lo buscan por ese nombre.
    """

    @functools.wraps(function)
    def public(*args: Any, **kwargs: Any) -> Any:
        arguments = (*args, *kwargs.values())
        # Compiling, dynamo already sees the subclass and the mode in every operation of
        # the function, and cannot trace handle_torch_function for a function of its own.
        if has_torch_function(arguments) and not torch.compiler.is_compiling():
            return handle_torch_function(public, arguments, *args, **kwargs)
        return function(*args, **kwargs)

    public.__module__ = package
    return cast(F, named_like(public, function.__name__))
