"""Las entradas del catálogo: pérdidas de regresión y de verosimilitud."""

from __future__ import annotations

import torch
from torch import Tensor

from actloss.catalog._entry import REDUCTIONS, Entry, LossProperties, Parameter, frozen, random_like


def _with_target(x: Tensor) -> tuple[Tensor, ...]:
    return (x, random_like(x))


def _perfect(x: Tensor) -> tuple[Tensor, ...]:
    return (x, x.clone())


def _counts(x: Tensor) -> Tensor:
    """Conteos de Poisson mayores que 1, con el dtype de ``x``.

    Mayores que 1 para que el término de Stirling (``full=True``) sea derivable en
    ellos; los objetivos 0 y 1 se prueban aparte, en ``tests/test_regression.py``.
    """
    return (2 + (2 * random_like(x.double())).abs().round()).to(x.dtype)


def _poisson_inputs(x: Tensor) -> tuple[Tensor, ...]:
    return (x, _counts(x))  # ``x`` is the log-rate (log_input=True, the default)


def _poisson_perfect(x: Tensor) -> tuple[Tensor, ...]:
    counts = _counts(x)
    return (counts.log(), counts)  # the rate equal to the count: the per-point optimum


def _variance(x: Tensor) -> Tensor:
    """Varianzas log-normales (positivas); de coma flotante aunque ``x`` sea entero."""
    dtype = x.dtype if x.is_floating_point() else torch.get_default_dtype()
    return random_like(x.double(), 1).exp().to(dtype)


def _gaussian_inputs(x: Tensor) -> tuple[Tensor, ...]:
    return (x, random_like(x), _variance(x))


def _gaussian_perfect(x: Tensor) -> tuple[Tensor, ...]:
    target = random_like(x)
    return (target, target.clone(), _variance(x))


def _log_probs(x: Tensor) -> Tensor:
    """Log-probabilidades sobre la última dimensión: ``x - logsumexp(x)``."""
    return x - x.logsumexp(-1, keepdim=True)


def _kl_inputs(x: Tensor) -> tuple[Tensor, ...]:
    if not x.is_floating_point():  # torch refuses integers: keep them so the test sees it
        return (x, random_like(x))
    return (_log_probs(x), _log_probs(random_like(x, 1)).exp())


def _kl_perfect(x: Tensor) -> tuple[Tensor, ...]:
    p = _log_probs(random_like(x, 1)).exp()
    return (p.log(), p)


