"""Equivalente de :mod:`torch.nn` para activaciones y pérdidas: mismos nombres y constructores."""

from actloss.nn._activations import LeakyReLU, PReLU, ReLU, RReLU
from actloss.nn._losses import L1Loss

__all__ = ["L1Loss", "LeakyReLU", "PReLU", "RReLU", "ReLU"]
