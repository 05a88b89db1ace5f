"""Equivalente de :mod:`torch.nn`: las activaciones y las pérdidas, con los mismos nombres y
constructores, escritas desde primeros principios.

Los demás nombres (``Module``, ``Linear``, ``Conv2d``, ``init``, ``utils``...) son los de
:mod:`torch.nn`, el mismo objeto; ``nn.functional`` es :mod:`actloss.functional`.

Lo que no pasa de torch: las clases son de actloss (subclases de ``torch.nn.Module``, no
de ``torch.nn.modules.loss._Loss``), así que ``isinstance(m, torch.nn.modules.loss._Loss)``
da ``False`` y los fusionadores de cuantización (``torch.ao.quantization.fuse_modules``)
no reconocen su ``ReLU``. ``torch.jit.script`` no las admite; ``torch.compile`` y
``torch.export`` sí, también las pérdidas que comprueban el valor de sus entradas (como
``BCELoss``): la comprobación queda dentro del grafo y lanza ``RuntimeError``. Lo que
exporta ``torch.export`` sirve para inferir, no para entrenar: retropropagar por su
``module()`` falla en muchas activaciones (la sigmoide, ELU, tanh…), porque las
escrituras en el sitio de sus fórmulas quedan en el grafo exportado.
``torch.fx.symbolic_trace`` entra en ellas, como en un módulo cualquiera que no sea de
torch, y registra en su grafo la llamada a la función de :mod:`actloss.functional`.
"""

from typing import Any

from actloss import _families, _passthrough
from actloss import functional as functional  # nn.functional es actloss.functional

# Los nombres públicos de cada familia; la lista de familias es una sola: actloss._families.
__all__ = _families.export(globals())


# Lo que actloss no define viene de torch.nn sin cambios, el mismo objeto (PEP 562).


def __getattr__(name: str) -> Any:
    return _passthrough.attribute(__name__, name)


def __dir__() -> list[str]:
    return _passthrough.names(__name__)
