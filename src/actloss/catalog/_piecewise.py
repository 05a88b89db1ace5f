"""Las entradas del catálogo: activaciones lineales a trozos y de encogimiento."""

from __future__ import annotations

import functools
import math

from actloss.catalog._entry import (
    ActivationProperties,
    Entry,
    Parameter,
    TorchQuirks,
    frozen,
)

INF = math.inf

# Threshold has no defaults in torch: the tests and figures use these values.
_THRESHOLD_ARGS = frozen(threshold=0.5, value=-1.0)

# torch's gradient at nan differs between the vectorized part of its kernel and the tail.
_NAN_GRAD_VARIES = TorchQuirks(torch_nan_grad_varies=True)


# The family's shape: kinks, and cut points that do not scale with the input. Its pieces
# are constant or polynomial on closed intervals: every finite end of a range is taken.
_piecewise = functools.partial(ActivationProperties, smooth=False, attained=(True, True))


# Hardshrink and Softshrink: zero on [-lambda, lambda], slope 1 outside.
_SHRINK_DERIVATIVE = r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}"
_LAMBD = (Parameter("lambd", 0.5, 0.0, 2.0, label="λ"),)

ENTRIES = (
    Entry(
        name="threshold",
        module="Threshold",
        title="Threshold (umbral)",
        formula=r"\begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
        derivative=r"\begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
        claim="Donde sustituye la entrada por una constante no pasa gradiente; la función "
        "de umbral (el escalón) es constante a trozos y no deja aprender por gradiente.",
        section="notas-umbral",
        parameters=(
            Parameter("threshold", 0.5, -2.0, 2.0, label="θ"),
            Parameter("value", -1.0, -2.0, 2.0, label="v"),
        ),
        properties=_piecewise((-1.0, INF), "izquierda"),
        variants=(frozen(), frozen(threshold=-1.0, value=2.0)),
        module_kwargs=_THRESHOLD_ARGS,
        quirks=TorchQuirks(required_kwargs=_THRESHOLD_ARGS),
    ),
    Entry(
        name="hardtanh",
        module="Hardtanh",
        title="Hardtanh (tangente hiperbólica dura)",
        formula=r"\min(\max(x, a), b)",
        derivative=r"\begin{cases} 1 & a < x < b \\ 0 & \text{en otro caso} \end{cases}",
        claim="Es acotada: la salida nunca sale de [min_val, max_val].",
        section="notas-hardtanh",
        parameters=(
            Parameter("min_val", -1.0, -2.0, 0.0, label="a"),
            Parameter("max_val", 1.0, 0.0, 2.0, label="b"),
        ),
        properties=_piecewise((-1.0, 1.0), "ambas", zero_centred=True),
        variants=(frozen(), frozen(min_val=-2.0, max_val=0.5)),
        quirks=_NAN_GRAD_VARIES,
    ),
    Entry(
        name="relu6",
        module="ReLU6",
        title="ReLU6 (ReLU acotado en 6)",
        formula=r"\min(\max(0, x), 6)",
        derivative=r"\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{en otro caso} \end{cases}",
        claim="Es acotada: la salida queda en [0, 6] por grande que sea la entrada.",
        section="notas-relu6",
        properties=_piecewise((0.0, 6.0), "ambas"),
        domain=(-3.0, 9.0),
        quirks=_NAN_GRAD_VARIES,
    ),
    Entry(
        name="hardsigmoid",
        module="Hardsigmoid",
        title="Hardsigmoid (sigmoide dura)",
        formula=r"\frac{\min(\max(x + 3, 0), 6)}{6}",
        derivative=r"\begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{en otro caso} \end{cases}",
        claim="Es una aproximación lineal a trozos de la sigmoide.",
        section="notas-hardsigmoid",
        properties=_piecewise((0.0, 1.0), "ambas"),
        domain=(-6.0, 6.0),
    ),
    Entry(
        name="hardswish",
        module="Hardswish",
        title="Hardswish",
        formula=r"x \cdot \frac{\min(\max(x + 3, 0), 6)}{6}",
        derivative=r"\begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 \\ 1 & x \ge 3"
        r"\end{cases}",
        claim="Aproxima SiLU sin exponenciales: x por la sigmoide dura, cuadrática en "
        "[-3, 3] y lineal fuera.",
        section="notas-hardswish",
        properties=_piecewise((-0.375, INF), "izquierda", monotone=False),
        domain=(-6.0, 6.0),
        quirks=_NAN_GRAD_VARIES,
    ),
    Entry(
        name="hardshrink",
        module="Hardshrink",
        title="Hardshrink (encogimiento duro)",
        formula=r"\begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        derivative=_SHRINK_DERIVATIVE,
        claim="Se usa en codificación dispersa: el umbral duro da el código disperso que "
        "minimiza el error de reconstrucción más una penalización L0.",
        section="notas-hardshrink",
        parameters=_LAMBD,
        properties=_piecewise((-INF, INF), "ninguna", zero_centred=True),
        variants=(frozen(), frozen(lambd=1.5)),
        quirks=_NAN_GRAD_VARIES,
    ),
    Entry(
        name="softshrink",
        module="Softshrink",
        title="Softshrink (encogimiento suave)",
        formula=r"\operatorname{sign}(x) \max(|x| - \lambda, 0)",
        derivative=_SHRINK_DERIVATIVE,
        claim="Es un paso de ISTA para la penalización L1: iterarlo recupera un código disperso.",
        section="notas-softshrink",
        parameters=_LAMBD,
        properties=_piecewise((-INF, INF), "ninguna", zero_centred=True),
        variants=(frozen(), frozen(lambd=1.5), frozen(lambd=0.0)),
        quirks=_NAN_GRAD_VARIES,
    ),
    Entry(
        name="tanhshrink",
        module="Tanhshrink",
        title="Tanhshrink",
        formula=r"x - \tanh(x)",
        derivative=r"\tanh^2(x)",
        claim="Es un encogimiento suave: casi anula las entradas pequeñas (como x³/3) y "
        "resta 1 a las grandes.",
        section="notas-tanhshrink",
        properties=_piecewise((-INF, INF), "ninguna", zero_centred=True, smooth=True),
    ),
)
