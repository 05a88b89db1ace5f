r"""El mecanismo de las activaciones elemento a elemento: valor y derivada explícitos.

Cada activación declara su valor ``f(x)`` y su derivada ``f'(x)`` en forma
cerrada. :class:`Pointwise` usa esa derivada en la retropropagación en lugar de
dejar que autograd derive la fórmula, de modo que la derivada escrita es la que
se prueba. Como ``backward`` se construye con operaciones diferenciables, la
segunda derivada (``gradgradcheck``) también funciona.

Para gastar poco sin compilar, la retropropagación no crea más temporales de los que
pide la derivada: cuando no hay que construir un grafo de segundo orden, multiplica
``grad`` sobre el tensor que devuelve la derivada (si es un temporal nuevo). Y una
activación cuya derivada se escribe con su propia salida (:math:`\sigma' = \sigma(1 -
\sigma)`, :math:`\tanh' = 1 - \tanh^2`) la declara en ``derivative_from_output``: la
retropropagación guarda entonces la salida en vez de la entrada y no vuelve a evaluar
la función, como hace torch.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor


@dataclass(frozen=True)
class Rule:
    """Una función escalar aplicada elemento a elemento y su derivada.

    Atributos:
        value: :math:`f(x)`.
        derivative: :math:`f'(x)`, en función de la entrada.
        derivative_from_output: si no es ``None``, :math:`f'` en función de la salida
            :math:`y = f(x)`; la retropropagación la usa en lugar de ``derivative``.
        constant_pieces: :math:`f'` es constante a trozos (su propia derivada es 0 casi en
            todas partes): la retropropagación la evalúa sin grafo, también en la segunda
            derivada, y puede construirla con operaciones en el sitio.
        value_and_state: si no es ``None``, da :math:`f(x)` y un intermedio :math:`s` que
            la retropropagación guarda (como hace torch) para no volver a calcularlo.
        derivative_from_state: :math:`f'` en función de ese intermedio; la segunda
            derivada usa ``derivative`` sobre la entrada, que también se guarda.
    """

    value: Callable[[Tensor], Tensor]
    derivative: Callable[[Tensor], Tensor]
    derivative_from_output: Callable[[Tensor], Tensor] | None = None
    constant_pieces: bool = False
    value_and_state: Callable[[Tensor], tuple[Tensor, Tensor]] | None = None
    derivative_from_state: Callable[[Tensor], Tensor] | None = None


def _fresh_temporary(d: Tensor, grad: Tensor, *saved: Tensor) -> bool:
    """``d`` es un temporal propio, denso y de la forma y el dtype de ``grad``.

    Solo entonces puede recibir ``grad`` en el sitio sin cambiar ni el resultado ni
    ningún otro tensor: no es una vista (ni una difusión con pasos nulos), no comparte
    almacenamiento con lo guardado ni con ``grad`` y no pide gradiente.
    """
    if (
        d.shape != grad.shape
        or d.dtype != grad.dtype
        or d.requires_grad
        or d._base is not None
        or not d.is_contiguous()
    ):
        return False
    storage = d.untyped_storage().data_ptr()
    return all(t.untyped_storage().data_ptr() != storage for t in (grad, *saved))


class Pointwise(torch.autograd.Function):
    """``y = rule.value(x)`` con gradiente ``grad * rule.derivative(x)``."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, rule: Rule) -> Tensor:
        ctx.rule = rule
        if rule.value_and_state is not None:
            y, state = rule.value_and_state(x)
            ctx.save_for_backward(x, state)
            return y
        y = rule.value(x)
        # The derivative reads the output when the rule can: x need not be kept.
        ctx.save_for_backward(y if rule.derivative_from_output is not None else x)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        saved = ctx.saved_tensors
        rule = ctx.rule
        derivative = rule.derivative_from_output or rule.derivative
        if rule.derivative_from_state is not None and not torch.is_grad_enabled():
            d = rule.derivative_from_state(saved[1])
        elif rule.constant_pieces:
            with torch.no_grad():
                d = derivative(saved[0])
        else:
            d = derivative(saved[0])
        # Without a second-order graph, the derivative's own temporary takes the product.
        # Under torch.compile the compiler fuses the product itself, and the storage
        # checks would break the graph: keep the plain product there.
        if (
            not torch.compiler.is_compiling()
            and not torch.is_grad_enabled()
            and _fresh_temporary(d, grad, *saved)
        ):
            return d.mul_(grad), None
        return grad * d, None


def recorded(t: Tensor) -> bool:
    """Autograd registra las operaciones sobre ``t``: entonces no se escribe en el sitio."""
    return torch.is_grad_enabled() and t.requires_grad


