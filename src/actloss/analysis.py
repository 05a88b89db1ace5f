"""Sondas numéricas de las afirmaciones de las notas.

Cada función mide una propiedad que las notas enuncian en palabras (sensibilidad a
la escala, activación media, flujo del gradiente a través de muchas capas, el
mejor valor constante bajo una pérdida), para que la galería pueda afirmarla con
un ``assert``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor, nn

from actloss.catalog import Entry, get
from actloss.functional import binary_cross_entropy_with_logits

Activation = Callable[[Tensor], Tensor]
Loss = Callable[..., Tensor]


def scale_gap(fn: Activation, x: Tensor, scales: Sequence[float] = (0.5, 2.0, 10.0)) -> float:
    r"""El mayor :math:`|f(a x) - a f(x)|` sobre las escalas :math:`a > 0` dadas.

    Vale 0 para una función positivamente homogénea, como los rectificadores.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import relu
        >>> scale_gap(relu, torch.linspace(-3, 3, 7))
        0.0
    """
    return max(float((fn(a * x) - a * fn(x)).abs().max()) for a in scales)


def mean_activation(fn: Activation, samples: int = 200_000, seed: int = 0) -> float:
    r"""Estimación de Monte Carlo de :math:`\mathbb{E}[f(Z)]`, con :math:`Z \sim \mathcal{N}(0, 1)`.

    Ejemplos:
        >>> from actloss.functional import relu
        >>> round(mean_activation(relu), 2)  # exactamente 1/sqrt(2 pi) = 0.3989...
        0.4
    """
    generator = torch.Generator().manual_seed(seed)
    z = torch.randn(samples, generator=generator, dtype=torch.float64)
    return float(fn(z).mean())


def best_constant(loss: Loss, data: Tensor, points: int = 20001) -> float:
    r"""La constante :math:`c` que minimiza :math:`\sum_i \ell(c, y_i)`, buscada en una rejilla.

    La rejilla cubre ``[min(data), max(data)]`` con ``points`` puntos, de modo que
    la respuesta es exacta hasta su paso.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import l1_loss
        >>> best_constant(l1_loss, torch.tensor([0.0, 1.0, 10.0]))
        1.0
    """
    data = data.to(torch.float64).flatten()
    grid = torch.linspace(float(data.min()), float(data.max()), points, dtype=torch.float64)
    candidates = grid[:, None].expand(-1, data.numel())
    totals = loss(candidates, data.expand_as(candidates), reduction="none").sum(dim=1)
    return float(grid[totals.argmin()])


@dataclass(frozen=True)
class Comparison:
    """Las mayores diferencias entre actloss y torch en valor y en gradiente."""

    name: str
    value_gap: float
    grad_gap: float

    def __str__(self) -> str:
        return (
            f"{self.name}: diferencia máxima con torch de {self.value_gap:.1e} en el valor "
            f"y de {self.grad_gap:.1e} en el gradiente"
        )


def compare_with_torch(entry: str | Entry, *tensors: Tensor, **kwargs: Any) -> Comparison:
    """Evalúa la función de actloss y la de torch sobre los mismos tensores y las compara.

    Falla con ``AssertionError`` (vía :func:`torch.testing.assert_close`) si el valor
    o el gradiente respecto a algún tensor de coma flotante difieren.

    Ejemplos:
        >>> import torch
        >>> print(compare_with_torch("relu", torch.tensor([-1.0, 2.0])))
        relu: diferencia máxima con torch de 0.0e+00 en el valor y de 0.0e+00 en el gradiente
    """
    entry = get(entry)
    results = []
    for fn in (entry.fn, entry.torch_fn):
        leaves = [t.detach().clone().requires_grad_(t.is_floating_point()) for t in tensors]
        out = fn(*leaves, **kwargs)
        wanted = [t for t in leaves if t.requires_grad]
        grads = torch.autograd.grad(out.sum(), wanted) if wanted else ()
        results.append((out.detach(), grads))
    (ours, our_grads), (theirs, their_grads) = results
    torch.testing.assert_close(ours, theirs, equal_nan=True)
    for mine, ref in zip(our_grads, their_grads, strict=True):
        torch.testing.assert_close(mine, ref, equal_nan=True)
    grad_gaps = [_gap(a, b) for a, b in zip(our_grads, their_grads, strict=True)]
    return Comparison(entry.name, _gap(ours, theirs), max(grad_gaps, default=0.0))


def minimum(fn: Activation, x: Tensor, steps: int = 5) -> Tensor:
    r"""El punto :math:`x^*` donde ``fn`` tiene su mínimo, cerca del menor valor sobre ``x``.

    Parte del punto de la rejilla ``x`` con el menor :math:`f` y lo refina con ``steps``
    pasos de Newton sobre :math:`f'(x) = 0`: :math:`x \leftarrow x - f'(x) / f''(x)`, con la
    derivada y la curvatura que da autograd (la derivada escrita de actloss, derivada otra
    vez). Devuelve :math:`x^*` como tensor de 0 dimensiones.

    Ejemplos:
        >>> import torch
        >>> from actloss.functional import silu
        >>> where = minimum(silu, torch.linspace(-5, 5, 1001, dtype=torch.float64))
        >>> round(float(where), 4), round(float(silu(where)), 4)
        (-1.2785, -0.2785)
    """
    where = x[fn(x).argmin()].clone()
    for _ in range(steps):
        leaf = where.clone().requires_grad_()
        (slope,) = torch.autograd.grad(fn(leaf), leaf, create_graph=True)
        (curvature,) = torch.autograd.grad(slope, leaf)
        where = where - slope.detach() / curvature
    return where


def _gap(a: Tensor, b: Tensor) -> float:
    """La mayor diferencia absoluta, contando como iguales los nan y los infinitos iguales."""
    same = (a == b) | (a.isnan() & b.isnan())
    diff = torch.where(same, 0.0, (a - b).abs().double())
    return float(diff.max()) if diff.numel() else 0.0


__all__ = [
    "Comparison",
    "best_constant",
    "compare_with_torch",
    "mean_activation",
    "minimum",
    "scale_gap",
]


@dataclass(frozen=True)
class DeepStack:
    """Lo que pasa en cada capa de un perceptrón profundo, de la primera a la última.

    Atributos:
        means: media de las activaciones de salida de cada capa.
        variances: varianza de esas activaciones.
        grad_norms: norma del gradiente de los pesos de cada capa.
    """

    means: list[float]
    variances: list[float]
    grad_norms: list[float]


def deep_stack(
    activation: Activation,
    depth: int = 20,
    width: int = 64,
    batch: int = 256,
    gain: float | None = 1.0,
    seed: int = 0,
) -> DeepStack:
    r"""Propaga datos normales estándar por ``depth`` capas lineales sin sesgo y ``activation``.

    Los pesos de cada capa son normales de media 0 y desviación
    :math:`\text{gain}/\sqrt{\text{width}}`: con ``gain=1`` es la inicialización
    LeCun-normal (la de SELU); con ``gain=sqrt(2)``, la de He (la de ReLU). Con
    ``gain=None`` son uniformes en :math:`\pm 1/\sqrt{\text{width}}`, la inicialización
    por defecto de :class:`torch.nn.Linear`. La pérdida es el error cuadrático medio
    frente a un objetivo aleatorio.

    Ejemplos:
        >>> from actloss.functional import selu
        >>> stack = deep_stack(selu, depth=30, width=256)
        >>> abs(stack.means[-1]) < 0.1 and abs(stack.variances[-1] - 1) < 0.1
        True
    """
    generator = torch.Generator().manual_seed(seed)
    weights = [_initial_weight(width, gain, generator) for _ in range(depth)]
    for w in weights:
        w.requires_grad_()
    layers = [functools.partial(_linear, weight=w) for w in weights]
    outputs, grad_norms = _through_stack(activation, layers, weights, batch, generator)
    means = [float(h.mean()) for h in outputs]
    variances = [float(h.var()) for h in outputs]
    return DeepStack(means, variances, grad_norms)


def _initial_weight(width: int, gain: float | None, generator: torch.Generator) -> Tensor:
    """Una matriz ``(width, width)`` normal con desviación ``gain/sqrt(width)`` o, con
    ``gain=None``, uniforme en ``±1/sqrt(width)`` (Kaiming uniforme con :math:`a = \\sqrt 5`)."""
    shape, bound = (width, width), 1 / math.sqrt(width)
    if gain is None:
        return torch.empty(shape, dtype=torch.float64).uniform_(-bound, bound, generator=generator)
    return torch.randn(shape, generator=generator, dtype=torch.float64) * gain * bound


def _linear(h: Tensor, weight: Tensor) -> Tensor:
    """Una capa lineal sin sesgo: :math:`h W^\\top`."""
    return h @ weight.T


def _through_stack(
    activation: Activation,
    layers: Sequence[Callable[[Tensor], Tensor]],
    weights: Sequence[Tensor],
    batch: int,
    generator: torch.Generator,
) -> tuple[list[Tensor], list[float]]:
    """Propaga datos normales estándar por ``layers``, cada una seguida de ``activation``.

    Devuelve la salida de cada capa (sin grafo) y la norma del gradiente, respecto a cada
    uno de ``weights``, del error cuadrático medio frente a un objetivo aleatorio. Los
    datos y el objetivo salen de ``generator``, en ese orden.
    """
    width = weights[0].shape[1]
    h = torch.randn(batch, width, generator=generator, dtype=torch.float64)
    target = torch.randn(batch, width, generator=generator, dtype=torch.float64)
    outputs = []
    for layer in layers:
        h = activation(layer(h))
        outputs.append(h.detach())
    loss = (h - target).square().mean()
    grads = torch.autograd.grad(loss, list(weights))
    return outputs, [float(g.norm()) for g in grads]


def toy_classification(samples: int = 400, seed: int = 0) -> tuple[Tensor, Tensor]:
    """Dos medias lunas entrelazadas con ruido: puntos ``(samples, 2)`` y etiquetas 0/1."""
    generator = torch.Generator().manual_seed(seed)
    half = samples // 2
    angle = torch.rand(samples, generator=generator, dtype=torch.float64) * torch.pi
    label = (torch.arange(samples) >= half).to(torch.float64)
    x = torch.where(label == 0, torch.cos(angle), 1 - torch.cos(angle))
    y = torch.where(label == 0, torch.sin(angle), 0.5 - torch.sin(angle))
    points = torch.stack([x, y], dim=1)
    points = points + 0.15 * torch.randn(samples, 2, generator=generator, dtype=torch.float64)
    return points - points.mean(dim=0), label


def training_curve(
    activation: nn.Module,
    steps: int = 300,
    hidden: int = 32,
    lr: float = 0.1,
    seed: int = 0,
) -> list[float]:
    """Entropía cruzada binaria de un perceptrón 2-``hidden``-``hidden``-1 a lo largo del
    entrenamiento con descenso por gradiente (lote completo) sobre :func:`toy_classification`.

    Los pesos iniciales dependen solo de ``seed``, así que dos activaciones distintas
    parten de los mismos pesos.
    """
    points, label = toy_classification(seed=seed)
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = nn.Sequential(
            nn.Linear(2, hidden),
            activation,
            nn.Linear(hidden, hidden),
            activation,
            nn.Linear(hidden, 1),
        ).double()
    parameters = list(model.parameters())
    losses = []
    for _ in range(steps):
        logits = model(points).squeeze(1)
        loss = binary_cross_entropy_with_logits(logits, label, reduction="none")
        grads = torch.autograd.grad(loss.mean(), parameters)
        with torch.no_grad():
            for p, g in zip(parameters, grads, strict=True):
                p.sub_(lr * g)  # plain gradient descent
        losses.append(float(loss.detach().mean()))
    return losses


__all__ += ["DeepStack", "deep_stack", "toy_classification", "training_curve"]
