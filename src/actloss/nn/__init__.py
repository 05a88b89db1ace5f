"""Equivalente de :mod:`torch.nn` para activaciones y pérdidas: mismos nombres y constructores."""

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
