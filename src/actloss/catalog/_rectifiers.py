"""Las entradas del catálogo: los rectificadores."""

from __future__ import annotations

import functools
import math

from torch import Tensor

from actloss.catalog._entry import ActivationProperties, Entry, Parameter, frozen

INF = math.inf


def _slope(x: Tensor) -> tuple[Tensor, ...]:
    return (x.new_full((1,), 0.25),)


# Every rectifier has a kink at 0 and scales with its input: f(a x) = a f(x) for a > 0.
# Its pieces are linear, so a finite end of its range is a value it takes.
_rectifier = functools.partial(
    ActivationProperties, smooth=False, positively_homogeneous=True, attained=(True, True)
)


# LeakyReLU, PReLU and RReLU: the same curve, a slope a for x <= 0 (fixed, learned, drawn).
_LEAKY_FORMULA = r"\begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}"
_LEAKY_DERIVATIVE = r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}"


ENTRIES = (
    Entry(
        name="relu",
        module="ReLU",
        title="ReLU (rectificador lineal)",
        formula=r"\max(0, x)",
        derivative=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        claim="Es poco sensible a la escala: multiplicar la entrada por a > 0 "
        "multiplica la salida por a.",
        section="notas-rectificadores",
        properties=_rectifier((0.0, INF), "izquierda"),
    ),
    Entry(
        name="leaky_relu",
        module="LeakyReLU",
        title="LeakyReLU (ReLU con fugas)",
        formula=_LEAKY_FORMULA,
        derivative=_LEAKY_DERIVATIVE,
        claim="Una entrada negativa sigue pasando gradiente (la pendiente a); "
        "en ReLU ese gradiente es cero.",
        section="notas-rectificadores",
        parameters=(Parameter("negative_slope", 0.01, -0.5, 0.5, label="a"),),
        properties=_rectifier((-INF, INF), "ninguna"),
        variants=(frozen(), frozen(negative_slope=0.2), frozen(negative_slope=-0.5)),
    ),
    Entry(
        name="prelu",
        module="PReLU",
        title="PReLU (ReLU paramétrica)",
        formula=_LEAKY_FORMULA,
        derivative=_LEAKY_DERIVATIVE,
        claim="La pendiente negativa a se aprende: recibe gradiente, y puede haber "
        "una por canal de entrada.",
        section="notas-prelu",
        parameters=(Parameter("weight", 0.25, -0.5, 1.0, label="a"),),
        properties=_rectifier((-INF, INF), "ninguna", learnable=1),
        make_params=_slope,
    ),
    Entry(
        name="rrelu",
        module="RReLU",
        title="RReLU (ReLU con fugas aleatorias)",
        formula=_LEAKY_FORMULA,
        derivative=_LEAKY_DERIVATIVE,
        claim="En entrenamiento cada pendiente negativa se sortea en [lower, upper]; "
        "en evaluación se usa la pendiente media.",
        section="notas-rectificadores",
        parameters=(
            Parameter("lower", 1 / 8, 0.0, 0.25),
            Parameter("upper", 1 / 3, 0.25, 1.0),
        ),
        properties=_rectifier((-INF, INF), "ninguna"),
        variants=(frozen(), frozen(lower=0.1, upper=0.5)),
    ),
)
