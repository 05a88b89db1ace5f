r"""Los núcleos de la capa rápida: cada truco de rendimiento, una vez y con su porqué.

:mod:`actloss.reference` escribe cada función como la escribe un libro de texto, y esa es
su definición. :mod:`actloss.functional` da los mismos números (las pruebas lo comparan
con ella y con torch), pero tan deprisa como torch y ocupando la misma memoria. Lo que
hace falta para eso vive aquí, con nombres que dicen qué calculan y no cómo; un módulo
de familia comprueba los argumentos y llama a estas piezas. Las cifras están en la
página :doc:`/rendimiento`.

- **Sin máscaras booleanas.** En un procesador con AVX-512, leer y escribir tensores
  ``bool`` (``torch.where``, ``x > 0``) cuesta decenas de veces más que una operación en
  coma flotante, sin compilar y en el código que genera inductor cuando guarda una
  máscara entre la pasada hacia delante y la retropropagación. Las derivadas a trozos se
  escriben con escalones en coma flotante: :func:`step`, :func:`interval`,
  :func:`fill_nan` y las comparaciones escritas como números (:func:`greater`,
  :func:`not_at_most`, :func:`positive_indicator`).
- **Un temporal por sentido.** Las fórmulas trabajan en el sitio sobre sus propios
  temporales (:func:`writable` copia solo cuando autograd graba la fórmula); la
  retropropagación multiplica ``grad`` sobre el temporal de la derivada
  (:func:`fresh_temporary`), y una derivada que necesita más de un temporal se evalúa por
  bloques (:func:`low_memory`). Así cada sentido ocupa lo que el de torch.
- **Una exponencial.** :math:`e^{x} = 2^{x \log_2 e}`: en esta CPU ``exp2`` cuesta un
  tercio de ``exp`` (:func:`exp`, :func:`exp_`, :func:`sigmoid`); la tangente
  hiperbólica usa una sola ``expm1`` (:func:`tanh`).
- **Media precisión en float32.** ``float16`` y ``bfloat16`` se evalúan en ``float32`` y
  se redondean una vez (:func:`in_float32`), como los núcleos de torch en la CPU.
- **Las trampas de inductor.** Compilado (:func:`compiled`), todo se invierte: inductor
  funde comparaciones y máscaras sin coste, pero guarda como máscara una comparación que
  la retropropagación reutiliza; comprueba ``nan_to_num`` elemento a elemento en su C++
  (unas cinco veces más lento que una pasada vectorial); y una escritura en el sitio
  sobre almacenamiento ajeno, o leer un valor desde Python, cortan el grafo. Cada pieza
  de aquí elige su forma compilada (:func:`in_place`).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor
from torch._subclasses.fake_tensor import FakeTensor  # private, but the class fake tensors have

from actloss.functional._transforms import closed, transformed
from actloss.reference import _smooth as definitions

# --- when to write in place, and under the compiler -------------------------------------


def compiled() -> bool:
    """``torch.compile`` está trazando: inductor fundirá las operaciones en pocos bucles.

    Ahí las máscaras y las comparaciones no cuestan nada, y las escrituras en el sitio y
    las lecturas desde Python (``bool(t)``, ``int(t)``) cortan el grafo.
    """
    return torch.compiler.is_compiling()


def unreadable(t: Tensor) -> bool:
    """Los valores de ``t`` no se pueden leer desde Python: se está compilando (leerlos
    cortaría el grafo), o ``t`` solo tiene forma y dtype: está en el dispositivo ``meta``
    o es un tensor falso (``FakeTensorMode``, ``make_fx``, ``torch.export`` no estricto).
    Ahí torch tampoco comprueba valores desde Python."""
    return compiled() or t.is_meta or isinstance(t, FakeTensor)


def is_nan(value: float) -> bool:
    """``math.isnan(value)``, escrito como comparación: con ``torch.compile(dynamic=True)``
    un argumento ``float`` llega como número simbólico, y dynamo no traza ``math.isnan``
    sobre él pero sí una comparación, que guarda sin depender de las formas."""
    return bool(value != value)


def is_finite(value: float) -> bool:
    """``math.isfinite(value)``, escrito como comparación (véase :func:`is_nan`). Un
    complejo da ``TypeError``, como allí; un entero pasa por ``math.isfinite`` para dar su
    ``OverflowError`` si no cabe en un float, como torch."""
    if isinstance(value, int):
        return math.isfinite(value)
    return bool(-math.inf < value < math.inf)


def result_type(a: Tensor, b: Tensor) -> torch.dtype:
    """``torch.result_type(a, b)``, también al compilar: dynamo no traza esa función (no
    devuelve un tensor), pero sí el dtype de un producto de dos tensores vacíos con las
    dimensiones y los dtypes de ``a`` y ``b`` (las mismas reglas), que inductor descarta."""
    if not compiled():
        return torch.result_type(a, b)
    return (a.new_empty((0,) * a.dim()) * b.new_empty((0,) * b.dim())).dtype


def check(condition: Tensor, error: type[Exception], message: str) -> None:
    """Falla con ``error`` si ``condition`` (un tensor booleano de un elemento) es falso.

    Al compilar, leer el valor cortaría el grafo: la comprobación queda dentro de él
    (``torch._assert_async``) y, como en las pérdidas compiladas de torch, el código
    compilado se detiene con ``RuntimeError``.
    """
    if unreadable(condition):
        torch._assert_async(condition, message)
    elif not bool(condition):
        raise error(message)


def in_place(grad: Tensor | None = None) -> bool:
    """Una retropropagación puede escribir en sus temporales: sin grafo de segundo orden
    (autograd no graba), sin compilar (inductor funde el producto por su cuenta), sin
    transformaciones de torch.func (:func:`transformed`) y con un ``grad`` sin lote
    (:func:`out_of_place`)."""
    return not compiled() and not out_of_place(grad) and not transformed()


def out_of_place(grad: Tensor | None = None) -> bool:
    """La retropropagación no puede escribir en sus temporales: autograd graba un grafo de
    segundo orden, o ``grad`` lleva un lote.

    ``torch.autograd.functional.jacobian(..., vectorize=True)`` (y ``autograd.grad`` con
    ``is_grads_batched=True``) vectoriza la retropropagación con el ``vmap`` antiguo de
    torch: el ``grad`` que llega es un tensor con lote, torch.func no está activo y un
    producto en el sitio sobre un temporal sin lote falla. Se pregunta a ``grad`` con una
    función privada de torch, la que distingue ese lote antiguo (unos cien nanosegundos,
    una vez por retropropagación); compilando no se pregunta: dynamo no sabe trazarla y
    ese lote no llega ahí.
    """
    if torch.is_grad_enabled():
        return True
    return grad is not None and not compiled() and torch._C._functorch.is_legacy_batchedtensor(grad)


def recorded(t: Tensor) -> bool:
    """Autograd registra las operaciones sobre ``t``, o una transformación de torch.func las
    sigue (:func:`transformed`): entonces no se escribe en el sitio ni con ``out=``."""
    return (torch.is_grad_enabled() and t.requires_grad) or transformed()


def writable(t: Tensor) -> Tensor:
    """``t``, para escribir en él en el sitio; una copia si autograd está grabando un grafo.

    Las fórmulas trabajan en el sitio sobre sus temporales (una pasada y una reserva
    menos). Cuando autograd deriva la fórmula (segunda derivada, o
    :func:`~actloss.functional._pointwise.autograd_through_formula`), un tensor que una
    operación guardó para su retropropagación no puede cambiar: antes se copia.
    """
    return t.clone() if torch.is_grad_enabled() else t


def tied(d: Tensor, x: Tensor) -> Tensor:
    """``d``, una derivada constante a trozos de ``x``, unida a ``x`` en el grafo cuando
    autograd graba uno de segundo orden (``create_graph=True``), con derivada 0.

    Así hace torch (``threshold_backward`` depende de su entrada): el gradiente queda en
    el grafo y se puede retropropagar por él, aunque su propia derivada sea nula. Se une
    con ``where`` y no con ``0 * x``, que daría ``nan`` donde ``x`` es infinita.
    """
    if not (torch.is_grad_enabled() and x.requires_grad):
        return d
    return d + torch.where(torch.zeros_like(x, dtype=torch.bool), x, 0)


def fresh_temporary(d: Tensor, grad: Tensor, *saved: Tensor) -> bool:
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


# A derivative is evaluated by pieces from this many elements on.
LOW_MEMORY_FROM = 1 << 16


def low_memory(fn: Callable[..., Tensor], blocks: int) -> Callable[[Tensor], Tensor]:
    """``fn(x, out)`` evaluada por ``blocks`` bloques, cada uno escrito en su parte del resultado.

    Para una derivada que necesita temporales además de su resultado: por bloques, cada
    temporal es una fracción del tensor, y la retropropagación ocupa, además de ``grad``,
    un tensor completo, como la de torch. ``fn`` escribe su primera operación en ``out``
    (si se da) y trabaja ahí en el sitio. Solo sin compilar y sin grafo: inductor funde la
    fórmula de todos modos.
    """

    def wrapped(x: Tensor) -> Tensor:
        n = x.numel()
        if n < LOW_MEMORY_FROM or not x.is_contiguous() or not in_place():
            return fn(x)
        result = torch.empty_like(x, memory_format=torch.contiguous_format)
        flat_x, flat_result = x.view(-1), result.view(-1)
        size = -(-n // blocks)
        for start in range(0, n, size):
            out = flat_result[start : start + size]
            block = fn(flat_x[start : start + size], out)
            if block.data_ptr() != out.data_ptr():
                out.copy_(block)
        return result

    return wrapped


def scaled(x: Tensor, c: float, out: Tensor | None = None) -> Tensor:
    """``x * c``, escrito en ``out`` si se da."""
    return x.mul(c) if out is None else torch.mul(x, c, out=out)


# --- half precision ------------------------------------------------------------------------

HALF_PRECISION = (torch.float16, torch.bfloat16)


def in_float32(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """``fn(x, ...)`` evaluada en ``float32`` cuando ``x`` es de media precisión.

    El resultado se redondea una vez al dtype de ``x``, como hacen los núcleos de torch en
    la CPU; los umbrales se comparan en ``float32``, no redondeados a la entrada.
    """

    def wrapped(x: Tensor, *args: Any) -> Tensor:
        if x.dtype in HALF_PRECISION:
            return fn(x.float(), *args).to(x.dtype)
        return fn(x, *args)

    return wrapped


# --- steps, intervals and nan, without boolean masks ------------------------------------


def step(z: Tensor, low: float = 0.0, high: float = 1.0, nan: float | None = None) -> Tensor:
    r"""Escalón de Heaviside en coma flotante: 1 donde :math:`z > 0`, 0 donde :math:`z \le 0`.

    Es :math:`\min(\max(\lceil z \rceil, 0), 1)`: el techo lleva todo número positivo a
    1 o más y todo número no positivo a 0 o menos; el recorte deja solo 0 y 1. Un ``nan``
    da ``nan``, para que cada función decida con ``nan_to_num`` qué derivada le toca, como
    hace torch (o ``nan`` si se da). Con ``low`` y ``high`` da esos dos valores en lugar
    de 0 y 1: una recta lleva antes los dos lados del techo más allá de ellos, y el recorte
    los deja exactos (ninguna suma tiene que redondear a ``high``).

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
    máscara booleana.

    Ejemplos:
        >>> import torch
        >>> fill_nan(torch.tensor([1.0, float("nan"), float("-inf")]), 0.5)
        tensor([1.0000, 0.5000,   -inf])
    """
    if compiled():
        return torch.where(z != z, z.new_full((), value), z)
    return z.nan_to_num_(nan=value, posinf=math.inf, neginf=-math.inf)


def _nan_to(z: Tensor, nan: float | None, low: float, high: float) -> Tensor:
    """Escribe ``nan`` donde ``z`` (que solo vale ``low`` o ``high``) es ``nan``."""
    if nan is None:
        return z
    if compiled():
        # fmin and fmax skip nan in one vector instruction (without compiling they are
        # slower than nan_to_num_).
        if nan >= max(low, high):
            return torch.fmin(z, z.new_full((), nan))
        if nan <= min(low, high):
            return torch.fmax(z, z.new_full((), nan))
    return fill_nan(z, nan)


# The rounding step of each floating dtype: whether a line through the step stays exact.
_EPS = {dtype: torch.finfo(dtype).eps for dtype in (*HALF_PRECISION, torch.float32, torch.float64)}


def _two_values(z: Tensor, low: float, high: float, nan: float | None) -> Tensor:
    """Lleva ``z`` (enteros :math:`\\le 0` o :math:`\\ge 1`, o ``nan``) a ``low`` o ``high``.

    Sobre el temporal ``z``, una recta y un recorte, en el sitio. Si ``low`` o ``high`` son
    tan grandes que la recta redondearía el 1 del techo (con :math:`|a| \\ge 10^3` en
    ``bfloat16``), o bajo torch.func (``vmap`` no tiene regla para ``clamp_``), se usa
    :math:`(1 - w)\\,\\text{low} + w\\,\\text{high}` con :math:`w \\in \\{0, 1\\}`, exacta,
    sin escribir en el sitio y sin convertir una cota grande al dtype de ``z``.
    """
    inside_unit = low <= high and low >= 0 and high <= 1
    if transformed() or (
        not inside_unit and (abs(low) + abs(high) + 1) * 8 * _EPS.get(z.dtype, 1.0) >= 1
    ):
        w = z.clamp(0, 1)
        if not (low == 0 and high == 1):
            w = (1 - w) * low + w * high
        return _nan_to(w, nan, low, high)
    if low <= high:
        if not (low >= 0 and high <= 1):
            # B lies below ``low`` and A + B above ``high``, by at least 1.
            bias = low - abs(low) - 1
            z.mul_(high - bias + abs(high) + 1).add_(bias)
        return _nan_to(z.clamp_(low, high), nan, low, high)
    bias = low + abs(low) + 1  # a decreasing line: B above ``low``, A + B below ``high``
    z.mul_(high - bias - abs(high) - 1).add_(bias).clamp_(high, low)
    return _nan_to(z, nan, low, high)


def next_float(value: float, toward: float, dtype: torch.dtype) -> float:
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
    if value == toward or is_nan(value):
        return value
    if value == 0:
        return math.copysign(2.0**-149, toward - value)
    bits = struct.unpack("<i", struct.pack("<f", value))[0]
    bits += 1 if (toward > value) == (value > 0) else -1  # the magnitude grows or shrinks
    return float(struct.unpack("<f", struct.pack("<i", bits))[0])


def strict_neighbours(lo: float, hi: float, dtype: torch.dtype) -> tuple[float, float] | None:
    """Los números de ``dtype`` más cercanos a ``lo`` y ``hi`` por dentro; ``None`` si no hay."""
    first, last = next_float(lo, hi, dtype), next_float(hi, lo, dtype)
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
    :func:`step_` lo convierte en los dos valores.

    Ejemplos:
        >>> import torch
        >>> interval(torch.tensor([-1.0, 0.0, 1.0, 2.0]), -1.0, 1.0, 1.0, 0.0, open=True)
        tensor([0., 1., 0., 0.])
    """
    if open:
        neighbours = strict_neighbours(lo, hi, x.dtype)
        if neighbours is None:  # an empty open interval: everything is outside
            return _nan_to(x.clamp(0, 0).add_(outside), nan, outside, outside)
        lo, hi = neighbours
    if outside == 0 and nan == 0 and not compiled() and not transformed():
        # Without compiling, a comparison written as floats is one fast pass (nan is not
        # equal to itself: 0); compiled, it could become a saved mask.
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


