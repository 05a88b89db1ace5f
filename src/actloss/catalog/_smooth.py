"""Las entradas del catálogo: activaciones suaves."""

from __future__ import annotations

import functools
import math

from actloss.catalog._entry import ActivationProperties, Entry, Parameter, frozen

INF = math.inf

# Minima of the non-monotone activations, rounded down (the probes check they are tight).
SILU_MIN = -0.278464542762
MISH_MIN = -0.308843413018
GELU_MIN = -0.16997120748
SELU_LOW = -1.0507009873554805 * 1.6732632423543772


# The non-monotone ones reach their minimum; the other finite ends are asymptotes.
_MINIMUM = (True, False)

# Every activation of the family has a continuous derivative.
_smooth = functools.partial(ActivationProperties, smooth=True)


# ELU and CELU: the scale alpha, its range in the figures and the values the tests run.
_ALPHA = (Parameter("alpha", 1.0, 0.1, 3.0, label="α"),)
_ALPHAS = (frozen(), frozen(alpha=0.5), frozen(alpha=2.0))

ENTRIES = (
    Entry(
        name="sigmoid",
        module="Sigmoid",
        title="Sigmoide",
        formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        derivative=r"\sigma(x)\,(1 - \sigma(x))",
        claim="Si se apilan muchas capas de sigmoides la red no aprende de manera "
        "eficiente: el gradiente de las primeras capas se desploma.",
        section="notas-sigmoide",
        properties=_smooth((0.0, 1.0), "ambas"),
        domain=(-8.0, 8.0),
    ),
    Entry(
        name="tanh",
        module="Tanh",
        title="Tanh (tangente hiperbólica)",
        formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        derivative=r"1 - \tanh^2(x)",
        claim="Está centrada en cero, pero cerca de sus asíntotas el gradiente se va a 0 "
        "exponencialmente rápido.",
        section="notas-tanh",
        properties=_smooth((-1.0, 1.0), "ambas", zero_centred=True),
    ),
    Entry(
        name="softsign",
        module="Softsign",
        title="Softsign",
        formula=r"\frac{x}{1 + |x|}",
        derivative=r"\frac{1}{(1 + |x|)^2}",
        claim="Se acerca a sus asíntotas de forma polinómica: lejos del origen su "
        "gradiente es mayor que el de tanh y el de la sigmoide.",
        section="notas-softsign",
        properties=_smooth((-1.0, 1.0), "ambas", zero_centred=True),
        domain=(-8.0, 8.0),
    ),
    Entry(
        name="logsigmoid",
        module="LogSigmoid",
        title="LogSigmoid (logaritmo de la sigmoide)",
        formula=r"\log \sigma(x) = \min(x, 0) - \log\left(1 + e^{-|x|}\right)",
        derivative=r"\sigma(-x)",
        claim="Es finita donde log(sigmoid(x)) se desborda a -infinito.",
        section="notas-logsigmoid",
        properties=_smooth((-INF, 0.0), "derecha"),
    ),
    Entry(
        name="softplus",
        module="Softplus",
        title="Softplus",
        formula=r"\frac{1}{\beta} \log\left(1 + e^{\beta x}\right)",
        derivative=r"\sigma(\beta x)",
        claim="Es una aproximación derivable de ReLU, pero sensible a la escala; "
        "tiende a ReLU cuando beta crece.",
        section="notas-softplus",
        parameters=(
            Parameter("beta", 1.0, 0.25, 4.0, label="β", scale="log"),
            Parameter("threshold", 20.0, 1.0, 20.0),
        ),
        properties=_smooth((0.0, INF), "izquierda"),
        variants=(frozen(), frozen(beta=2.0, threshold=10.0), frozen(beta=0.5)),
    ),
    Entry(
        name="silu",
        module="SiLU",
        title="SiLU (swish)",
        formula=r"x\,\sigma(x)",
        derivative=r"\sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)",
        claim="Es suave y no monótona: tiene un mínimo negativo.",
        section="notas-silu",
        properties=_smooth((SILU_MIN, INF), "izquierda", monotone=False, attained=_MINIMUM),
    ),
    Entry(
        name="mish",
        module="Mish",
        title="Mish",
        formula=r"x \tanh(s), \quad s = \operatorname{Softplus}(x)",
        derivative=r"\tanh(s) + x\,\sigma(x)\,(1 - \tanh^2 s)",
        claim="Es suave y no monótona: tiene un mínimo negativo.",
        section="notas-mish",
        properties=_smooth((MISH_MIN, INF), "izquierda", monotone=False, attained=_MINIMUM),
    ),
    Entry(
        name="gelu",
        module="GELU",
        title="GELU",
        formula=r"x\,\Phi(x)",
        derivative=r"\Phi(x) + x\,\varphi(x)",
        claim="Es x·Φ(x); la aproximación con tanh difiere de ella en menos de 1e-3.",
        section="notas-gelu",
        parameters=(Parameter("approximate", "none", options=("none", "tanh")),),
        properties=_smooth((GELU_MIN, INF), "izquierda", monotone=False, attained=_MINIMUM),
        variants=(frozen(), frozen(approximate="tanh")),
    ),
    Entry(
        name="elu",
        module="ELU",
        title="ELU (unidad lineal exponencial)",
        formula=r"\begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
        derivative=r"\begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}",
        claim="Los valores negativos acercan a cero la activación media, lo cual puede "
        "hacer que el descenso por gradiente converja más rápido.",
        section="notas-elu",
        parameters=_ALPHA,
        properties=_smooth((-1.0, INF), "izquierda"),
        variants=_ALPHAS,
    ),
    Entry(
        name="celu",
        module="CELU",
        title="CELU (ELU continuamente derivable)",
        formula=r"\max(0, x) + \min\bigl(0, \alpha\,(e^{x/\alpha} - 1)\bigr)",
        derivative=r"\begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        claim="Es una reparametrización de ELU: CELU_a(x) = a·ELU(x/a).",
        section="notas-celu",
        parameters=_ALPHA,
        properties=_smooth((-1.0, INF), "izquierda"),
        variants=_ALPHAS,
    ),
    Entry(
        name="selu",
        module="SELU",
        title="SELU (ELU escalada)",
        formula=r"\lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
        derivative=r"\lambda \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}",
        claim="Es ELU escalada; con pesos LeCun-normales mantiene media 0 y varianza 1 "
        "a través de muchas capas.",
        section="notas-selu",
        properties=_smooth((SELU_LOW, INF), "izquierda", zero_centred=True, smooth=False),
    ),
)
