"""Equivalente de :mod:`torch.nn.functional`: mismos nombres, firmas y resultados.

Ninguna función llama a su homóloga de torch; todas se construyen con
operaciones elementales de tensores.
"""

from actloss.functional._activations import (
    leaky_relu,
    leaky_relu_,
    prelu,
    relu,
    relu_,
    rrelu,
    rrelu_,
)
from actloss.functional._losses import l1_loss

__all__ = [
    "l1_loss",
    "leaky_relu",
    "leaky_relu_",
    "prelu",
    "relu",
    "relu_",
    "rrelu",
    "rrelu_",
]
