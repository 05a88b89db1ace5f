"""Las vistas de las pérdidas: cómo un escalar del eje :math:`x` se convierte en los
argumentos de la pérdida, con la misma construcción que dibuja su ejemplo de la galería."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .controls import defaults
from .views import Panel, View, derivative, split_arguments

if TYPE_CHECKING:
    from torch import Tensor

    from actloss.catalog import Entry

LossBuilder = Callable[[Callable[..., "Tensor"], "Tensor", dict[str, Any]], "Tensor"]


def _stack0(s: Tensor) -> Tensor:
    import torch

    return torch.stack([s, torch.zeros_like(s)], dim=1)


def _zeros_long(s: Tensor) -> Tensor:
    import torch

    return torch.zeros(len(s), dtype=torch.long)


def _ones(s: Tensor) -> Tensor:
    import torch

    return torch.ones_like(s)


def _full(x: Tensor, value: float) -> Tensor:
    import torch

    return torch.full_like(x, value)


def _labels(s: Tensor) -> Tensor:
    """Clase correcta 0 de dos; la lista termina en -1."""
    import torch

    return torch.tensor([[0, -1]] * len(s))


def _unit(c: Tensor) -> tuple[Tensor, Tensor]:
    """Dos vectores unitarios del plano con coseno ``c`` (como en el ejemplo de la galería)."""
    import torch

    angle = torch.acos(c.clamp(-1, 1))
    u = torch.stack([torch.ones_like(c), torch.zeros_like(c)], dim=1)
    return u, torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)


def _triplet_diagonal(fn: Callable[..., Tensor], t: Tensor, kw: dict[str, Any]) -> Tensor:
    """Ancla en (0, 0), positivo en (½, ½), negativo en (t, t): la norma p sí cuenta."""
    import torch

    anchor = torch.zeros(len(t), 2, dtype=t.dtype)
    positive = torch.full((len(t), 2), 0.5, dtype=t.dtype)
    negative = torch.stack([t, t], dim=1)
    return fn(anchor, positive, negative, **kw)


def _triplet_line(fn: Callable[..., Tensor], s: Tensor, kw: dict[str, Any]) -> Tensor:
    """En la recta: ancla en 0, positivo en 1, negativo a distancia 1 + s."""
    import torch

    anchor = torch.zeros(len(s), 1, dtype=s.dtype)
    negative = -(1 + s).clamp_min(0).unsqueeze(1)
    return fn(anchor, torch.ones_like(anchor), negative, **kw)


# The loss views: how a scalar on the x axis becomes the loss's arguments. Each is the
# construction its gallery example draws. (name -> axis, x label, domain, builder)
LOSS_VIEWS: dict[str, tuple[str, str, tuple[float, float], LossBuilder]] = {
    "poisson_nll_loss": (
        "predicción",
        "predicción x (objetivo y = 3)",
        (0.1, 4.0),
        lambda fn, x, kw: fn(x, _full(x, 3.0), **kw),
    ),
    "margin_ranking_loss": (
        "margen",
        "margen obtenido s = y (x₁ − x₂)",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s, 0 * s, _ones(s), **kw),
    ),
    "hinge_embedding_loss": (
        "distancia",
        "distancia x de un par distinto (y = −1)",
        (0.0, 3.0),
        lambda fn, d, kw: fn(d, -_ones(d), **kw),
    ),
    "multi_margin_loss": (
        "margen",
        "ventaja de la clase correcta x_y − x_i",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(_stack0(s), _zeros_long(s), **kw),
    ),
    "multilabel_margin_loss": (
        "margen",
        "ventaja de la clase correcta x_y − x_i",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(_stack0(s), _labels(s), **kw),
    ),
    "soft_margin_loss": (
        "margen",
        "margen obtenido s = y x",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s, _ones(s), **kw),
    ),
    "multilabel_soft_margin_loss": (
        "margen",
        "margen obtenido s = y x",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s.unsqueeze(1), _ones(s).unsqueeze(1), **kw),
    ),
    "binary_cross_entropy_with_logits": (
        "margen",
        "logit x de un positivo (y = 1)",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(s, _ones(s), **kw),
    ),
    "cross_entropy": (
        "margen",
        "ventaja de la clase correcta x_y − x_i",
        (-3.0, 3.0),
        lambda fn, s, kw: fn(_stack0(s), _zeros_long(s), **kw),
    ),
    "binary_cross_entropy": (
        "probabilidad",
        "probabilidad predicha p de un positivo (y = 1)",
        (0.01, 0.99),
        lambda fn, p, kw: fn(p, _ones(p), **kw),
    ),
    "cosine_embedding_loss": (
        "coseno",
        "cos(x₁, x₂) de un par distinto (y = −1)",
        (-0.999, 0.999),
        lambda fn, c, kw: fn(*_unit(c), -_ones(c), **kw),
    ),
    "triplet_margin_loss": (
        "posición",
        "t (el negativo está en (t, t))",
        (0.0, 3.0),
        _triplet_diagonal,
    ),
    "triplet_margin_with_distance_loss": (
        "margen",
        "margen obtenido s = d(a, n) − d(a, p)",
        (-1.0, 3.0),
        _triplet_line,
    ),
}


LOSS_NOTES = {
    "poisson_nll_loss": "Un conteo observado y = 3. Con log_input=True, x es el logaritmo de "
    "la tasa; con log_input=False, la tasa misma.",
    "margin_ranking_loss": "Un par con x₂ = 0 y etiqueta y = 1: el margen obtenido es x₁.",
    "hinge_embedding_loss": "Un par distinto (y = −1) a distancia x: cuesta mientras x no "
    "supere el margen.",
    "multi_margin_loss": "Dos clases con puntuaciones (s, 0); la correcta es la primera.",
    "cosine_embedding_loss": "Dos vectores unitarios del plano con coseno c, de un par "
    "distinto (y = −1).",
    "triplet_margin_loss": "Ancla en (0, 0) y positivo en (½, ½); el negativo recorre la "
    "diagonal (t, t), donde la norma p cambia las distancias.",
    "triplet_margin_with_distance_loss": "En una recta: ancla en 0, positivo en 1 y negativo "
    "a distancia 1 + s del ancla, con la distancia por defecto (euclídea).",
}


def loss_view(entry: Entry) -> View | None:
    known = LOSS_VIEWS.get(entry.name)
    if known is None:  # any (input, target) loss: against the residual, with target 0
        axis, xlabel = "residuo", "residuo x − y"
        domain = entry.domain

        def build(fn: Callable[..., Tensor], x: Tensor, kw: dict[str, Any]) -> Tensor:
            return fn(x, 0 * x.detach(), **kw)

    else:
        axis, xlabel, domain, build = known

    def evaluate(x: Tensor, kwargs: dict[str, Any]) -> list[list[Tensor]]:
        call, rest = split_arguments(entry, kwargs)
        if rest:
            raise ValueError(f"{entry.name}: parámetros sin uso {sorted(rest)}")
        leaf = x.detach().clone().requires_grad_()
        loss = build(entry.fn, leaf, {**call, "reduction": "none"}).reshape(-1)
        return [[loss.detach()], [derivative(loss, leaf)]]

    panels = (
        Panel(entry.title, xlabel, "ℓ", ("ℓ",)),
        Panel("Derivada", xlabel, "ℓ′", ("ℓ′",)),
    )
    note = LOSS_NOTES.get(entry.name, "Con el objetivo y = 0." if known is None else "")
    view = View("curva", domain, panels, evaluate, axis=axis, note=note)
    try:  # a loss this construction does not fit, or that it leaves flat, has no view
        import torch

        (probe,), _ = view.evaluate(
            torch.linspace(*domain, 9, dtype=torch.float64), defaults(entry)
        )
    except Exception:
        return None
    if (
        probe.shape != (9,)
        or not bool(probe.isfinite().any())
        or float(probe.nan_to_num().std()) == 0
    ):
        return None
    return view