def greater(x: Tensor, bound: float) -> Tensor:
    """``x > bound`` escrito en coma flotante (1 o 0; 0 en ``nan``), sin tensor ``bool``.

    Sirve para valores: la retropropagación no lo reutiliza, así que al compilar no se
    guarda como máscara.
    """
    if transformed():  # vmap and forward AD refuse out=
        return torch.gt(x, bound).to(x.dtype)
    return torch.gt(x, bound, out=torch.empty_like(x))


def not_at_most(x: Tensor, bound: float, fresh: bool = False) -> Tensor:
    """``not x <= bound`` en coma flotante: 1 donde ``x > bound`` y donde ``x`` es ``nan``.

    Sin compilar, una comparación escrita en coma flotante; al compilar, el escalón de
    :func:`step`, para que no se guarde una máscara. ``fresh`` dice que ``x`` es un
    temporal propio que puede sobrescribirse.
    """
    if compiled() or transformed():  # transformed: vmap and forward AD refuse out=
        return step_(x - bound if not fresh else x.sub_(bound), nan=1.0)
    at_most = x.le_(bound) if fresh else torch.le(x, bound, out=torch.empty_like(x))
    return at_most.neg_().add_(1)


def positive_indicator(y: Tensor) -> Tensor:
    """Para ``y`` :math:`\\ge 0` (o ``nan``), como la salida de ReLU: 1 donde ``y > 0`` o
    es ``nan`` y 0 donde es 0, en coma flotante."""
    if compiled() or transformed():  # a saved mask; vmap and forward AD refuse out=
        return step(y, nan=1.0)
    return torch.ne(y, 0, out=torch.empty_like(y))  # one pass, written as floats


