"""Las entradas del catálogo: activaciones vectoriales.

Sus propiedades son de :class:`~actloss.catalog._entry.VectorProperties`: actúan sobre
una dimensión entera, no elemento a elemento.

Softmax2d solo existe como módulo en torch. Su entrada usa la función
:func:`actloss.functional.softmax2d` (la que llama el módulo) y, como referencia de
torch, una función de tres líneas que aplica ``torch.nn.Softmax2d``.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from actloss.catalog._entry import Entry, Parameter, TorchQuirks, VectorProperties, frozen

INF = math.inf
_DIMS = (frozen(), frozen(dim=0), frozen(dim=-1))


def torch_softmax2d(input: Tensor) -> Tensor:
    """La referencia de torch para :func:`actloss.functional.softmax2d`: su módulo."""
    return torch.nn.Softmax2d()(input)  # type: ignore[no-any-return]


def _channels(x: Tensor) -> tuple[Tensor, ...]:
    """Tres canales en la dimensión 0: una entrada ``(3, H, W)`` o ``(3, N, H, W)``.

    Un escalar o un vector se toman como una imagen de una fila, de modo que la entrada
    siempre es válida; las formas inválidas las prueba ``tests/test_softmax.py``.
    """
    image = x if x.dim() >= 2 else x.reshape(1, -1)
    return (torch.stack([image, -image, 0.5 * image]),)


def _even_halves(x: Tensor) -> tuple[Tensor, ...]:
    """Una entrada con tamaño par en la primera y en la última dimensión, para GLU."""
    pair = torch.stack([x, 0.5 - x])
    return (torch.stack([pair, 2 * pair + 0.25], dim=-1),)


def _probabilities(order: str, dim: int = -1) -> VectorProperties:
    return VectorProperties(
        range=(0.0, 1.0),
        normalization="probabilidades",
        shift_invariant=True,
        order=order,  # type: ignore[arg-type]
        halves=False,
        dim=dim,
    )


# softmax and its kin have no parameter of their own: the figures apply a temperature,
# f(z / T), to a fixed vector of logits.
TEMPERATURE = Parameter("temperatura", 1.0, 0.25, 4.0, label="T", scale="log")

ENTRIES = (
    Entry(
        name="softmax",
        module="Softmax",
        title="Softmax",
        formula=r"\frac{e^{x_i}}{\sum_j e^{x_j}}",
        derivative=r"y_i (\delta_{ij} - y_j)",
        claim="Con temperatura, softmax(βx) tiende al argmax cuando β crece; la temperatura "
        "equivale a escalar los pesos de la capa anterior.",
        section="notas-softmax",
        parameters=(TEMPERATURE,),
        properties=_probabilities("conserva"),
        variants=_DIMS,
    ),
    Entry(
        name="softmin",
        module="Softmin",
        title="Softmin",
        formula=r"\frac{e^{-x_i}}{\sum_j e^{-x_j}}",
        derivative=r"-y_i (\delta_{ij} - y_j)",
        claim="Softmin es el softmax de la entrada cambiada de signo.",
        section="notas-softmin",
        parameters=(TEMPERATURE,),
        properties=_probabilities("invierte"),
        variants=_DIMS,
    ),
    Entry(
        name="log_softmax",
        module="LogSoftmax",
        title="LogSoftmax",
        formula=r"(x_i - m) - \log \sum_j e^{x_j - m}",
        derivative=r"\delta_{ij} - \operatorname{softmax}(x)_j",
        claim="Es estable donde log(softmax(x)) no lo es: finita donde el softmax redondea a 0.",
        section="notas-log-softmax",
        parameters=(TEMPERATURE,),
        properties=VectorProperties(
            range=(-INF, 0.0),
            normalization="log-probabilidades",
            shift_invariant=True,
            order="conserva",
            halves=False,
        ),
        variants=_DIMS,
    ),
    Entry(
        name="softmax2d",
        module="Softmax2d",
        title="Softmax2d",
        formula=r"\frac{e^{x_{chw}}}{\sum_{c'} e^{x_{c'hw}}}",
        derivative=r"y_{chw} (\delta_{cc'} - y_{c'hw})",
        claim="En cada posición (h, w) de una imagen, los canales forman una distribución "
        "de probabilidad.",
        section="notas-softmax2d",
        properties=_probabilities("conserva", dim=-3),
        make_inputs=_channels,
        quirks=TorchQuirks(torch_reference=torch_softmax2d),
    ),
    Entry(
        name="glu",
        module="GLU",
        title="GLU (unidad lineal con compuerta)",
        formula=r"a \odot \sigma(b)",
        derivative=(
            r"\frac{\partial \operatorname{GLU}}{\partial a} = \sigma(b), \qquad \frac{\partial "
            r"\operatorname{GLU}}{\partial b} = a\,\sigma(b)\,(1 - \sigma(b))"
        ),
        claim="Parte la dimensión en dos mitades y devuelve una: la salida tiene la mitad "
        "de tamaño.",
        section="notas-glu",
        properties=VectorProperties(
            range=(-INF, INF),
            normalization="ninguna",
            shift_invariant=False,
            order="ninguno",
            halves=True,
        ),
        make_inputs=_even_halves,
        variants=(frozen(), frozen(dim=0)),
    ),
)
