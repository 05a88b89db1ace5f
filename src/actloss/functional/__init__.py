"""Equivalente de :mod:`torch.nn.functional`: mismos nombres, firmas y resultados.

Ninguna función llama a su homóloga de torch; todas se construyen con
operaciones elementales de tensores. Cada familia vive en su propio módulo privado
y publica sus nombres en ``__all__``. Los demás nombres (``max_pool2d``, ``one_hot``,
``dropout``...) son los de :mod:`torch.nn.functional`, el mismo objeto.
"""

from typing import Any

from actloss import _passthrough
from actloss.functional import (
    _classification,
    _ctc,
    _margin,
    _piecewise,
    _rectifiers,
    _regression,
    _smooth,
    _softmax,
)
from actloss.functional._classification import *  # noqa: F403
from actloss.functional._ctc import *  # noqa: F403
from actloss.functional._margin import *  # noqa: F403
from actloss.functional._piecewise import *  # noqa: F403
from actloss.functional._rectifiers import *  # noqa: F403
from actloss.functional._regression import *  # noqa: F403
from actloss.functional._smooth import *  # noqa: F403
from actloss.functional._softmax import *  # noqa: F403

__all__ = sorted(
    name
    for family in (
        _rectifiers,
        _smooth,
        _piecewise,
        _softmax,
        _regression,
        _classification,
        _margin,
        _ctc,
    )
    for name in family.__all__
)


# Lo que actloss no define viene de torch.nn.functional sin cambios, el mismo objeto (PEP 562).


def __getattr__(name: str) -> Any:
    return _passthrough.attribute(__name__, name)


def __dir__() -> list[str]:
    return _passthrough.names(__name__)
