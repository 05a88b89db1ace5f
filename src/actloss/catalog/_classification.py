"""Las entradas del catálogo: pérdidas de clasificación.

Los objetivos se construyen a partir de la predicción ``x`` de forma determinista
(sembrados por su forma), de modo que las pruebas genéricas puedan pedir entradas
para cualquier ``x``.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss.catalog._entry import REDUCTIONS, Entry, LossProperties, TorchQuirks, frozen

_MARGIN = 1e3  # a logit margin whose softmax is one-hot in floating point


def _seed(x: Tensor, offset: int) -> torch.Generator:
    key = 97 * offset + sum((i + 3) * s for i, s in enumerate(x.shape)) + x.dim()
    return torch.Generator().manual_seed(key)


def _scores(x: Tensor) -> Tensor:
    """``x`` como puntuaciones por clase: torch no acepta un escalar (ni, en K-dim, C = 0)."""
    if x.dim() == 0:
        return x.reshape(1)
    if x.dim() >= 3 and x.shape[1] == 0:
        return x.reshape(x.shape[0], 0)
    return x


def _class_targets(scores: Tensor) -> Tensor:
    """Índices de clase válidos para ``scores``; todos ``-100`` (ignorados) si no hay clases."""
    class_dim = 0 if scores.dim() == 1 else 1
    classes = scores.shape[class_dim]
    shape = () if scores.dim() == 1 else (scores.shape[0], *scores.shape[2:])
    if classes == 0:
        return torch.full(shape, -100, dtype=torch.long)
    return torch.randint(0, classes, shape, generator=_seed(scores, 1))


def _with_classes(x: Tensor) -> tuple[Tensor, ...]:
    scores = _scores(x)
    return (scores, _class_targets(scores))


def _one_hot_scores(x: Tensor, inside: float, outside: float) -> tuple[Tensor, ...]:
    """Puntuaciones ``inside`` en la clase objetivo y ``outside`` en las demás."""
    scores, target = _with_classes(x)
    class_dim = 0 if scores.dim() == 1 else 1
    shape = [1] * scores.dim()
    shape[class_dim] = scores.shape[class_dim]
    classes = torch.arange(scores.shape[class_dim]).reshape(shape)
    hit = classes == target.unsqueeze(class_dim)
    perfect = torch.where(hit, scores.new_tensor(inside), scores.new_tensor(outside))
    return (perfect, target)


def _perfect_log_probabilities(x: Tensor) -> tuple[Tensor, ...]:
    # log p = 0 for the target class: all the probability on it.
    return _one_hot_scores(x, 0.0, -_MARGIN)


def _perfect_logits(x: Tensor) -> tuple[Tensor, ...]:
    # A margin of 1e3: softmax is exactly one-hot in floating point, so the loss is 0.
    return _one_hot_scores(x, 0.0, -_MARGIN)


def _probability(x: Tensor) -> Tensor:
    """La sigmoide de ``x`` como probabilidad (los enteros pasan tal cual)."""
    if not x.is_floating_point():
        return x
    return 1 / (1 + torch.exp(-x))


def _soft_labels(x: Tensor) -> Tensor:
    if not x.is_floating_point():
        return torch.randint(0, 2, x.shape, generator=_seed(x, 2)).to(x.dtype)
    return torch.rand(x.shape, generator=_seed(x, 2), dtype=torch.float64).to(x.dtype)


def _hard_labels(x: Tensor) -> Tensor:
    return (x > 0).to(x.dtype)


def _probabilities_and_labels(x: Tensor) -> tuple[Tensor, ...]:
    return (_probability(x), _soft_labels(x))


def _perfect_probabilities(x: Tensor) -> tuple[Tensor, ...]:
    labels = _hard_labels(x)
    return (labels.clone(), labels)


def _logits_and_labels(x: Tensor) -> tuple[Tensor, ...]:
    return (x, _soft_labels(x))


def _perfect_binary_logits(x: Tensor) -> tuple[Tensor, ...]:
    labels = _hard_labels(x)
    return ((labels * 2 - 1) * _MARGIN, labels)


def _features_and_classes(classes: int):  # type: ignore[no-untyped-def]
    def build(x: Tensor) -> tuple[Tensor, ...]:
        features = x.reshape(-1, x.shape[-1]) if x.dim() else x.reshape(1, 1)
        labels = torch.randint(0, classes, features.shape[:1], generator=_seed(x, 3))
        return (features, labels)

    return build


# The target is a class (or a label), not a value of the prediction: no kink there.
_CLASS_TARGET = TorchQuirks(kink_at_target=False)

ENTRIES = (
    Entry(
        name="nll_loss",
        module="NLLLoss",
        title="Verosimilitud negativa (NLL)",
        formula=r"-w_{y_n}\, x_{n, y_n}",
        derivative=r"\partial l_n / \partial x_{n,c} = -w_{y_n}\, \mathbb{1}[c = y_n]",
        claim="NLL espera log-probabilidades y no lo comprueba: con probabilidades da "
        "un valor erróneo, incluso negativo.",
        section="notas-nll",
        # Linear in the input, which NLL does not check: any real x gives -x_y.
        properties=LossProperties(nonnegative=False),
        make_inputs=_with_classes,
        make_perfect=_perfect_log_probabilities,
        variants=REDUCTIONS,
        quirks=TorchQuirks(kink_at_target=False, module_aliases=("NLLLoss2d",)),
    ),
    Entry(
        name="cross_entropy",
        module="CrossEntropyLoss",
        title="Entropía cruzada",
        formula=r"-\log \sigma(x_n)_{y_n}",
        derivative=r"\sigma(x_n) - q_n",
        claim="La entropía cruzada es LogSoftmax seguida de NLL, y "
        r"H(p, q) = H(p) + KL(p‖q); el suavizado de etiquetas deja el óptimo en "
        "1 - ε + ε/C.",
        section="notas-entropia-cruzada",
        properties=LossProperties(),
        make_inputs=_with_classes,
        make_perfect=_perfect_logits,
        variants=(*REDUCTIONS, frozen(label_smoothing=0.1)),
        quirks=_CLASS_TARGET,
    ),
    Entry(
        name="binary_cross_entropy",
        module="BCELoss",
        title="Entropía cruzada binaria (BCE)",
        formula=(
            r"-w_n \left[ y_n \max(\log x_n, -100) + (1 - y_n) \max(\log(1 - x_n), -100) \right]"
        ),
        derivative=r"w_n \frac{x_n - y_n}{\max(x_n (1 - x_n), 10^{-12})}",
        claim="Sobre salidas de una sigmoide, BCE se satura con logits grandes (el "
        "recorte en -100), mientras que BCEWithLogits sigue siendo exacta.",
        section="notas-bce",
        # Convex in the probability x; the gradient grows like 1/x near 0 and 1.
        properties=LossProperties(bounded_gradient=False),
        make_inputs=_probabilities_and_labels,
        make_perfect=_perfect_probabilities,
        variants=(*REDUCTIONS, frozen(weight=torch.tensor(2.0))),
        domain=(0.0, 1.0),
        quirks=_CLASS_TARGET,
    ),
    Entry(
        name="binary_cross_entropy_with_logits",
        module="BCEWithLogitsLoss",
        title="BCE con logits",
        formula=r"(1 - y_n)\, x_n - \left(1 + (p - 1)\, y_n\right) \log \sigma(x_n)",
        derivative=r"w_n \left[(p y_n + 1 - y_n)\sigma(x_n) - p y_n \right]",
        claim="Sigmoide y BCE en una sola fórmula estable: exacta con logits grandes.",
        section="notas-bce-with-logits",
        properties=LossProperties(),
        make_inputs=_logits_and_labels,
        make_perfect=_perfect_binary_logits,
        variants=(*REDUCTIONS, frozen(pos_weight=torch.tensor(3.0))),
        quirks=_CLASS_TARGET,
    ),
    Entry(
        name="linear_cross_entropy",
        module="LinearCrossEntropyLoss",
        title="Entropía cruzada lineal",
        formula=r"-\log \frac{e^{z_{n, y_n}}}{\sum_c e^{z_{n,c}}}",
        derivative=r"W^\top \left(\sigma(z_n) - e_{y_n}\right)",
        claim="Una capa lineal y la entropía cruzada en una sola pérdida; por bloques, "
        "sin guardar todos los logits, da el mismo valor.",
        section="notas-linear-cross-entropy",
        properties=LossProperties(),
        make_inputs=_features_and_classes(3),
        module_kwargs=frozen(in_features=5, num_classes=3),
        module_only=True,
        quirks=_CLASS_TARGET,
    ),
    Entry(
        name="adaptive_log_softmax_with_loss",
        module="AdaptiveLogSoftmaxWithLoss",
        title="Softmax adaptativa",
        formula=r"-\log p(y_n \mid x_n)",
        derivative=r"\sigma(h(x)) - e_k",
        claim="Evalúa solo la cabeza y el grupo de cada objetivo (más barata que la "
        "softmax completa) y sus log-probabilidades siguen sumando 1.",
        section="notas-adaptive-softmax",
        # Convex in the features (log-sum-exp of affine maps); a class inside a
        # low-dimensional cluster cannot always get all the probability.
        properties=LossProperties(zero_at_target=False),
        make_inputs=_features_and_classes(10),
        module_kwargs=frozen(in_features=5, n_classes=10, cutoffs=(4, 7)),
        module_only=True,
        quirks=_CLASS_TARGET,
    ),
)