# --- one exponential: e^x as 2^(x log2 e) ---------------------------------------------------

# On this CPU torch's exp2 takes a third of the time of exp. The rounding of x log2 e adds
# a relative error of about |x| eps / 2: in float32, some tens of ulps in the far tails
# (sigmoid, softplus, logsigmoid, softmax's smallest probabilities near |x| = 80), where
# torch's exp stays within about 2. The tests compare with assert_close's defaults
# (float32: rtol 1.3e-6, about 11 ulps, and atol 1e-5, which covers such tiny tails), so
# they do not see it. expm1 stays where accuracy near 0 matters (tanh, ELU).
LOG2E = 1 / math.log(2)


def exp(x: Tensor, scale: float = 1.0, out: Tensor | None = None) -> Tensor:
    r""":math:`e^{\text{scale}\cdot x}` en un tensor nuevo (o en ``out``)."""
    return scaled(x, scale * LOG2E, out).exp2_()


def exp_(t: Tensor, scale: float = 1.0) -> Tensor:
    r""":math:`e^{\text{scale}\cdot t}`, escrito en ``t`` (un temporal propio)."""
    return t.mul_(scale * LOG2E).exp2_()


def _sigmoid_base2_(t: Tensor) -> Tensor:
    r""":math:`1 / (1 + 2^t)`, escrito en ``t``: la sigmoide de :math:`-t \ln 2`. Donde
    :math:`2^t` desborda a infinito da exactamente 0, su límite, y nunca ``nan``."""
    return writable(t.exp2_()).add_(1).reciprocal_()