def step(z: Tensor, low: float = 0.0, high: float = 1.0, nan: float | None = None) -> Tensor:
    r"""Escalón de Heaviside en coma flotante: 1 donde :math:`z > 0`, 0 donde :math:`z \le 0`.

    Es :math:`\min(\max(\lceil z \rceil, 0), 1)`: el techo lleva todo número positivo a
    1 o más y todo número no positivo a 0 o menos; el recorte deja solo 0 y 1. Un ``nan``
    da ``nan``, para que cada función decida con ``nan_to_num`` qué derivada le toca, como
    hace torch (o ``nan`` si se da). Con ``low`` y ``high`` da esos dos valores en lugar
    de 0 y 1: una recta lleva antes los dos lados del techo más allá de ellos, y el recorte
    los deja exactos (ninguna suma tiene que redondear a ``high``).

    Las activaciones construyen sus derivadas a trozos con este escalón y no con máscaras
    booleanas (``torch.where``, ``x > 0``): en un procesador con AVX-512, leer y escribir
    tensores ``bool`` cuesta decenas de veces más que una operación en coma flotante,
    tanto sin compilar como en el código que genera inductor cuando guarda una máscara
    entre la pasada hacia delante y la retropropagación.

    Ejemplos:
        >>> import torch
        >>> step(torch.tensor([-2.0, 0.0, 1e-30, 3.0]))
        tensor([0., 0., 1., 1.])
        >>> step(torch.tensor([-2.0, 0.0, 1e-30, float("nan")]), low=0.25, high=-3.0)
        tensor([ 0.2500,  0.2500, -3.0000,     nan])
    """
    return _two_values(z.ceil(), low, high, nan)


def step_(z: Tensor, low: float = 0.0, high: float = 1.0, nan: float | None = None) -> Tensor:
    """:func:`step` escrito en ``z``, que debe ser un temporal propio.

    Ejemplos:
        >>> import torch
        >>> step_(torch.tensor([-2.0, 0.0, 0.5, float("nan")]), low=0.25, high=-3.0)
        tensor([ 0.2500,  0.2500, -3.0000,     nan])
    """
    return _two_values(z.ceil_(), low, high, nan)


def fill_nan(z: Tensor, value: float) -> Tensor:
    """``z`` con ``value`` donde es ``nan``; los infinitos se quedan. Escribe en ``z`` sin compilar.

    Compilado, inductor comprueba ``nan_to_num`` elemento a elemento en su C++ (unas
    cinco veces más lento que una pasada vectorial), mientras que la comparación
    ``z != z`` (solo cierta en ``nan``) se vectoriza y se funde con el resto del núcleo.
    Sin compilar es al revés: ``nan_to_num_`` es una pasada y la comparación crearía una
    máscara booleana (véase :func:`step`).

    Ejemplos:
        >>> import torch
        >>> fill_nan(torch.tensor([1.0, float("nan"), float("-inf")]), 0.5)
        tensor([1.0000, 0.5000,   -inf])
    """
    if torch.compiler.is_compiling():
        return torch.where(z != z, z.new_full((), value), z)
    return z.nan_to_num_(nan=value, posinf=math.inf, neginf=-math.inf)


def _fill_nan(z: Tensor, nan: float | None, low: float, high: float) -> Tensor:
    """Escribe ``nan`` donde ``z`` (que solo vale ``low`` o ``high``) es ``nan``."""
    if nan is None:
        return z
    if torch.compiler.is_compiling():
        # fmin and fmax skip nan in one vector instruction (without compiling they are
        # slower than nan_to_num_: see ``step``).
        if nan >= max(low, high):
            return torch.fmin(z, z.new_full((), nan))
        if nan <= min(low, high):
            return torch.fmax(z, z.new_full((), nan))
    return fill_nan(z, nan)


def _two_values(z: Tensor, low: float, high: float, nan: float | None) -> Tensor:
    """Lleva ``z`` (enteros :math:`\\le 0` o :math:`\\ge 1`, o ``nan``) a ``low`` o ``high``."""
    if low <= high:
        if not (low >= 0 and high <= 1):
            # B lies below ``low`` and A + B above ``high``, by at least 1.
            bias = low - abs(low) - 1
            z.mul_(high - bias + abs(high) + 1).add_(bias)
        return _fill_nan(z.clamp_(low, high), nan, low, high)
    bias = low + abs(low) + 1  # a decreasing line: B above ``low``, A + B below ``high``
    z.mul_(high - bias - abs(high) - 1).add_(bias).clamp_(high, low)
    return _fill_nan(z, nan, low, high)


