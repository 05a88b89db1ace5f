"""Utilidades compartidas por las pruebas: casos de entrada y llamadas simétricas a torch."""

from __future__ import annotations

import contextlib
import inspect
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
import torch
from torch import Tensor

from actloss import catalog
from actloss.catalog import Entry

ALL_ENTRIES = list(catalog.CATALOG.values())
# The generic tests call ``fn(input, target)``; layers with their own parameters
# (``Entry.module_only``) are tested by their family's tests instead.
ENTRIES = [e for e in ALL_ENTRIES if not e.module_only]
ACTIVATIONS = [e for e in catalog.activations() if not e.module_only]
LOSSES = [e for e in catalog.losses() if not e.module_only]
FLOAT_DTYPES = (torch.float32, torch.float64)


def variant_id(variant: Mapping[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in variant.items()) or "defecto"


def with_variants(entries: list[Entry], first_only: bool = False) -> list[Any]:
    """Parámetros ``(entry, variant)`` con identificadores legibles; con ``first_only``, solo
    la primera variante de cada función."""
    return [
        pytest_param(entry, variant, id=f"{entry.name}[{variant_id(variant)}]")
        for entry in entries
        for variant in (entry.variants[:1] if first_only else entry.variants)
    ]


def pytest_param(*values: Any, id: str) -> Any:
    import pytest

    return pytest.param(*values, id=id)


def _special(dtype: torch.dtype) -> Tensor:
    inf, nan = float("inf"), float("nan")
    return torch.tensor([[inf, -inf, nan, 0.0], [-0.0, 1.0, -1.0, 0.5]], dtype=dtype)


def _large(dtype: torch.dtype) -> Tensor:
    big = 1e30 if dtype == torch.float32 else 1e300
    return torch.tensor([[big, -big, 1e4], [-1e4, 3.0, -3.0]], dtype=dtype)


def _seeded(*shape: int, dtype: torch.dtype) -> Tensor:
    generator = torch.Generator().manual_seed(sum(shape) + 7)
    return torch.randn(shape, generator=generator, dtype=torch.float64).to(dtype)


# Each case builds the primary input ``x`` for a given dtype.
CASES: dict[str, Callable[[torch.dtype], Tensor]] = {
    "matriz": lambda d: _seeded(4, 5, dtype=d),
    "escalar": lambda d: _seeded(dtype=d).reshape(()),
    "vacio": lambda d: torch.empty(0, 3, dtype=d),
    "no_contiguo": lambda d: _seeded(5, 4, dtype=d).t(),
    "expandido": lambda d: _seeded(4, 1, dtype=d).expand(4, 5),
    "grande": _large,
    "especiales": _special,
}


def arguments(entry: Entry, x: Tensor) -> tuple[tuple[Tensor, ...], tuple[Tensor, ...]]:
    """Los tensores de ``forward`` y los parámetros de la función, para la entrada ``x``."""
    return entry.make_inputs(x), entry.make_params(x)


def detached_leaves(tensors: tuple[Tensor, ...]) -> tuple[Tensor, ...]:
    """Copias independientes que piden gradiente si son de coma flotante."""
    return tuple(t.detach().clone().requires_grad_(t.is_floating_point()) for t in tensors)


def run(
    fn: Callable[..., Tensor],
    tensors: tuple[Tensor, ...],
    variant: Mapping[str, Any],
    grad_output_seed: int = 0,
) -> tuple[Tensor, list[Tensor | None]]:
    """Evalúa ``fn`` y retropropaga un gradiente de salida reproducible."""
    leaves = detached_leaves(tensors)
    out = fn(*leaves, **variant)
    grads: list[Tensor | None] = [None] * len(leaves)
    differentiable = [t for t in leaves if t.requires_grad]
    if out.requires_grad and differentiable:
        generator = torch.Generator().manual_seed(grad_output_seed)
        grad_out = torch.randn(out.shape, generator=generator, dtype=torch.float64).to(out.dtype)
        found = torch.autograd.grad(out, differentiable, grad_out, allow_unused=True)
        found_iter = iter(found)
        grads = [next(found_iter) if t.requires_grad else None for t in leaves]
    return out.detach(), grads


def run_like_torch(
    entry: Entry, tensors: tuple[Tensor, ...], variant: Mapping[str, Any]
) -> tuple[tuple[Tensor, list[Tensor | None]], tuple[Tensor, list[Tensor | None]]] | None:
    """:func:`run` con la de actloss y con la de torch: ``(nuestro, suyo)``. Si torch rechaza
    la llamada, actloss debe rechazarla con la misma clase, y se devuelve ``None``."""
    try:
        theirs = run(entry.torch_fn, tensors, variant)
    except Exception as refusal:
        with pytest.raises(type(refusal)):
            run(entry.fn, tensors, variant)
        return None
    return run(entry.fn, tensors, variant), theirs


def assert_gradients_match(
    ours: list[Tensor | None],
    theirs: list[Tensor | None],
    close: Callable[[Tensor, Tensor], None],
) -> None:
    """Cada gradiente igual al de torch según ``close``; donde torch no da ninguno, el
    nuestro tampoco, o es cero."""
    for mine, ref in zip(ours, theirs, strict=True):
        if ref is None:
            assert mine is None or not mine.any()
        else:
            assert mine is not None
            close(mine, ref)


def accepts(fn: Callable[..., Any], name: str) -> bool:
    """``fn`` tiene un parámetro llamado ``name``."""
    return name in inspect.signature(fn).parameters


def value_undefined(entry: Entry, tensors: tuple[Tensor, ...], variant: Mapping[str, Any]) -> bool:
    """torch devuelve memoria sin inicializar: una pérdida reducida sobre un lote vacío."""
    return (
        entry.quirks.empty_reduction_undefined
        and tensors[0].numel() == 0
        and variant.get("reduction", "mean") != "none"
    )


# The mathematical identities that go through log, exp, tanh, erf or pow hold only up to
# rounding: SLEEF, MKL and glibc round their last bit differently, and which of them runs
# depends on the CPU (AVX2, AVX-512) and on ATEN_CPU_CAPABILITY / MKL_CBWR. Four ulps of
# the dtype cover that; the bugs these tests look for are far larger.
ULPS = 4


def ulp_tolerance(dtype: torch.dtype, scale: float = 1.0, ulps: int = ULPS) -> float:
    """``ulps`` pasos de redondeo de ``dtype`` a la escala ``scale`` (por defecto, 1)."""
    return ulps * torch.finfo(dtype).eps * scale


def assert_close_ulps(
    actual: Tensor, expected: Tensor, ulps: int = ULPS, scale: float = 0.0
) -> None:
    """``actual`` es ``expected`` salvo ``ulps`` pasos de redondeo relativos de su dtype.

    ``scale`` añade una tolerancia absoluta de ``ulps`` pasos a esa escala: la de los
    términos que se restan cuando el valor esperado es 0 (o cerca de 0).
    """
    rtol = ulp_tolerance(actual.dtype, ulps=ulps)
    atol = ulp_tolerance(actual.dtype, scale, ulps)
    torch.testing.assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=True)