def sigmoid(x: Tensor, scale: float = 1.0, out: Tensor | None = None) -> Tensor:
    r""":math:`\sigma(\text{scale}\cdot x) = 1/(1 + e^{-\text{scale}\cdot x})` en un temporal
    (``out`` si se da), como el núcleo de torch: sin ``nan`` donde la exponencial desborda."""
    return _sigmoid_base2_(scaled(x, -scale * LOG2E, out))


def sigmoid_(t: Tensor, scale: float = 1.0) -> Tensor:
    r""":math:`\sigma(\text{scale}\cdot t)`, escrito en ``t`` (un temporal propio)."""
    return _sigmoid_base2_(t.mul_(-scale * LOG2E))


def sigmoid_of_sum_(z: Tensor, a: float, x: Tensor, b: float) -> Tensor:
    r""":math:`\sigma(a z + b x)`, escrito en ``z`` (un temporal propio)."""
    return _sigmoid_base2_(z.mul_(-a * LOG2E).sub_(x, alpha=b * LOG2E))


def tanh(x: Tensor) -> Tensor:
    r""":math:`\tanh x` con una sola ``expm1`` y sin desbordamientos.

    :math:`\tanh|x| = -m / (2 + m)` con :math:`m = e^{-2|x|} - 1 \in [-1, 0]`: exacta
    cerca de 0; ``copysign`` devuelve el signo de :math:`x` (también el de ``-0.0``).
    """
    m = x.abs().mul_(-2).expm1_()
    return writable(m).div_(m + 2).copysign_(x)


