"""Las entradas del catálogo de las pérdidas de energía (:mod:`actloss.energy`).

Cada pérdida de la tabla 1 de LeCun et al. (2006) es una entrada con su fórmula, su
gradiente, el margen que le da la tabla y las propiedades que afirma, que
``tests/test_energy.py`` verifica en los dos sentidos: una propiedad falsa hace fallar
la prueba. Sus funciones viven en :mod:`actloss.energy`, no en
:mod:`actloss.functional`, y torch no tiene su equivalente, así que son entradas de una
clase propia, :class:`EnergyEntry`.

Ejemplos:
    >>> from actloss.catalog._energy import ENERGY_ENTRIES
    >>> [e.name for e in ENERGY_ENTRIES][:3]
    ['energy_loss', 'perceptron_loss', 'hinge_loss']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from torch import Tensor, nn

from actloss.catalog._entry import REDUCTIONS, Parameter, Saturation, frozen

Margin = Literal["ninguno", "cero", "m", "positivo"]
# How table 1 of LeCun et al. (2006) writes each margin.
_TABLE_MARGIN: dict[str, str] = {"ninguno": "ninguno", "cero": "0", "m": "m", "positivo": "> 0"}
Support = Literal["correcta", "correcta y mínima", "correcta y más ofensiva", "todas"]


@dataclass(frozen=True)
class EnergyProperties:
    r"""Propiedades de una pérdida de energía; cada una la verifica una prueba numérica.

    Atributos:
        range: el ínfimo y el supremo de :math:`l_n` sobre todas las energías (con
            :math:`K \ge 2` y los parámetros por defecto).
        margin: el margen de la tabla 1. ``"ninguno"``: no sube ninguna energía
            incorrecta; ``"cero"``: deja de empujar en cuanto :math:`E_C < E_I`;
            ``"m"``: empuja :math:`E_I` hacia arriba mientras no alcance el margen
            :math:`m` del argumento ``margin`` (con :math:`E_C = 0`) y luego se anula;
            ``"positivo"``: sigue empujando :math:`E_I` hacia arriba con cualquier
            diferencia finita.
        support: las energías que reciben gradiente: la correcta, la correcta y la menor
            de todas, la correcta y la más ofensiva, o todas.
        saturation: lado(s) en que el gradiente se anula a lo largo de
            :math:`E = (0, -z)`: ``"izquierda"`` cuando la respuesta correcta gana por
            mucho (:math:`z \to -\infty`), ``"derecha"`` cuando pierde por mucho.
        convex: la pérdida es convexa en las energías.
    """

    range: tuple[float, float]
    margin: Margin
    support: Support
    # What most energy losses of the catalog are; the probes check every value either way.
    saturation: Saturation = "izquierda"
    convex: bool = True

    @property
    def needs_incorrect(self) -> bool:
        r"""Usa la respuesta incorrecta más ofensiva, así que exige :math:`K \ge 2`."""
        return self.support == "correcta y más ofensiva"

    @property
    def nonnegative(self) -> bool:
        """:math:`l_n \\ge 0` para todas las energías."""
        return self.range[0] >= 0


@dataclass(frozen=True)
class EnergyEntry:
    """Una pérdida de energía del catálogo.

    Atributos:
        name: nombre de la función en :mod:`actloss.energy` (y en
            ``actloss.reference.energy``).
        module: nombre de su clase en :mod:`actloss.energy`.
        title: nombre en español para páginas y tablas.
        formula: la pérdida por muestra :math:`l_n` en LaTeX.
        gradient: su gradiente respecto a las energías, en LaTeX.
        claim: la afirmación que demuestra su ejemplo de la galería, en Markdown (las notas
            la muestran así): cada símbolo entre ``$``, como ``$E_C$``.
        section: etiqueta de la sección de las notas que la trata.
        properties: las propiedades que se afirman (y se prueban).
        variants: argumentos con nombre que las pruebas recorren además de los de por
            defecto.
        page: nombre de su ejemplo de la galería cuando no es ``plot_<name>``
            (``plot_nll_loss`` ya es el de la NLL de torch).
        parameters: sus argumentos ajustables (todos menos ``reduction``), con el
            valor por defecto de su firma y el intervalo que recorren los deslizadores
            de su página (:class:`~actloss.catalog._entry.Parameter`).
    """

    name: str
    module: str
    title: str
    formula: str
    gradient: str
    claim: str
    section: str
    properties: EnergyProperties
    variants: tuple[Mapping[str, Any], ...] = (frozen(),)
    page: str = ""
    parameters: tuple[Parameter, ...] = ()

    @property
    def margin(self) -> str:
        """El margen de :attr:`properties` tal como lo escribe la tabla 1."""
        return _TABLE_MARGIN[self.properties.margin]

    @property
    def fn(self) -> Callable[..., Tensor]:
        """La función de :mod:`actloss.energy`."""
        from actloss import energy

        return getattr(energy, self.name)  # type: ignore[no-any-return]

    @property
    def module_cls(self) -> type[nn.Module]:
        """La clase de :mod:`actloss.energy`."""
        from actloss import energy

        return getattr(energy, self.module)  # type: ignore[no-any-return]

    @property
    def reference(self) -> Callable[..., Tensor]:
        """La definición de ``actloss.reference.energy``."""
        from actloss.reference import energy

        return getattr(energy, self.name)  # type: ignore[no-any-return]

    @property
    def reference_gradient(self) -> Callable[..., Tensor]:
        """El gradiente en forma cerrada, ``actloss.reference.energy.<name>_gradient``."""
        from actloss.reference import energy

        return getattr(energy, f"{self.name}_gradient")  # type: ignore[no-any-return]

    @property
    def example(self) -> str:
        """Documento de su ejemplo en la galería, relativo a ``docs/``."""
        return f"galeria/energia/{self.page or f'plot_{self.name}'}"


_INF = math.inf
# Los intervalos de los deslizadores contienen el valor por defecto de cada firma.
_MARGIN = Parameter("margin", 1.0, 0.0, 3.0, label="m")


_BETA = Parameter("beta", 1.0, 0.25, 4.0, label="β", scale="log")


def _reductions(**parameter: float) -> tuple[Mapping[str, Any], ...]:
    """Las tres reducciones; la suma, con un parámetro distinto del de por defecto."""
    return (*REDUCTIONS[:2], frozen(**parameter, reduction="sum"))


ENERGY_ENTRIES = (
    EnergyEntry(
        name="energy_loss",
        module="EnergyLoss",
        title="Energía",
        formula=r"E_C",
        gradient=r"\partial l / \partial E_C = 1",
        claim="Con una arquitectura que puede igualar todas las energías, entrenar con la "
        "pérdida de energía aplana la superficie: la diferencia entre $E_I$ y $E_C$ tiende a 0.",
        section="notas-energia-energia",
        properties=EnergyProperties(
            range=(-_INF, _INF), margin="ninguno", support="correcta", saturation="ninguna"
        ),
        variants=REDUCTIONS,
    ),
    EnergyEntry(
        name="perceptron_loss",
        module="PerceptronLoss",
        title="Perceptrón",
        formula=r"E_C - \min_k E_k",
        gradient=r"\pm 1 \text{ en } E_C \text{ y en } \arg\min_k E_k",
        claim="Es el límite de la NLL cuando $\\beta$ tiende a infinito: la distancia entre "
        "las dos no pasa de $\\log(K)/\\beta$.",
        section="notas-energia-perceptron",
        properties=EnergyProperties(range=(0.0, _INF), margin="cero", support="correcta y mínima"),
        variants=REDUCTIONS,
    ),
    EnergyEntry(
        name="hinge_loss",
        module="HingeLoss",
        title="Bisagra",
        formula=r"\max(0,\; m + E_C - E_I)",
        gradient=r"\pm [\, m + E_C - E_I > 0 \,] \text{ en } E_C,\ E_I",
        claim="Solo toca $E_C$ y $E_I$: baja la correcta y sube la más ofensiva hasta que "
        "las separa el margen $m$, y deja las demás energías como estaban.",
        section="notas-energia-bisagra",
        properties=EnergyProperties(
            range=(0.0, _INF), margin="m", support="correcta y más ofensiva"
        ),
        variants=_reductions(margin=2.5),
        parameters=(_MARGIN,),
    ),
    EnergyEntry(
        name="log_loss",
        module="LogLoss",
        title="Logarítmica",
        formula=r"\log\bigl(1 + e^{E_C - E_I}\bigr)",
        gradient=r"\pm \sigma(E_C - E_I) \text{ en } E_C,\ E_I",
        claim="Es una bisagra suave con margen infinito: su gradiente decae pero nunca se anula.",
        section="notas-energia-logaritmica",
        properties=EnergyProperties(
            range=(0.0, _INF), margin="positivo", support="correcta y más ofensiva"
        ),
        variants=REDUCTIONS,
    ),
    EnergyEntry(
        name="lvq2_loss",
        module="LVQ2Loss",
        title="LVQ2",
        formula=r"\min\bigl(M,\; \max(0,\; E_C - E_I)\bigr)",
        gradient=r"\pm [\, 0 < E_C - E_I < M \,] \text{ en } E_C,\ E_I",
        claim="Margen 0 y saturada en $M$: deja de empujar en cuanto la respuesta correcta "
        "gana, y también cuando pierde por más de $M$.",
        section="notas-energia-lvq2",
        properties=EnergyProperties(
            range=(0.0, 1.0),
            margin="cero",
            support="correcta y más ofensiva",
            saturation="ambas",
            convex=False,
        ),
        variants=_reductions(saturation=3.0),
        parameters=(Parameter("saturation", 1.0, 0.25, 3.0, label="M"),),
    ),
    EnergyEntry(
        name="mce_loss",
        module="MCELoss",
        title="MCE",
        formula=r"\sigma(E_C - E_I) = \bigl(1 + e^{-(E_C - E_I)}\bigr)^{-1}",
        gradient=r"\pm \sigma(z)\,(1 - \sigma(z)) \text{ en } E_C,\ E_I,\ z = E_C - E_I",
        claim="Se satura por los dos lados: su gradiente se anula cuando la respuesta "
        "correcta gana por mucho y también cuando pierde por mucho, al contrario que la "
        "logarítmica.",
        section="notas-energia-mce",
        properties=EnergyProperties(
            range=(0.0, 1.0),
            margin="positivo",
            support="correcta y más ofensiva",
            saturation="ambas",
            convex=False,
        ),
        variants=REDUCTIONS,
    ),
    EnergyEntry(
        name="square_square_loss",
        module="SquareSquareLoss",
        title="Cuadrado-cuadrado",
        formula=r"E_C^2 + \bigl(\max(0,\; m - E_I)\bigr)^2",
        gradient=r"2E_C \text{ en } E_C,\ -2\max(0, m - E_I) \text{ en } E_I",
        claim="Solo toca $E_C$ y $E_I$: lleva la correcta a 0 y sube la más ofensiva hasta $m$.",
        section="notas-energia-cuadrado-cuadrado",
        properties=EnergyProperties(
            range=(0.0, _INF), margin="m", support="correcta y más ofensiva"
        ),
        variants=_reductions(margin=2.0),
        parameters=(_MARGIN,),
    ),
    EnergyEntry(
        name="square_exponential_loss",
        module="SquareExponentialLoss",
        title="Cuadrado-exponencial",
        formula=r"E_C^2 + \gamma\, e^{-E_I}",
        gradient=r"2E_C \text{ en } E_C,\ -\gamma e^{-E_I} \text{ en } E_I",
        claim="Empuja $E_I$ hacia arriba con una fuerza que decae sin anularse nunca: su "
        "margen es positivo, no un valor fijo.",
        section="notas-energia-cuadrado-exponencial",
        properties=EnergyProperties(
            range=(0.0, _INF), margin="positivo", support="correcta y más ofensiva"
        ),
        variants=_reductions(gamma=0.5),
        parameters=(Parameter("gamma", 1.0, 0.25, 4.0, label="γ", scale="log"),),
    ),
    EnergyEntry(
        name="nll_loss",
        module="NLLLoss",
        title="NLL/MMI",
        formula=r"E_C + \tfrac{1}{\beta} \log \sum_k e^{-\beta E_k}",
        gradient=r"[k = y] - p_\beta(k) \text{ en cada } E_k",
        claim="Con $\\beta = 1$ es la entropía cruzada de las energías cambiadas de signo, y "
        "sube todas las energías en proporción a su probabilidad.",
        section="notas-energia-nll",
        properties=EnergyProperties(range=(0.0, _INF), margin="positivo", support="todas"),
        variants=_reductions(beta=4.0),
        parameters=(_BETA,),
        page="plot_energy_nll_loss",
    ),
    EnergyEntry(
        name="mee_loss",
        module="MEELoss",
        title="MEE",
        formula=r"1 - e^{-\beta E_C} \big/ \sum_k e^{-\beta E_k}",
        gradient=r"\beta\, p_\beta(y) \bigl([k = y] - p_\beta(k)\bigr) \text{ en cada } E_k",
        claim="Es uno menos la probabilidad de acertar: acotada entre 0 y 1, se satura "
        "por los dos lados, y con $K = 2$ y $\\beta = 1$ coincide con la MCE.",
        section="notas-energia-mee",
        properties=EnergyProperties(
            range=(0.0, 1.0), margin="positivo", support="todas", saturation="ambas", convex=False
        ),
        variants=_reductions(beta=0.5),
        parameters=(_BETA,),
    ),
)

ENERGY: dict[str, EnergyEntry] = {entry.name: entry for entry in ENERGY_ENTRIES}
