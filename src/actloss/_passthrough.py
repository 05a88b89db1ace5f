"""Lo que actloss no define se sirve tal cual desde torch (PEP 562).

:mod:`actloss.nn` y :mod:`actloss.functional` definen las activaciones y las pérdidas.
Cualquier otro nombre (``Module``, ``Linear``, ``Conv2d``, ``init``, ``max_pool2d``,
``one_hot``...) lo busca el ``__getattr__`` de cada módulo en su gemelo de torch y lo
devuelve sin cambios, el mismo objeto. Así un guion de entrenamiento entero cambia
``from torch import nn`` por ``from actloss import nn`` y funciona igual.

:func:`passthrough` da esa lista de nombres a la documentación: la portada y la
referencia de la API la generan a partir del código, no de una lista escrita a mano.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

#: El módulo de torch que cada módulo de actloss sustituye.
TWINS = {"actloss.functional": "torch.nn.functional", "actloss.nn": "torch.nn"}


def twin(module: str) -> ModuleType:
    """El módulo de torch gemelo de ``module`` (``"actloss.nn"`` → :mod:`torch.nn`)."""
    return importlib.import_module(TWINS[module])


def attribute(module: str, name: str) -> Any:
    """El atributo ``name`` del gemelo de torch de ``module``, que actloss no define.

    Los nombres especiales (``__x__``) no se buscan en torch: son del propio módulo.
    """
    if not (name.startswith("__") and name.endswith("__")):
        try:
            return getattr(twin(module), name)
        except AttributeError:
            pass
    raise AttributeError(
        f"el módulo {module!r} no tiene el atributo {name!r}: "
        f"no lo define ni actloss ni {TWINS[module]}",
        name=name,
        obj=sys.modules[module],
    )


def names(module: str) -> list[str]:
    """Los nombres de ``module`` y los de su gemelo de torch, para ``dir()``."""
    return sorted(set(vars(sys.modules[module])) | set(dir(twin(module))))


def passthrough(module: ModuleType) -> list[str]:
    """Los nombres públicos de la API de torch que ``module`` sirve sin cambios.

    Son las clases, las funciones y los submódulos de su gemelo de torch (por ejemplo,
    ``Linear`` o ``init`` para :mod:`actloss.nn`) que actloss no define. Se dejan fuera
    los nombres que ese módulo de torch solo importa para uso propio (``math``,
    ``warnings``, ``Optional``...), aunque también se resuelven.

    Argumentos:
        module: :mod:`actloss.nn` o :mod:`actloss.functional`.

    Ejemplos:
        >>> import actloss
        >>> from actloss._passthrough import passthrough
        >>> "Linear" in passthrough(actloss.nn), "ReLU" in passthrough(actloss.nn)
        (True, False)
    """
    torch_module = twin(module.__name__)
    own = vars(module)
    result = []
    for name in dir(torch_module):
        if name.startswith("_") or name in own:
            continue
        obj = getattr(torch_module, name)
        if isinstance(obj, ModuleType):
            public = obj.__name__.startswith(f"{torch_module.__name__}.")
        else:
            public = callable(obj) and str(getattr(obj, "__module__", "")).startswith("torch")
        if public:
            result.append(name)
    return result
