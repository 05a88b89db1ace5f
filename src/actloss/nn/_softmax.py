"""Módulos de las activaciones vectoriales: cada uno es su función de
:mod:`actloss.functional` hecha módulo (:class:`~actloss.nn._base.FunctionModule`), donde
están la fórmula, los argumentos y las formas.
"""

from __future__ import annotations

from actloss.functional import _softmax as F
from actloss.nn._base import FunctionModule


class Softmax(FunctionModule, function=F.softmax):
    pass


class Softmin(FunctionModule, function=F.softmin):
    pass


class LogSoftmax(FunctionModule, function=F.log_softmax):
    pass


class Softmax2d(FunctionModule, function=F.softmax2d):
    pass


class GLU(FunctionModule, function=F.glu):
    pass


__all__ = ["GLU", "LogSoftmax", "Softmax", "Softmax2d", "Softmin"]
