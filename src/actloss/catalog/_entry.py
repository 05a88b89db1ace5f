"""Qué es una entrada del catálogo y qué propiedades puede afirmar."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import torch
from torch import Tensor, nn

Kind = Literal["activación", "pérdida"]
Saturation = Literal["ninguna", "izquierda", "derecha", "ambas"]


@dataclass(frozen=True)
class ActivationProperties:
    """Propiedades de una activación; cada una la verifica una prueba numérica.

    Atributos:
        range: la imagen :math:`(\\inf f, \\sup f)` sobre la recta real.
        monotone: :math:`f` es no decreciente.
        smooth: :math:`f'` es continua (sin pliegues).
        zero_centred: :math:`\\mathbb{E}[f(Z)] = 0` para :math:`Z \\sim \\mathcal{N}(0, 1)`.
        saturation: lado(s) por los que :math:`f'(x) \\to 0` cuando :math:`|x| \\to \\infty`.
        positively_homogeneous: :math:`f(a x) = a f(x)` para todo :math:`a > 0`.
        learnable: número de parámetros que aprende el módulo con sus valores por defecto.
    """

    range: tuple[float, float]
    monotone: bool
    smooth: bool
    zero_centred: bool
    saturation: Saturation
    positively_homogeneous: bool
    learnable: int = 0

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

    nonnegative: bool
    zero_at_target: bool
    convex: bool
    bounded_gradient: bool


def _alone(x: Tensor) -> tuple[Tensor, ...]:
    return (x,)


def _nothing(x: Tensor) -> tuple[Tensor, ...]:
    return ()


def _frozen(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Entry:
    """Una función del catálogo: la fuente única de verdad de pruebas, tablas y galería.

    Atributos:
        name: nombre de la función en :mod:`actloss.functional` (y en torch).
        module: nombre de la clase en :mod:`actloss.nn` (y en :mod:`torch.nn`).
        kind: ``"activación"`` o ``"pérdida"``.
        title: nombre en español para páginas y tablas.
        formula: la fórmula en LaTeX.
        derivative: la derivada (o el gradiente) en LaTeX.
        claim: la afirmación de las notas que demuestra su ejemplo de la galería.
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
        torch_name: la referencia de torch, si no es ``torch.nn.functional.<name>``.
        domain: intervalo de :math:`x` que se dibuja y se sondea.
        arguments: nombre que da torch a cada papel genérico cuando no es el habitual
            (``{"input": "log_probs", "target": "targets"}`` en CTC); los mensajes de
            error nombran el argumento real.
        reparametrize: si no es ``None``, la función sólo tiene el gradiente de torch
            sobre la imagen de este mapa (CTC: ``log_softmax``); ``gradcheck`` deriva
            respecto a su argumento libre ``x``, y ``make_inputs(x)[0]`` debe ser
            ``reparametrize(x)``.
        twice_differentiable: torch admite la segunda derivada (CTC no la admite).
        broadcasts_target: ``target`` se difunde con un aviso si su forma difiere
            (no en CTC, cuyos objetivos son índices de otra forma).
    """

    name: str
    module: str
    kind: Kind
    title: str
    formula: str
    derivative: str
    claim: str
    section: str
    properties: ActivationProperties | LossProperties
    make_inputs: Callable[[Tensor], tuple[Tensor, ...]] = _alone
    make_params: Callable[[Tensor], tuple[Tensor, ...]] = _nothing
    make_perfect: Callable[[Tensor], tuple[Tensor, ...]] | None = None
    variants: tuple[Mapping[str, Any], ...] = (_frozen(),)
    torch_name: str | None = None
    domain: tuple[float, float] = (-4.0, 4.0)
    module_kwargs: Mapping[str, Any] = field(default_factory=_frozen)
    arguments: Mapping[str, str] = field(default_factory=_frozen)
    reparametrize: Callable[[Tensor], Tensor] | None = None
    twice_differentiable: bool = True
    broadcasts_target: bool = True

    def argument(self, role: str) -> str:
        """El nombre en torch del argumento con papel ``role`` (``"input"``, ``"target"``)."""
        return self.arguments.get(role, role)

    @property
    def fn(self) -> Callable[..., Tensor]:
        """La función de :mod:`actloss.functional`."""
        from actloss import functional

        return getattr(functional, self.name)  # type: ignore[no-any-return]

    @property
    def torch_fn(self) -> Callable[..., Tensor]:
        """La función de referencia de torch."""
        path = self.torch_name or f"torch.nn.functional.{self.name}"
        obj: Any = torch
        for part in path.split(".")[1:]:
            obj = getattr(obj, part)
        return obj  # type: ignore[no-any-return]

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


def frozen(**kwargs: Any) -> Mapping[str, Any]:
    """Un diccionario inmutable, para variantes y argumentos de módulos."""
    return _frozen(kwargs)


def random_like(x: Tensor, offset: int = 0) -> Tensor:
    """Un tensor normal estándar reproducible con la forma y el dtype de ``x``."""
    generator = torch.Generator().manual_seed(1234 + offset + x.numel())
    return torch.randn(x.shape, generator=generator, dtype=torch.float64).to(x.dtype)