def is_zero_within_ulps(values: Tensor, scale: float = 1.0, ulps: int = ULPS) -> Tensor:
    """Qué elementos son 0 salvo ``ulps`` pasos de redondeo a la escala ``scale``."""
    return values.abs() <= ulp_tolerance(values.dtype, scale, ulps)


# The warnings the generic tests provoke on purpose, each given by actloss (in Spanish) and
# by torch (in English): an implicit ``dim``, kl_div's 'mean', the legacy size_average and
# reduce, and a target whose size differs from the input's. Any other warning is an error.
PROVOKED_WARNINGS = (
    "no se dio el argumento `dim`",
    "Implicit dimension choice",
    "kl_div: reduction='mean'",
    "reduction: 'mean' divides",
    "`size_average` y `reduce` están obsoletos",
    "size_average and reduce args will be deprecated",
    "`target` tiene tamaño",
    "Using a target size",
)


@contextlib.contextmanager
def provoked_warnings() -> Iterator[None]:
    """Silencia solo los avisos de ``PROVOKED_WARNINGS``; los demás siguen siendo errores."""
    with warnings.catch_warnings():
        for text in PROVOKED_WARNINGS:
            pattern = ".*" + re.escape(text)
            warnings.filterwarnings("ignore", message=pattern, category=UserWarning)
        yield


def intended_warning(entry: Entry, variant: Mapping[str, Any]) -> str | None:
    """El aviso que la llamada debe dar, como torch, o ``None``.

    Un ``dim`` implícito en softmax, softmin y log_softmax (las que tienen ``_stacklevel``)
    y ``reduction='mean'`` en kl_div. El patrón casa con el mensaje de actloss y con el de
    torch.
    """
    if accepts(entry.fn, "_stacklevel") and variant.get("dim") is None:
        return "dim=X"
    if entry.name == "kl_div" and variant.get("reduction", "mean") == "mean":
        return "batchmean"
    return None