ENTRIES = (
    Entry(
        name="l1_loss",
        module="L1Loss",
        title="L1 (error absoluto)",
        formula=r"\lvert x_n - y_n \rvert",
        derivative=r"w_n \operatorname{sign}(x_n - y_n)",
        claim="La constante que minimiza L1 es la mediana y la que minimiza el error "
        "cuadrático es la media: un dato atípico solo mueve la media. En x = y no es "
        "derivable y torch usa el subgradiente 0.",
        section="notas-l1",
        properties=LossProperties(),
        make_inputs=_with_target,
        make_perfect=_perfect,
        variants=REDUCTIONS,
    ),
    Entry(
        name="mse_loss",
        module="MSELoss",
        title="MSE (error cuadrático medio)",
        formula=r"(x_n - y_n)^2",
        derivative=r"2\,w_n\,(x_n - y_n)",
        claim="La constante que minimiza el error cuadrático es la media, y un dato "
        "atípico la arrastra: su gradiente crece con el error.",
        section="notas-mse",
        properties=LossProperties(bounded_gradient=False),
        make_inputs=_with_target,
        make_perfect=_perfect,
        variants=REDUCTIONS,
    ),
    Entry(
        name="smooth_l1_loss",
        module="SmoothL1Loss",
        title="Smooth L1",
        formula=(
            r"\begin{cases} \dfrac{d_n^2}{2\beta} & \lvert d_n \rvert < \beta \\[4pt] \lvert d_n "
            r"\rvert - \dfrac{\beta}{2} & \text{en otro caso} \end{cases}"
        ),
        derivative=r"\operatorname{clamp}\!\left(\frac{d_n}{\beta}, -1, 1\right)",
        claim="Mezcla MSE (cerca del objetivo) y L1 (lejos): en |x − y| = β el valor y la "
        "pendiente son continuos.",
        section="notas-smooth-l1",
        parameters=(Parameter("beta", 1.0, 0.0, 3.0, label="β"),),
        properties=LossProperties(),
        make_inputs=_with_target,
        make_perfect=_perfect,
        variants=(
            *REDUCTIONS,
            frozen(reduction="none", beta=0.5),
            frozen(beta=0.0),
        ),
    ),
    Entry(
        name="huber_loss",
        module="HuberLoss",
        title="Huber",
        formula=(
            r"\begin{cases} \tfrac12 d_n^2 & \lvert d_n \rvert < \delta \\[2pt] \delta\,(\lvert "
            r"d_n \rvert - \tfrac12 \delta) & \text{en otro caso} \end{cases}"
        ),
        derivative=r"w_n \operatorname{clamp}(d_n, -\delta, \delta)",
        claim="Con δ = β, Huber es β veces Smooth L1; su gradiente está recortado a ±δ.",
        section="notas-huber",
        parameters=(Parameter("delta", 1.0, 0.1, 3.0, label="δ"),),
        properties=LossProperties(),
        make_inputs=_with_target,
        make_perfect=_perfect,
        variants=(*REDUCTIONS, frozen(reduction="none", delta=2.5)),
    ),
    Entry(
        name="poisson_nll_loss",
        module="PoissonNLLLoss",
        title="NLL de Poisson",
        formula=r"e^{x_n} - y_n\,x_n",
        derivative=r"e^{x_n} - y_n",
        claim="La tasa constante que minimiza la NLL de Poisson es la media de los conteos; "
        "el término de Stirling (full=True) no mueve el mínimo.",
        section="notas-poisson-nll",
        parameters=(
            Parameter("log_input", True, options=(True, False)),
            Parameter("full", False, options=(False, True)),
        ),
        properties=LossProperties(nonnegative=False, zero_at_target=False, bounded_gradient=False),
        make_inputs=_poisson_inputs,
        make_perfect=_poisson_perfect,
        variants=(*REDUCTIONS, frozen(full=True, reduction="none")),
    ),
    Entry(
        name="gaussian_nll_loss",
        module="GaussianNLLLoss",
        title="NLL gaussiana",
        formula=(
            r"\frac12\left(\log \max(\sigma^2_n, \varepsilon) + \frac{(x_n - "
            r"y_n)^2}{\max(\sigma^2_n, \varepsilon)}\right)"
        ),
        derivative=r"\frac{x_n - y_n}{\max(\sigma^2_n, \varepsilon)}",
        claim="Con la varianza aprendida, cada punto pesa 1/σ² en el gradiente: los datos "
        "ruidosos se descuentan.",
        section="notas-gaussian-nll",
        parameters=(Parameter("var", 1.0, 0.25, 4.0, label="σ²", scale="log"),),
        properties=LossProperties(nonnegative=False, zero_at_target=False, bounded_gradient=False),
        make_inputs=_gaussian_inputs,
        make_perfect=_gaussian_perfect,
        variants=(*REDUCTIONS, frozen(full=True, reduction="none")),
    ),
    Entry(
        name="kl_div",
        module="KLDivLoss",
        title="Divergencia KL",
        formula=r"p_n\,(\log p_n - x_n)",
        derivative=r"-p_n",
        claim="KL espera log-probabilidades como entrada; pasarle probabilidades da un "
        "número sin sentido. KL ≥ 0, y es 0 solo si las distribuciones coinciden.",
        section="notas-kl",
        # Element by element a term p (log p - log q) can be negative: only the sum
        # over a whole distribution is >= 0 (the gallery asserts that).
        properties=LossProperties(nonnegative=False),
        make_inputs=_kl_inputs,
        make_perfect=_kl_perfect,
        variants=(
            *REDUCTIONS,
            frozen(reduction="batchmean"),
            frozen(reduction="batchmean", log_target=True),
        ),
    ),
)
