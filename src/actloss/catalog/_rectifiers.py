"""Las entradas del catálogo: los rectificadores."""

from __future__ import annotations

import math

from torch import Tensor

from actloss.catalog._entry import ActivationProperties, Entry, Parameter, frozen

INF = math.inf


def _slope(x: Tensor) -> tuple[Tensor, ...]:
    return (x.new_full((1,), 0.25),)


ENTRIES = (
    Entry(
        name="relu",
        module="ReLU",
        kind="activación",
        title="ReLU (rectificador lineal)",
        formula=r"\max(0, x)",
        derivative=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        claim="Es poco sensible a la escala: multiplicar la entrada por a > 0 "
        "multiplica la salida por a.",
        section="notas-rectificadores",
        properties=ActivationProperties(
            range=(0.0, INF),
            monotone=True,
            smooth=False,
            zero_centred=False,
            saturation="izquierda",
            positively_homogeneous=True,
        ),
    ),
    Entry(
        name="leaky_relu",
        module="LeakyReLU",
        kind="activación",
        title="LeakyReLU (ReLU con fugas)",
        formula=r"\begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}",
        derivative=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        claim="Una entrada negativa sigue pasando gradiente (la pendiente a); "
        "en ReLU ese gradiente es cero.",
        section="notas-rectificadores",
        parameters=(Parameter("negative_slope", 0.01, -0.5, 0.5, label="a"),),
        properties=ActivationProperties(
            range=(-INF, INF),
            monotone=True,
            smooth=False,
            zero_centred=False,
            saturation="ninguna",
            positively_homogeneous=True,
        ),
        variants=(frozen(), frozen(negative_slope=0.2), frozen(negative_slope=-0.5)),
    ),
    Entry(
        name="prelu",
        module="PReLU",
        kind="activación",
        title="PReLU (ReLU paramétrica)",
        formula=r"\begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}",
        derivative=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        claim="La pendiente negativa a se aprende: recibe gradiente, y puede haber "
        "una por canal de entrada.",
        section="notas-prelu",
        parameters=(Parameter("weight", 0.25, -0.5, 1.0, label="a"),),
        properties=ActivationProperties(
            range=(-INF, INF),
            monotone=True,
            smooth=False,
            zero_centred=False,
            saturation="ninguna",
            positively_homogeneous=True,
            learnable=1,
        ),
        make_params=_slope,
    ),
    Entry(
        name="rrelu",
        module="RReLU",
        kind="activación",
        title="RReLU (ReLU con fugas aleatorias)",
        formula=r"\begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}",
        derivative=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        claim="En entrenamiento cada pendiente negativa se sortea en [lower, upper]; "
        "en evaluación se usa la pendiente media.",
        section="notas-rectificadores",
        parameters=(
            Parameter("lower", 1 / 8, 0.0, 0.25),
            Parameter("upper", 1 / 3, 0.25, 1.0),
        ),
        properties=ActivationProperties(
            range=(-INF, INF),
            monotone=True,
            smooth=False,
            zero_centred=False,
            saturation="ninguna",
            positively_homogeneous=True,
        ),
        variants=(frozen(), frozen(lower=0.1, upper=0.5)),
    ),
)