def warns_as_intended(
    entry: Entry, variant: Mapping[str, Any]
) -> contextlib.AbstractContextManager[Any]:
    """``pytest.warns`` con el aviso que la llamada debe dar, o nada si no debe dar ninguno."""
    import pytest

    pattern = intended_warning(entry, variant)
    if pattern is None:
        return contextlib.nullcontext()
    return pytest.warns(UserWarning, match=pattern)


def _value_and_derivative(
    fn: Callable[..., Tensor], value: float, size: int, dtype: torch.dtype, *args: Any, **kw: Any
) -> tuple[Tensor, Tensor]:
    """``fn`` y su derivada en ``value``, puesto primero en un tensor de ``size`` ceros."""
    x = torch.zeros(size, dtype=dtype)
    x[0] = value
    x.requires_grad_()
    y = fn(x, *args, **kw)
    (derivative,) = torch.autograd.grad(y.sum(), x)
    return y[0].detach(), derivative[0]


def _same(a: Tensor, b: Tensor) -> bool:
    return bool(torch.isclose(a, b, equal_nan=True)) and bool(a.isnan() == b.isnan())


def either_kernel_path(
    entry: Entry,
    variant: Mapping[str, Any],
    x: Tensor,
    params: tuple[Tensor, ...],
    compared: list[tuple[Tensor, Tensor]],
) -> Tensor:
    """Dónde una activación elemento a elemento no tiene un resultado de torch que copiar.

    torch calcula cada elemento en el cuerpo vectorizado de su núcleo o en la cola escalar,
    y en unos pocos valores especiales los dos caminos no coinciden (el gradiente de ELU en
    ``nan``, GELU en float32 en ``+inf``). En un tensor corto, cuál toma depende de la CPU:
    de la anchura de su vector (AVX2, AVX-512) y de ``ATEN_CPU_CAPABILITY``. Un elemento
    solo va siempre a la cola, y el primero de 64 siempre al cuerpo. Devuelve la máscara de
    los elementos de ``x`` donde los dos caminos de torch difieren y actloss da uno de ellos;
    ``compared`` son los pares (actloss, torch) que se comparan, de la forma de ``x``.
    """
    accepted = torch.zeros(x.shape, dtype=torch.bool)
    if not x.is_floating_point() or x.numel() == 0 or any(p.numel() > 1 for p in params):
        return accepted
    differs = torch.zeros(x.shape, dtype=torch.bool)
    for ours, theirs in compared:
        differs |= ~torch.isclose(ours, theirs, equal_nan=True)
    for index in differs.nonzero().tolist():
        value = float(x[tuple(index)])
        paths = [
            _value_and_derivative(entry.torch_fn, value, size, x.dtype, *params, **variant)
            for size in (1, 64)
        ]
        ours = _value_and_derivative(entry.fn, value, 1, x.dtype, *params, **variant)
        torch_varies = not all(_same(a, b) for a, b in zip(*paths, strict=True))
        ours_is_one = any(
            all(_same(a, b) for a, b in zip(ours, path, strict=True)) for path in paths
        )
        accepted[tuple(index)] = torch_varies and ours_is_one
    return accepted


def raises_like_torch(
    ours: Callable[..., Any], theirs: Callable[..., Any], *args: Any, argument: str, **kwargs: Any
) -> None:
    """torch (``theirs``) lanza; actloss (``ours``) lanza la misma clase de excepción, con un
    mensaje en español que nombra ``argument``. Los avisos que la llamada provoca a propósito
    (``PROVOKED_WARNINGS``) no cuentan como errores."""
    with provoked_warnings():
        with pytest.raises(Exception) as torch_error:
            theirs(*args, **kwargs)
        with pytest.raises(type(torch_error.value)) as our_error:
            ours(*args, **kwargs)
    assert type(our_error.value) is type(torch_error.value)
    assert is_spanish_error(str(our_error.value), argument), str(our_error.value)


def jvp_of_jvp(fn: Callable[[Tensor], Tensor], x: Tensor, v: Tensor) -> Tensor:
    """:math:`D^2 f(x)[v, v]`, derivando hacia delante dos veces (``jacfwd`` de ``jacfwd``)."""
    return torch.func.jvp(lambda a: torch.func.jvp(fn, (a,), (v,))[1], (x,), (v,))[1]


def is_spanish_error(message: str, argument: str) -> bool:
    """El mensaje nombra el argumento entre comillas invertidas y está en español."""
    spanish_words = ("debe", "no puede", "no es", "se esperaba", "se recibió")
    return f"`{argument}`" in message and any(w in message for w in spanish_words)