def _next_float(value: float, toward: float, dtype: torch.dtype) -> float:
    """El número de ``dtype`` siguiente a ``value`` (redondeado a ``dtype``) hacia ``toward``.

    En Python puro (``math``, ``struct``), para que ``torch.compile`` lo trace sin cortes.
    """
    if dtype == torch.float64:
        return math.nextafter(value, toward)
    if dtype != torch.float32:  # only float32 and float64 reach the activations' kernels
        bounds = torch.tensor([value, toward], dtype=dtype)
        return float(torch.nextafter(bounds[0], bounds[1]))
    try:
        value = struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:  # beyond float32's range it rounds to an infinity
        value = math.copysign(math.inf, value)
    if value == toward or math.isnan(value):
        return value
    if value == 0:
        return math.copysign(2.0**-149, toward - value)
    bits = struct.unpack("<i", struct.pack("<f", value))[0]
    bits += 1 if (toward > value) == (value > 0) else -1  # the magnitude grows or shrinks
    return float(struct.unpack("<f", struct.pack("<i", bits))[0])


def strict_neighbours(lo: float, hi: float, dtype: torch.dtype) -> tuple[float, float] | None:
    """Los números de ``dtype`` más cercanos a ``lo`` y ``hi`` por dentro; ``None`` si no hay."""
    first, last = _next_float(lo, hi, dtype), _next_float(hi, lo, dtype)
    return (first, last) if lo < first <= last < hi else None


def interval(
    x: Tensor,
    lo: float,
    hi: float,
    inside: float,
    outside: float,
    open: bool = False,
    nan: float | None = None,
) -> Tensor:
    r"""``inside`` donde :math:`lo \le x \le hi`, ``outside`` en el resto y ``nan`` en ``nan``.

    Con ``open=True`` el intervalo es abierto, :math:`lo < x < hi`; ``nan``, si se da,
    es el valor en las entradas ``nan``. Usa un solo temporal:
    :math:`|\operatorname{clamp}(x, lo, hi) - x|` es 0 exactamente dentro y positivo
    fuera (el intervalo abierto recorta a los vecinos de ``lo`` y ``hi``), y
    :func:`step_` lo convierte en los dos valores; véase :func:`step` para el porqué.

    Ejemplos:
        >>> import torch
        >>> interval(torch.tensor([-1.0, 0.0, 1.0, 2.0]), -1.0, 1.0, 1.0, 0.0, open=True)
        tensor([0., 1., 0., 0.])
    """
    if open:
        neighbours = strict_neighbours(lo, hi, x.dtype)
        if neighbours is None:  # an empty open interval: everything is outside
            return _fill_nan(x.clamp(0, 0).add_(outside), nan, outside, outside)
        lo, hi = neighbours
    if outside == 0 and nan == 0 and not torch.compiler.is_compiling():
        # Without compiling, a comparison written as floats is one fast pass (nan is not
        # equal to itself: 0); compiled, it could become a saved mask (see ``step``).
        indicator = x.clamp(lo, hi).eq_(x)
        return indicator if inside == 1 else indicator.mul_(inside)
    distance = x.clamp(lo, hi).sub_(x).abs_()
    if nan == inside and 0 in (inside, outside):
        # The sign of the distance is 0 inside and 1 outside, and torch's sign(nan) is 0:
        # nan lands inside, as asked. v (1 - u) and v u are exact.
        outside_one = distance.sign_()
        if outside == 0:
            return outside_one.mul_(-inside).add_(inside)
        return outside_one.mul_(outside)
    return step_(distance, low=inside, high=outside, nan=nan)


_through_formula = False


@contextmanager
def autograd_through_formula() -> Iterator[None]:
    """Dentro del bloque, autograd deriva la fórmula del valor en vez de usar la derivada escrita.

    Sirve a las pruebas: la derivada escrita debe coincidir con la que autograd obtiene
    derivando ``rule.value`` operación a operación.
    """
    global _through_formula
    previous, _through_formula = _through_formula, True
    try:
        yield
    finally:
        _through_formula = previous


def _evaluate(rule: Rule, x: Tensor) -> Tensor:
    if _through_formula:
        return rule.value(x)
    return Pointwise.apply(x, rule)  # type: ignore[no-untyped-call,no-any-return]


def apply(rule: Rule, x: Tensor, inplace: bool = False) -> Tensor:
    """Aplica ``rule`` a ``x``; con ``inplace=True`` escribe el resultado en ``x``.

    Para la versión en el sitio, la entrada original se conserva (una copia)
    solo si autograd la necesita para la derivada: no cuando la derivada se escribe
    con la salida. Así ``x`` puede sobrescribirse sin invalidar el grafo.
    """
    if not inplace:
        return _evaluate(rule, x)
    keep_input = (
        torch.is_grad_enabled()
        and x.requires_grad
        and (rule.derivative_from_output is None or _through_formula)
    )
    return x.copy_(_evaluate(rule, x.clone() if keep_input else x))
