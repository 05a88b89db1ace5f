"""Qué es una entrada del catálogo y qué propiedades puede afirmar."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import torch
from torch import Tensor, nn

Kind = Literal["activación", "pérdida"]
Saturation = Literal["ninguna", "izquierda", "derecha", "ambas"]
Normalization = Literal["probabilidades", "log-probabilidades", "ninguna"]
Order = Literal["conserva", "invierte", "ninguno"]


@dataclass(frozen=True)
class ActivationProperties:
    """Propiedades de una activación; cada una la verifica una prueba numérica.

    Atributos:
        range: la imagen :math:`(\\inf f, \\sup f)` sobre la recta real.
        attained: si :math:`f` alcanza cada extremo finito de ``range`` en una entrada
            finita (un mínimo o un máximo, no una asíntota); la tabla cierra ese lado del
            intervalo. Un extremo infinito nunca se alcanza, diga lo que diga.
        saturation: lado(s) por los que :math:`f'(x) \\to 0` cuando :math:`|x| \\to \\infty`.
        smooth: :math:`f'` es continua (sin pliegues).
        monotone: :math:`f` es no decreciente.
        zero_centred: :math:`\\mathbb{E}[f(Z)] = 0` para :math:`Z \\sim \\mathcal{N}(0, 1)`.
        positively_homogeneous: :math:`f(a x) = a f(x)` para todo :math:`a > 0`.
        learnable: número de parámetros que aprende el módulo con sus valores por defecto.
    """

    range: tuple[float, float]
    saturation: Saturation
    smooth: bool
    # What most activations of the catalog are; the probes check every value either way.
    monotone: bool = True
    zero_centred: bool = False
    positively_homogeneous: bool = False
    learnable: int = 0
    attained: tuple[bool, bool] = (False, False)

    @property
    def bounded(self) -> bool:
        """La imagen es un intervalo acotado."""
        return all(math.isfinite(v) for v in self.range)


@dataclass(frozen=True)
class LossProperties:
    """Propiedades de una pérdida; cada una la verifica una prueba numérica.

    Atributos:
        nonnegative: :math:`\\ell \\ge 0` para toda entrada.
        zero_at_target: :math:`\\ell(y, y) = 0`: la predicción perfecta no cuesta nada.
        convex: :math:`\\ell` es convexa en la predicción.
        bounded_gradient: :math:`|\\partial \\ell / \\partial x|` está acotado, por lo que un
            dato atípico no domina el gradiente.
    """

    # What most losses of the catalog are; the probes check every value either way.
    nonnegative: bool = True
    zero_at_target: bool = True
    convex: bool = True
    bounded_gradient: bool = True


@dataclass(frozen=True)
class VectorProperties:
    """Propiedades de una activación vectorial, que actúa sobre una dimensión entera.

    Softmax y sus parientes no actúan elemento a elemento: monotonía o saturación por
    elemento no tienen sentido para ellas. Cada propiedad la verifica una prueba
    numérica, en los dos sentidos (una afirmación falsa hace fallar la prueba).

    Atributos:
        range: la imagen :math:`(\\inf f_i, \\sup f_i)` de cada componente.
        normalization: ``"probabilidades"`` si :math:`f_i \\ge 0` y
            :math:`\\sum_i f_i = 1`; ``"log-probabilidades"`` si
            :math:`\\sum_i e^{f_i} = 1`; ``"ninguna"`` si no hay ninguna de las dos.
        shift_invariant: :math:`f(x + c\\mathbf{1}) = f(x)` para toda constante :math:`c`.
        order: ``"conserva"`` si :math:`x_i > x_j \\Rightarrow f_i > f_j`,
            ``"invierte"`` si :math:`x_i > x_j \\Rightarrow f_i < f_j`, ``"ninguno"``
            si ninguna de las dos vale.
        halves: la salida tiene la mitad de tamaño que la entrada en la dimensión.
        dim: la dimensión sobre la que actúa (la que se pasa como ``dim``, si la función
            lo admite).
        learnable: número de parámetros que aprende el módulo.
    """

    range: tuple[float, float]
    normalization: Normalization
    shift_invariant: bool
    order: Order
    halves: bool
    dim: int = -1
    learnable: int = 0

    @property
    def bounded(self) -> bool:
        """La imagen es un intervalo acotado."""
        return all(math.isfinite(v) for v in self.range)


def _alone(x: Tensor) -> tuple[Tensor, ...]:
    return (x,)


def _nothing(x: Tensor) -> tuple[Tensor, ...]:
    return ()


def _frozen(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class TorchQuirks:
    """Lo que la comparación con torch necesita saber de una entrada: sus particularidades.

    Una entrada corriente no da ninguna (``NO_QUIRKS``); cada atributo dice en qué se
    aparta de lo habitual su homóloga de torch o la forma de probarla.

    Atributos:
        torch_name: la referencia de torch, si no es ``torch.nn.functional.<name>``.
        torch_reference: la referencia de torch como función, cuando torch no tiene
            una función con nombre (Softmax2d solo existe como módulo).
        required_kwargs: argumentos que torch exige sin valor por defecto (el ``threshold``
            y el ``value`` de Threshold); ``Entry.fn`` y ``Entry.torch_fn`` los completan
            cuando una llamada no los da, y deben coincidir con ``Entry.module_kwargs``.
        arguments: nombre que da torch a cada papel genérico cuando no es el habitual
            (``{"input": "log_probs", "target": "targets"}`` en CTC); los mensajes de
            error nombran el argumento real.
        module_aliases: nombres obsoletos del mismo módulo que torch conserva
            (``NLLLoss2d`` para ``NLLLoss``).
        broadcast_warning: torch avisa (``UserWarning``) cuando el segundo tensor se
            difunde a la forma de la predicción, como en las pérdidas de regresión; las
            pérdidas de pares y de etiquetas no avisan.
        empty_reduction_undefined: con un lote vacío, torch devuelve memoria sin
            inicializar para ``'mean'``/``'sum'``; las pruebas solo comparan forma y dtype.
        torch_nan_grad_varies: el gradiente de torch en una entrada ``nan`` depende de si
            el elemento cae en la parte vectorizada de su kernel o en la cola escalar
            (Hardtanh, los *shrink*...). actloss sigue la fórmula escalar, y la prueba de
            paridad no compara el gradiente en esas posiciones.
        kink_at_target: la pérdida tiene un pliegue donde la predicción iguala al
            objetivo (L1, Huber...), así que ``gradcheck`` usa como predicción el
            objetivo más un desplazamiento lejos de 0. Con ``False`` (pérdidas de
            clasificación o de pares, cuyo objetivo no es un valor de la predicción) usa
            ``make_inputs`` tal cual.
        reparametrize: si no es ``None``, la función solo tiene el gradiente de torch
            sobre la imagen de este mapa (CTC: ``log_softmax``); ``gradcheck`` deriva
            respecto a su argumento libre ``x``, y ``make_inputs(x)[0]`` debe ser
            ``reparametrize(x)``.
        twice_differentiable: torch admite la segunda derivada (CTC no la admite).
    """

    torch_name: str | None = None
    torch_reference: Callable[..., Tensor] | None = None
    required_kwargs: Mapping[str, Any] = field(default_factory=_frozen)
    arguments: Mapping[str, str] = field(default_factory=_frozen)
    module_aliases: tuple[str, ...] = ()
    broadcast_warning: bool = True
    empty_reduction_undefined: bool = False
    torch_nan_grad_varies: bool = False
    kink_at_target: bool = True
    reparametrize: Callable[[Tensor], Tensor] | None = None
    twice_differentiable: bool = True


NO_QUIRKS = TorchQuirks()

# The pair, ranking and label losses: torch does not warn when their second tensor is
# broadcast, and their target is not a value of the prediction (no kink there).
PAIRED = TorchQuirks(broadcast_warning=False, kink_at_target=False)


@dataclass(frozen=True)
class Parameter:
    """Un parámetro ajustable de la función, para las figuras interactivas.

    Un intervalo (``low`` y ``high``) o unas opciones discretas (``options``), y el valor
    por defecto de torch. El nombre es el del argumento de la función, salvo la
    temperatura :math:`T` de softmax y sus parientes, que la figura aplica a la entrada
    (:math:`f(z / T)`).

    Atributos:
        name: el argumento (``"alpha"``, ``"beta"``, ``"margin"``...).
        default: su valor por defecto.
        low: el extremo inferior del intervalo, o ``None`` con ``options``.
        high: el extremo superior del intervalo, o ``None`` con ``options``.
        options: los valores posibles de un parámetro discreto (``approximate``).
        label: su símbolo en las fórmulas, si lo tiene (``"α"``, ``"β"``, ``"δ"``).
        scale: ``"lineal"`` o ``"log"``: cómo se reparten los valores del intervalo.
    """

    name: str
    default: Any
    low: float | None = None
    high: float | None = None
    options: tuple[Any, ...] = ()
    label: str | None = None
    scale: Literal["lineal", "log"] = "lineal"


@dataclass(frozen=True)
class Entry:
    """Una función del catálogo: la fuente única de verdad de pruebas, tablas y galería.

    Una entrada nueva da sus ocho primeros atributos y, si hace falta, cómo construir sus
    entradas; lo demás tiene un valor por defecto. Que sea una activación o una pérdida
    (``kind``) lo dice la clase de sus propiedades.

    Atributos:
        name: nombre de la función en :mod:`actloss.functional` (y en torch).
        module: nombre de la clase en :mod:`actloss.nn` (y en :mod:`torch.nn`).
        title: nombre en español para páginas y tablas.
        formula: la fórmula en LaTeX, la misma que muestran el docstring de la función y
            su ejemplo de la galería (una prueba lo comprueba); la tabla del catálogo la
            muestra.
        derivative: la derivada (o el gradiente) en LaTeX, la misma que muestra el
            docstring; la tabla la muestra bajo la fórmula.
        claim: la afirmación de las notas que demuestra su ejemplo de la galería; la
            tabla la muestra junto al enlace a las notas.
        section: etiqueta de la sección de las notas que la trata.
        properties: las propiedades que se afirman (y se prueban).
        make_inputs: construye, a partir de un tensor ``x``, los argumentos tensoriales
            que recibe el ``forward`` del módulo (``(x,)``, o ``(x, target)``).
        make_params: los argumentos tensoriales adicionales de la función que el módulo
            guarda como parámetros (la pendiente de PReLU).
        make_perfect: para una pérdida, construye a partir de ``x`` unos argumentos de
            ``forward`` cuya predicción es perfecta (la que prueba ``zero_at_target``).
        variants: argumentos con nombre que las pruebas recorren, además de los de
            por defecto.
        domain: intervalo de :math:`x` que se dibuja y se sondea.
        parameters: los parámetros ajustables (:class:`Parameter`), de los que las
            figuras interactivas hacen controles.
        module_kwargs: argumentos con que las pruebas construyen el módulo.
        module_only: la pérdida es una capa con parámetros propios
            (``AdaptiveLogSoftmaxWithLoss``, ``LinearCrossEntropyLoss``): las pruebas
            genéricas que llaman a ``fn(input, target)`` no se le aplican y la prueban
            las pruebas de su familia; sí se le aplican las del catálogo y del
            constructor. Puede no existir una función con su ``name``.
        quirks: sus particularidades frente a torch (:class:`TorchQuirks`).
    """

    name: str
    module: str
    title: str
    formula: str
    derivative: str
    claim: str
    section: str
    properties: ActivationProperties | LossProperties | VectorProperties
    make_inputs: Callable[[Tensor], tuple[Tensor, ...]] = _alone
    make_params: Callable[[Tensor], tuple[Tensor, ...]] = _nothing
    make_perfect: Callable[[Tensor], tuple[Tensor, ...]] | None = None
    variants: tuple[Mapping[str, Any], ...] = (_frozen(),)
    domain: tuple[float, float] = (-4.0, 4.0)
    parameters: tuple[Parameter, ...] = ()
    module_kwargs: Mapping[str, Any] = field(default_factory=_frozen)
    module_only: bool = False
    quirks: TorchQuirks = NO_QUIRKS

    @property
    def kind(self) -> Kind:
        """``"pérdida"`` si afirma propiedades de pérdida; si no, ``"activación"``."""
        return "pérdida" if isinstance(self.properties, LossProperties) else "activación"

    def argument(self, role: str) -> str:
        """El nombre en torch del argumento con papel ``role`` (``"input"``, ``"target"``)."""
        return self.quirks.arguments.get(role, role)

    @property
    def fn(self) -> Callable[..., Tensor]:
        """La función de :mod:`actloss.functional`."""
        from actloss import functional

        return _completed(getattr(functional, self.name), self.quirks.required_kwargs)

    @property
    def torch_fn(self) -> Callable[..., Tensor]:
        """La función de referencia de torch."""
        quirks = self.quirks
        if quirks.torch_reference is not None:
            return _completed(quirks.torch_reference, quirks.required_kwargs)
        path = quirks.torch_name or f"torch.nn.functional.{self.name}"
        obj: Any = torch
        for part in path.split(".")[1:]:
            obj = getattr(obj, part)
        return _completed(obj, self.quirks.required_kwargs)

    @property
    def module_cls(self) -> type[nn.Module]:
        """La clase de :mod:`actloss.nn`."""
        from actloss import nn as actloss_nn

        return getattr(actloss_nn, self.module)  # type: ignore[no-any-return]

    @property
    def torch_module_cls(self) -> type[nn.Module]:
        """La clase de referencia de :mod:`torch.nn`."""
        return getattr(nn, self.module)  # type: ignore[no-any-return]

    @property
    def example(self) -> str:
        """Documento de su ejemplo en la galería, relativo a ``docs/``."""
        folder = "activaciones" if self.kind == "activación" else "perdidas"
        return f"galeria/{folder}/plot_{self.name}"


def _completed(fn: Callable[..., Tensor], required: Mapping[str, Any]) -> Callable[..., Tensor]:
    """``fn`` con los argumentos de ``required`` por defecto; conserva firma y docstring."""
    if not required:
        return fn

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Tensor:
        return fn(*args, **{**required, **kwargs})

    return call


def frozen(**kwargs: Any) -> Mapping[str, Any]:
    """Un diccionario inmutable, para variantes y argumentos de módulos."""
    return _frozen(kwargs)


# The variants every loss runs: the default 'mean', 'none' and 'sum'.
REDUCTIONS = (frozen(), frozen(reduction="none"), frozen(reduction="sum"))


def random_like(x: Tensor, offset: int = 0) -> Tensor:
    """Un tensor normal estándar reproducible con la forma y el dtype de ``x``."""
    generator = torch.Generator().manual_seed(1234 + offset + x.numel())
    return torch.randn(x.shape, generator=generator, dtype=torch.float64).to(x.dtype)
