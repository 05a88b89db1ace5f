"""Equivalente de :mod:`torch.nn`: las activaciones y las pérdidas, con los mismos nombres y
constructores, escritas desde primeros principios.

Los demás nombres (``Module``, ``Linear``, ``Conv2d``, ``init``, ``utils``...) son los de
:mod:`torch.nn`, el mismo objeto; ``nn.functional`` es :mod:`actloss.functional`.
"""

from typing import Any

from actloss import _passthrough
from actloss import functional as functional  # nn.functional es actloss.functional
from actloss.nn import (
    _classification,
    _ctc,
    _margin,
    _piecewise,
    _rectifiers,
    _regression,
    _smooth,
    _softmax,
)
from actloss.nn._classification import *  # noqa: F403
from actloss.nn._ctc import *  # noqa: F403
from actloss.nn._margin import *  # noqa: F403
from actloss.nn._piecewise import *  # noqa: F403
from actloss.nn._rectifiers import *  # noqa: F403
from actloss.nn._regression import *  # noqa: F403
from actloss.nn._smooth import *  # noqa: F403
from actloss.nn._softmax import *  # noqa: F403

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


# Lo que actloss no define viene de torch.nn sin cambios, el mismo objeto (PEP 562).


def __getattr__(name: str) -> Any:
    return _passthrough.attribute(__name__, name)


def __dir__() -> list[str]:
    return _passthrough.names(__name__)
