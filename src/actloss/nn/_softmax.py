"""Módulos de las activaciones vectoriales: guardan ``dim`` y llaman a su función,
donde están la fórmula, los argumentos y las formas.
"""

from __future__ import annotations

from typing import Any

from torch import Tensor, nn

from actloss.functional import _softmax as F


class _DimModule(nn.Module):
    """Base de Softmax, Softmin y LogSoftmax: guardan ``dim`` (``None`` por defecto)."""

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Modules pickled before ``dim`` existed load with ``dim=None``, as in torch.
        super().__setstate__(state)  # type: ignore[no-untyped-call]
        if not hasattr(self, "dim"):
            self.dim = None

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Softmax(_DimModule):
    """Aplica :func:`actloss.functional.softmax` a lo largo de ``dim``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Softmax(dim=-1)(torch.tensor([[0.0, 0.0], [0.0, 1e4]]))
        tensor([[0.5000, 0.5000],
                [0.0000, 1.0000]])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax(input, self.dim, _stacklevel=5)


class Softmin(_DimModule):
    """Aplica :func:`actloss.functional.softmin` a lo largo de ``dim``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Softmin(dim=0)(torch.tensor([0.0, 1e4]))
        tensor([1., 0.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.softmin(input, self.dim, _stacklevel=5)


class LogSoftmax(_DimModule):
    """Aplica :func:`actloss.functional.log_softmax` a lo largo de ``dim``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.LogSoftmax(dim=0)(torch.tensor([0.0, 200.0]))
        tensor([-200.,    0.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.log_softmax(input, self.dim, _stacklevel=5)


class Softmax2d(nn.Module):
    """Aplica :func:`actloss.functional.softmax2d`: softmax sobre los canales en cada posición.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Softmax2d()(torch.zeros(1, 4, 2, 2))[0, :, 0, 0]
        tensor([0.2500, 0.2500, 0.2500, 0.2500])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.softmax2d(input)


class GLU(nn.Module):
    """Aplica :func:`actloss.functional.glu`, que parte ``dim`` en dos mitades.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.GLU()(torch.randn(3, 8)).shape
        torch.Size([3, 4])
    """

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:
        return F.glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


__all__ = ["GLU", "LogSoftmax", "Softmax", "Softmax2d", "Softmin"]