def logsigmoid(x: Tensor) -> Tensor:
    r""":math:`\log\sigma(x) = \min(x, 0) - \log(1 + e^{-|x|})`: nunca :math:`\log 0` ni
    :math:`e^{+\text{grande}}`."""
    soft = writable(exp_(x.abs(), -1.0)).log1p_()
    return x.clamp_max(0).sub_(soft)


def logsigmoid_closed(x: Tensor) -> Tensor:
    r""":func:`logsigmoid` con su derivada escrita, :math:`\sigma(-x)`, para las fórmulas que
    se usan bajo torch.func (:class:`~actloss.functional._transforms.Closed`): la de
    ``clamp_max`` y ``abs`` en 0 no es la de :math:`\log\sigma`."""
    return closed(
        logsigmoid, (lambda t: torch.exp(logsigmoid(-t)),), x, definition=definitions.logsigmoid
    )


def logistic_loss_gradients(
    x: Tensor, y: Tensor, grad: Tensor, need_x: bool, need_y: bool
) -> tuple[Tensor | None, Tensor | None]:
    """``grad`` por las derivadas de :math:`-[y \\log\\sigma(x) + (1 - y)\\log\\sigma(-x)]`
    respecto a ``x`` (:math:`\\sigma(x) - y`) y a ``y`` (:math:`-x`), sin grafo: la sigmoide
    con una exponencial y sin máscara, y en el mismo temporal."""
    grad_x = sigmoid(x).sub_(y).mul_(grad) if need_x else None
    grad_y = torch.mul(x, grad).neg_() if need_y else None
    return grad_x, grad_y


