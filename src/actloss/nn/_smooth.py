"""Módulos de las activaciones suaves: cada uno es su función de :mod:`actloss.functional`
hecha módulo (:class:`~actloss.nn._base.FunctionModule`). La fórmula, la derivada y los
argumentos de cada uno están en su función.
"""

from __future__ import annotations

from actloss.functional import _smooth as F
from actloss.nn._base import FunctionModule


class Sigmoid(FunctionModule, function=F.sigmoid):
    pass


class Tanh(FunctionModule, function=F.tanh):
    pass


class Softsign(FunctionModule, function=F.softsign):
    pass


class LogSigmoid(FunctionModule, function=F.logsigmoid):
    pass


class Softplus(FunctionModule, function=F.softplus):
    pass


class SiLU(FunctionModule, function=F.silu):
    pass


class Mish(FunctionModule, function=F.mish):
    pass


class SELU(FunctionModule, function=F.selu):
    pass


class GELU(FunctionModule, function=F.gelu):
    pass


class ELU(FunctionModule, function=F.elu):
    pass


class CELU(FunctionModule, function=F.celu):
    pass


__all__ = [
    "CELU",
    "ELU",
    "GELU",
    "SELU",
    "LogSigmoid",
    "Mish",
    "SiLU",
    "Sigmoid",
    "Softplus",
    "Softsign",
    "Tanh",
]
