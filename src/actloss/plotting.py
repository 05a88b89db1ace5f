"""Las figuras de la galería y de las notas, todas con un mismo estilo.

Cada figura se dibuja a partir del código: el valor con la función de
:mod:`actloss.functional` y la derivada con autograd, que usa la derivada escrita
a mano de cada activación. El fondo es opaco y claro, de modo que las figuras se
leen igual con el tema claro y con el oscuro. Requiere ``matplotlib`` (el extra
``actloss[plot]``).

Ejemplos:
    >>> from actloss.plotting import activation_figure
    >>> fig = activation_figure("relu")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['$x$', '$x$']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import torch
from cycler import cycler
from matplotlib.figure import Figure
from torch import Tensor

from actloss.catalog import Entry, get

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

STYLE: dict[str, Any] = {
    "figure.figsize": (8.0, 3.2),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#222222",
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.grid": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=PALETTE),
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
}


@contextmanager
def style() -> Iterator[None]:
    """Aplica el estilo común mientras dura el bloque ``with``."""
    with mpl.rc_context(STYLE):  # type: ignore[arg-type]
        yield


def _label(variant: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in variant.items()) or "por defecto"


def value_and_derivative(entry: str | Entry, x: Tensor, **kwargs: Any) -> tuple[Tensor, Tensor]:
    """:math:`f(x)` y :math:`f'(x)` de una activación, con su derivada escrita a mano."""
    entry = get(entry)
    leaf = x.detach().clone().requires_grad_()
    y = entry.fn(leaf, *entry.make_params(leaf.detach()), **kwargs)
    (grad,) = torch.autograd.grad(y.sum(), leaf)
    return y.detach(), grad


def activation_figure(
    entry: str | Entry,
    variants: Sequence[Mapping[str, Any]] = ({},),
    domain: tuple[float, float] | None = None,
) -> Figure:
    """La activación (izquierda) y su derivada (derecha), para una o varias variantes."""
    entry = get(entry)
    low, high = domain or entry.domain
    x = torch.linspace(low, high, 801, dtype=torch.float64)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for variant in variants:
            y, dy = value_and_derivative(entry, x, **variant)
            left.plot(x, y, label=_label(variant))
            right.plot(x, dy, label=_label(variant))
        left.set(title=entry.title, xlabel="$x$", ylabel="$f(x)$")
        right.set(title="Derivada", xlabel="$x$", ylabel="$f'(x)$")
        if len(variants) > 1:
            left.legend()
        for ax in (left, right):
            ax.axhline(0, color="#888888", linewidth=0.8)
            ax.axvline(0, color="#888888", linewidth=0.8)
    return fig


def loss_figure(
    entry: str | Entry,
    target: float = 0.0,
    variants: Sequence[Mapping[str, Any]] = ({},),
    domain: tuple[float, float] | None = None,
) -> Figure:
    """La pérdida frente a la predicción :math:`x` con el objetivo fijo, y su gradiente."""
    entry = get(entry)
    low, high = domain or entry.domain
    x = torch.linspace(low, high, 801, dtype=torch.float64).requires_grad_()
    y = torch.full_like(x, target)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for variant in variants:
            loss = entry.fn(x, y, **{"reduction": "none", **variant})
            (grad,) = torch.autograd.grad(loss.sum(), x)
            left.plot(x.detach(), loss.detach(), label=_label(variant))
            right.plot(x.detach(), grad, label=_label(variant))
        left.set(
            title=f"{entry.title}, objetivo $y = {target:g}$",
            xlabel="predicción $x$",
            ylabel=r"$\ell(x, y)$",
        )
        right.set(
            title="Gradiente", xlabel="predicción $x$", ylabel=r"$\partial \ell / \partial x$"
        )
        if len(variants) > 1:
            left.legend()
    return fig


def curves(
    x: Tensor | Sequence[float],
    series: Mapping[str, Tensor | Sequence[float]],
    xlabel: str,
    ylabel: str,
    title: str = "",
    logy: bool = False,
    marker: str | None = None,
) -> Figure:
    """Varias curvas sobre un mismo eje, con leyenda: para experimentos y comparaciones."""
    with style():
        fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
        for name, values in series.items():
            ax.plot(x, values, label=name, marker=marker)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
        if logy:
            ax.set_yscale("log")
        ax.legend()
    return fig


__all__ = [
    "PALETTE",
    "STYLE",
    "activation_figure",
    "curves",
    "loss_figure",
    "style",
    "value_and_derivative",
]


def vector_activation_figure(
    entry: str | Entry,
    logits: Tensor | Sequence[float],
    scales: Sequence[float] = (0.5, 1.0, 2.0, 8.0),
    channel_dim: int = -1,
    domain: tuple[float, float] | None = None,
    **kwargs: Any,
) -> Figure:
    r"""Una activación vectorial (softmax y parientes) a varias temperaturas, y un corte.

    A la izquierda, cada componente de :math:`f(\beta z)` para unos puntajes :math:`z`
    fijos y varias escalas :math:`\beta` (la inversa de la temperatura). A la derecha,
    el corte de dos componentes :math:`f([x, 0])_0` frente a :math:`x` y su derivada
    :math:`\partial f_0 / \partial x_0`, la diagonal de la jacobiana, con la derivada
    escrita a mano. ``channel_dim`` es la dimensión sobre la que actúa la función
    (``-3`` para Softmax2d); ``kwargs`` se pasan a la función.

    Ejemplos:
        >>> from actloss.plotting import vector_activation_figure
        >>> fig = vector_activation_figure("softmax", [1.0, 2.0, 0.5], dim=-1)
        >>> [ax.get_xlabel() for ax in fig.axes]
        ['componente $i$', '$x$']
    """
    entry = get(entry)
    z = torch.as_tensor(logits, dtype=torch.float64)
    low, high = domain or entry.domain
    x = torch.linspace(low, high, 801, dtype=torch.float64)
    # Give x enough trailing dimensions that stacking along channel_dim is valid.
    leaf = x.reshape(-1, *[1] * max(0, -channel_dim - 2)).requires_grad_()
    pair = torch.stack([leaf, torch.zeros_like(leaf)], dim=channel_dim)
    first = entry.fn(pair, **kwargs).select(channel_dim, 0)
    (slope,) = torch.autograd.grad(first.sum(), leaf)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for beta in scales:
            y = entry.fn(beta * z, **kwargs).detach().flatten()
            left.plot(range(y.numel()), y, marker="o", label=rf"$\beta = {beta:g}$")
        left.set(title=f"{entry.title} de $\\beta z$", xlabel="componente $i$", ylabel="$f_i$")
        left.set_xticks(range(z.numel()))
        left.legend()
        right.plot(x, first.detach().flatten(), label="$f([x, 0])_0$")
        right.plot(x, slope.flatten(), label=r"$\partial f_0 / \partial x_0$")
        right.set(title="Corte de dos componentes", xlabel="$x$")
        right.axhline(0, color="#888888", linewidth=0.8)
        right.legend()
    return fig


__all__ += ["vector_activation_figure"]