class LogisticTerms(torch.autograd.Function):
    """:math:`-[y \\log\\sigma(x) + (1 - y) \\log\\sigma(-x)]` elemento a elemento.

    Las dos log-sigmoides comparten :math:`s = \\log(1 + e^{-|x|})`:
    :math:`-\\log\\sigma(x) = s - \\min(x, 0)` y :math:`-\\log\\sigma(-x) = s + \\max(x, 0)`,
    con una sola exponencial. Las derivadas son :math:`\\sigma(x) - y` y :math:`-x`.
    """

    @staticmethod
    def forward(ctx: Any, x: Tensor, y: Tensor) -> Tensor:
        ctx.save_for_backward(x, y)
        shared = x.abs().neg_().exp_().log1p_()
        against = torch.clamp_max(x, 0).neg_().add_(shared)  # -log sigma(x)
        towards = shared.add_(x.clamp_min(0))  # -log sigma(-x)
        return torch.rsub(y, 1).mul_(towards).add_(against.mul_(y))

    @staticmethod
    def formula(x: Tensor, y: Tensor) -> Tensor:
        """Lo mismo sin escribir en el sitio, bajo torch.func
        (:func:`~actloss.functional._transforms.run`)."""
        return -(y * logsigmoid_closed(x) + (1 - y) * logsigmoid_closed(-x))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None]:
        x, y = ctx.saved_tensors
        if out_of_place(grad):  # double backward: the same formulas, out of place
            return (torch.exp(logsigmoid(x)) - y) * grad, -x * grad
        return logistic_loss_gradients(x, y, grad, *ctx.needs_input_grad[:2])
