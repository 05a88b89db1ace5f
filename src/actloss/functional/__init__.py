"""Equivalente de :mod:`torch.nn.functional`: mismos nombres, firmas y resultados.

Ninguna función llama a su homóloga de torch; todas se construyen con
operaciones elementales de tensores. Cada familia vive en su propio módulo privado
y publica sus nombres en ``__all__`` (la lista de familias es una sola:
``actloss._families``). Los demás nombres (``max_pool2d``, ``one_hot``, ``dropout``...)
son los de :mod:`torch.nn.functional`, el mismo objeto.

Cada función cede la llamada a ``__torch_function__`` como las de torch
(``actloss.functional._protocol``): ``torch.fx.symbolic_trace`` la registra en su grafo,
una subclase de ``Tensor`` conserva su clase y un ``TorchFunctionMode`` la ve pasar.

Lo que el docstring de cada función diría con las mismas palabras (el enlace a su
definición en ``actloss.reference``, los argumentos comunes como ``reduction`` o
``inplace``, la forma de una salida que tiene la de la entrada) se escribe una vez en
``actloss.functional._docs``, que lo añade al cargar el paquete.
"""

from typing import Any

from actloss import _families, _passthrough
from actloss.functional import _docs, _protocol

# Cada función pública, abierta a __torch_function__ como las de torch (torch.fx, subclases,
# modos). Se sustituye en el módulo de su familia, de donde la toman este paquete,
# actloss.nn y las llamadas entre funciones de la misma familia (cross_entropy llama a
# nll_loss, como en torch); una función importada de otra familia antes de este punto
# queda sin envolver.
for _family in _families.modules(__name__):
    for _name in _family.__all__:
        setattr(_family, _name, _protocol.overridable(getattr(_family, _name), __name__))
del _family, _name

# Los nombres públicos de cada familia; la lista de familias es una sola: actloss._families.
__all__ = _families.export(globals())
_docs.complete(globals()[name] for name in __all__)


# Lo que actloss no define viene de torch.nn.functional sin cambios, el mismo objeto (PEP 562).


def __getattr__(name: str) -> Any:
    return _passthrough.attribute(__name__, name)


def __dir__() -> list[str]:
    return _passthrough.names(__name__)
