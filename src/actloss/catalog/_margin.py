"""Las entradas del catálogo: pérdidas de margen, de ranking y de inmersión.

Los objetivos (etiquetas :math:`\\pm 1`, índices de clase, las otras inmersiones) se
construyen a partir de la predicción ``x`` de forma determinista.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss.catalog._entry import (
    PAIRED,
    REDUCTIONS,
    Entry,
    LossProperties,
    Parameter,
    TorchQuirks,
    frozen,
    random_like,
)


def _normal(x: Tensor, offset: int) -> Tensor:
    """Valores normales reproducibles en coma flotante, con la forma de ``x``."""
    return random_like(x.to(torch.float64), offset)


def _signs(x: Tensor, offset: int = 1) -> Tensor:
    """Etiquetas :math:`\\pm 1` reproducibles, con la forma y el dtype de ``x``."""
    return torch.where(_normal(x, offset) >= 0, 1.0, -1.0).to(x.dtype)


def _with_other_and_signs(x: Tensor) -> tuple[Tensor, ...]:
    return (x, random_like(x, 1), _signs(x, 2))


def _ranking_perfect(x: Tensor) -> tuple[Tensor, ...]:
    y = _signs(x, 2)
    return (x, x - y, y)  # -y (x1 - x2) = -1 < 0: every pair is ordered


def _with_signs(x: Tensor) -> tuple[Tensor, ...]:
    return (x, _signs(x))


def _hinge_perfect(x: Tensor) -> tuple[Tensor, ...]:
    y = _signs(x)
    return (torch.where(y == 1, 0.0, 1 + x.abs()), y)  # similar at 0, dissimilar past 1


def _with_integer_signs(x: Tensor) -> tuple[Tensor, ...]:
    # torch refuses a target that asks for a gradient here: integer labels never do.
    return (x, _signs(x).long())


def _correct_side(x: Tensor) -> tuple[Tensor, ...]:
    y = _signs(x).long()
    return (y * x.abs(), y)  # the right sign: the best a logistic loss can do


def _with_bits(x: Tensor) -> tuple[Tensor, ...]:
    return (x, (_normal(x, 1) > 0).to(x.dtype))


def _bits_correct_side(x: Tensor) -> tuple[Tensor, ...]:
    y = (_normal(x, 1) > 0).to(x.dtype)
    return (torch.where(y == 1, x.abs(), -x.abs()), y)


def _per_row_signs(x: Tensor) -> Tensor:
    base = _normal(x, 2)
    if base.dim() >= 1:
        base = base[..., 0] if base.size(-1) else base.sum(-1)
    return torch.where(base >= 0, 1.0, -1.0).to(x.dtype)


def _cosine_inputs(x: Tensor) -> tuple[Tensor, ...]:
    return (x, random_like(x, 1), _per_row_signs(x))


def _cosine_perfect(x: Tensor) -> tuple[Tensor, ...]:
    return (x, x.clone(), torch.ones_like(_per_row_signs(x)))


def _class_index(x: Tensor) -> Tensor:
    """Una clase por fila (índices ``long`` sobre la última dimensión)."""
    if x.dim() == 0:
        return torch.tensor(0)
    if x.size(-1) == 0:
        return torch.zeros(x.shape[:-1], dtype=torch.long)
    return _normal(x, 1).argmax(dim=-1)


def _with_class(x: Tensor) -> tuple[Tensor, ...]:
    return (x, _class_index(x))


def _class_perfect(x: Tensor) -> tuple[Tensor, ...]:
    t = _class_index(x)
    one_hot = (t.unsqueeze(-1) == torch.arange(x.size(-1))).to(x.dtype)
    return (one_hot, t)  # the correct class beats every other by exactly the margin 1


def _label_lists(x: Tensor) -> Tensor:
    """Índices de clases correctas terminados en -1, con la forma de ``x``.

    La fila :math:`r` lista :math:`1 + (r \\bmod C)` clases; tras el -1 siguen índices
    válidos, que la pérdida debe ignorar.
    """
    if x.dim() == 0:
        return torch.tensor(0)
    classes = x.size(-1)
    order = _normal(x, 1).argsort(dim=-1)
    if classes == 0:
        return order
    rows = torch.arange(order.numel() // classes).reshape((*order.shape[:-1], 1))
    listed = 1 + rows % classes
    return torch.where(torch.arange(classes) == listed, -1, order)


def _with_label_lists(x: Tensor) -> tuple[Tensor, ...]:
    return (x, _label_lists(x))


def _label_lists_perfect(x: Tensor) -> tuple[Tensor, ...]:
    t = _label_lists(x)
    listed = torch.cumprod((t >= 0).long(), dim=-1).bool()
    hits = (t.clamp_min(0).unsqueeze(-1) == torch.arange(x.size(-1))) & listed.unsqueeze(-1)
    return (hits.any(dim=-2).to(x.dtype), t)  # listed classes at 1, the others at 0


def _triplet(x: Tensor) -> tuple[Tensor, ...]:
    return (x, x + 0.5 * random_like(x, 1), random_like(x, 2))


def _triplet_perfect(x: Tensor) -> tuple[Tensor, ...]:
    return (x, x.clone(), x + 10 * (1 + x.abs()))  # the negative far beyond the margin


# Class indices as targets (one per row, or lists ended by -1): torch returns
# uninitialized memory for an empty batch, does not warn when broadcasting, and the
# target is not a value of the prediction.
_CLASS_INDICES = TorchQuirks(
    empty_reduction_undefined=True, broadcast_warning=False, kink_at_target=False
)

# The two triplet losses: the same hinge on the difference of two distances.
_TRIPLET_FORMULA = r"\max\bigl(0,\; d(a_n, p_n) - d(a_n, n_n) + \text{margin}\bigr)"
_TRIPLET_DERIVATIVE = r"\nabla_{a_n} d(a_n, p_n) - \nabla_{a_n} d(a_n, n_n)"
_TRIPLET_PROPERTIES = LossProperties(convex=False)

ENTRIES = (
    Entry(
        name="margin_ranking_loss",
        module="MarginRankingLoss",
        title="Ranking con margen",
        formula=r"\max\bigl(0,\; -y_n (x_{1,n} - x_{2,n}) + \text{margin}\bigr)",
        derivative=r"-y_n\, \mathbb{1}[-y_n (x_{1,n} - x_{2,n}) + \text{margin} \ge 0]",
        claim="El margen exige que el par esté ordenado con holgura; una vez cumplido, "
        "el gradiente es exactamente cero.",
        section="notas-margin-ranking",
        parameters=(Parameter("margin", 0.0, 0.0, 2.0),),
        properties=LossProperties(),
        make_inputs=_with_other_and_signs,
        make_perfect=_ranking_perfect,
        variants=(*REDUCTIONS, frozen(margin=0.5)),
        quirks=PAIRED,
    ),
    Entry(
        name="hinge_embedding_loss",
        module="HingeEmbeddingLoss",
        title="Inmersión con bisagra",
        formula=(
            r"\begin{cases} x_n & \text{si } y_n = 1, \\ \max(0, \text{margin} - x_n) & \text{si } "
            r"y_n = -1, \end{cases}"
        ),
        derivative=(
            r"\begin{cases} 1 & y_n = 1 \\ -\mathbb{1}[x_n \le \text{margin}] & y_n = -1 "
            r"\end{cases}"
        ),
        claim="Un par distinto deja de costar, y de dar gradiente, en cuanto su distancia "
        "alcanza el margen.",
        section="notas-hinge-embedding",
        parameters=(Parameter("margin", 1.0, 0.0, 3.0),),
        properties=LossProperties(nonnegative=False),
        make_inputs=_with_signs,
        make_perfect=_hinge_perfect,
        variants=(*REDUCTIONS, frozen(margin=2.0)),
        quirks=PAIRED,
    ),
    Entry(
        name="multilabel_margin_loss",
        module="MultiLabelMarginLoss",
        title="Margen multietiqueta",
        formula=(
            r"\sum_{j \in J} \sum_{i \notin J} \frac{\max\bigl(0,\; 1 - (x_{j} - x_i)\bigr)}{C}"
        ),
        derivative=r"-\tfrac{1}{C}\, \#\{i \notin J : 1 - (x_j - x_i) > 0\}",
        claim="Cada clase correcta debe superar a cada incorrecta en 1; los pares que ya "
        "lo cumplen no dan gradiente.",
        section="notas-multilabel-margin",
        properties=LossProperties(),
        make_inputs=_with_label_lists,
        make_perfect=_label_lists_perfect,
        variants=REDUCTIONS,
        quirks=_CLASS_INDICES,
    ),
    Entry(
        name="soft_margin_loss",
        module="SoftMarginLoss",
        title="Margen suave",
        formula=r"\log\bigl(1 + e^{-y_n x_n}\bigr)",
        derivative=r"-y_n\, e^{-y_n x_n} / (1 + e^{-y_n x_n})",
        claim="Su gradiente nunca es exactamente cero: decae como e^{-yx} a medida que "
        "crece el margen.",
        section="notas-soft-margin",
        properties=LossProperties(zero_at_target=False, bounded_gradient=False),
        make_inputs=_with_integer_signs,
        make_perfect=_correct_side,
        variants=REDUCTIONS,
        quirks=PAIRED,
    ),
    Entry(
        name="multilabel_soft_margin_loss",
        module="MultiLabelSoftMarginLoss",
        title="Margen suave multietiqueta",
        formula=(
            r"-\frac{1}{C} \sum_{c=1}^{C} w_c \bigl[ y_c \log \sigma(x_c) + (1 - y_c) \log "
            r"\sigma(-x_c) \bigr]"
        ),
        derivative=r"w_c (\sigma(x_c) - y_c) / C",
        claim="Una entropía cruzada binaria por clase, promediada sobre las clases.",
        section="notas-multilabel-soft-margin",
        properties=LossProperties(zero_at_target=False),
        make_inputs=_with_bits,
        make_perfect=_bits_correct_side,
        variants=REDUCTIONS,
        quirks=PAIRED,
    ),
    Entry(
        name="cosine_embedding_loss",
        module="CosineEmbeddingLoss",
        title="Inmersión por coseno",
        formula=(
            r"\begin{cases} 1 - \cos(x_{1,n}, x_{2,n}) & \text{si } y_n = 1, \\ \max\bigl(0, "
            r"\cos(x_{1,n}, x_{2,n}) - \text{margin}\bigr) & \text{si } y_n = -1, \end{cases}"
        ),
        derivative=r"\mp \nabla_{x_{1,n}} \cos(x_{1,n}, x_{2,n})",
        claim="Ignora la longitud de los vectores (solo cuenta su dirección) y separa los "
        "pares distintos hasta el margen.",
        section="notas-coseno",
        parameters=(Parameter("margin", 0.0, -1.0, 1.0),),
        properties=LossProperties(zero_at_target=False, convex=False),
        make_inputs=_cosine_inputs,
        make_perfect=_cosine_perfect,
        variants=(*REDUCTIONS, frozen(margin=0.5)),
        quirks=PAIRED,
    ),
    Entry(
        name="multi_margin_loss",
        module="MultiMarginLoss",
        title="Margen multiclase",
        formula=r"\frac{1}{C} \sum_{i \ne y} w_y \max\bigl(0,\; \text{margin} - x_y + x_i\bigr)^p",
        derivative=r"w_y\, p\, z^{p-1} / C",
        claim="La clase correcta debe superar a cada otra en el margen; las que ya quedan "
        "por debajo no dan gradiente.",
        section="notas-multi-margin",
        parameters=(
            Parameter("p", 1, options=(1, 2)),
            Parameter("margin", 1.0, 0.0, 2.0),
        ),
        properties=LossProperties(),
        make_inputs=_with_class,
        make_perfect=_class_perfect,
        variants=(*REDUCTIONS, frozen(p=2), frozen(margin=0.5)),
        quirks=_CLASS_INDICES,
    ),
    Entry(
        name="triplet_margin_loss",
        module="TripletMarginLoss",
        title="Tripletes con margen",
        formula=_TRIPLET_FORMULA,
        derivative=_TRIPLET_DERIVATIVE,
        claim="El negativo debe quedar al menos un margen más lejos del ancla que el "
        "positivo; cuando lo está, el gradiente es exactamente cero.",
        section="notas-triplet-margin",
        parameters=(
            Parameter("margin", 1.0, 0.1, 2.0, label="m"),
            Parameter("p", 2.0, 1.0, 3.0),
        ),
        properties=_TRIPLET_PROPERTIES,
        make_inputs=_triplet,
        make_perfect=_triplet_perfect,
        variants=(*REDUCTIONS, frozen(swap=True), frozen(p=1), frozen(p=3, margin=2.0)),
        quirks=PAIRED,
    ),
    Entry(
        name="triplet_margin_with_distance_loss",
        module="TripletMarginWithDistanceLoss",
        title="Tripletes con una distancia cualquiera",
        formula=_TRIPLET_FORMULA,
        derivative=_TRIPLET_DERIVATIVE,
        claim="La pérdida de tripletes con la distancia que se elija.",
        section="notas-triplet-margin-with-distance",
        parameters=(Parameter("margin", 1.0, 0.1, 2.0, label="m"),),
        properties=_TRIPLET_PROPERTIES,
        make_inputs=_triplet,
        make_perfect=_triplet_perfect,
        variants=(*REDUCTIONS, frozen(swap=True), frozen(margin=0.5)),
        quirks=PAIRED,
    ),
)
