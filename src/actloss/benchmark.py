"""Rendimiento de actloss frente a torch: tiempo y memoria de la pasada hacia delante y atrás.

Cada :class:`Case` es una función de actloss, su referencia de torch y una forma de
construir sus entradas. :func:`compare` mide los dos en el mismo proceso, alternando
una ejecución de cada uno para que sufran la misma carga de la máquina:

- **tiempo**: la mediana, sobre ``repeats`` ejecuciones tras ``warmup`` de calentamiento,
  del tiempo de reloj (``time.perf_counter``) de la pasada hacia delante más la
  retropropagación, con el número de hilos de torch fijo; se da también la mediana del
  tiempo de CPU del proceso (``time.process_time``), que sufre menos cuando otros
  procesos compiten por la máquina;
- **memoria**: el pico de bytes vivos reservados por el asignador de CPU de torch
  durante una pasada hacia delante y atrás, contado desde el principio de la pasada.
  Se obtiene de los eventos de memoria del perfilador de torch
  (``torch.profiler.profile(profile_memory=True)``): cada reserva y cada liberación de
  almacenamiento de tensores, en orden, cuya suma acumulada tiene ese máximo. No cuenta
  los objetos de Python ni la memoria que el asignador tenga retenida.

Las entradas se construyen fuera de la medida y cada ejecución recibe copias nuevas.
Ejecútelo con ``python -m actloss.benchmark`` (``--help`` lista las opciones) o con
``nox -s bench``. :func:`ctc_cases` da los casos de CTC y :func:`catalog_cases`, los de
cualquier entrada del catálogo.

Ejemplos:
    >>> from actloss.benchmark import catalog_cases, compare
    >>> (case,) = catalog_cases(["relu"], shape=(64,))
    >>> result = compare(case, repeats=3, warmup=1)
    >>> result.name, result.ratio > 0
    ('relu', True)
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import Tensor

Inputs = tuple[tuple[Any, ...], dict[str, Any]]


@dataclass(frozen=True)
class Case:
    """Una comparación: la función de actloss, la de torch y sus entradas.

    Atributos:
        name: nombre de la función.
        size: descripción legible del tamaño.
        ours: la función de actloss.
        reference: la función de torch.
        build: construye ``(args, kwargs)``; los tensores de coma flotante de ``args``
            se derivan.
    """

    name: str
    size: str
    ours: Callable[..., Tensor]
    reference: Callable[..., Tensor]
    build: Callable[[], Inputs]


@dataclass(frozen=True)
class Result:
    """Tiempos (en milisegundos) y picos de memoria (en bytes) de un caso."""

    name: str
    size: str
    ours_ms: float
    torch_ms: float
    ours_peak: int
    torch_peak: int
    samples: int = field(default=0)
    ours_cpu_ms: float = field(default=float("nan"))
    torch_cpu_ms: float = field(default=float("nan"))

    @property
    def ratio(self) -> float:
        """Tiempo de actloss entre el de torch: menos de 1 es más rápido."""
        return self.ours_ms / self.torch_ms

    @property
    def cpu_ratio(self) -> float:
        """Lo mismo con el tiempo de CPU del proceso, menos sensible a la carga de la máquina."""
        return self.ours_cpu_ms / self.torch_cpu_ms

    @property
    def memory_ratio(self) -> float:
        """Pico de memoria de actloss entre el de torch."""
        return self.ours_peak / self.torch_peak if self.torch_peak else float("nan")


def _fresh(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Copias de las entradas; los tensores de coma flotante piden gradiente."""
    return tuple(
        a.detach().clone().requires_grad_(a.is_floating_point()) if isinstance(a, Tensor) else a
        for a in args
    )


def _forward_backward(
    fn: Callable[..., Tensor], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    out = fn(*args, **kwargs)
    out.backward(torch.ones_like(out) if out.dim() else None)


def _elapsed(fn: Callable[..., Tensor], inputs: Inputs) -> tuple[float, float]:
    """Tiempo de reloj y tiempo de CPU del proceso, en segundos."""
    args = _fresh(inputs[0])
    wall, cpu = time.perf_counter(), time.process_time()
    _forward_backward(fn, args, inputs[1])
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_memory(fn: Callable[..., Tensor], inputs: Inputs) -> int:
    """Pico de bytes vivos del asignador de CPU durante una pasada hacia delante y atrás."""
    from torch.profiler import ProfilerActivity, profile

    args = _fresh(inputs[0])
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
        _forward_backward(fn, args, inputs[1])
    events = [e for e in prof.profiler.kineto_results.events() if e.name() == "[memory]"]
    events.sort(key=lambda e: e.start_ns())
    return int(max(itertools.accumulate((int(e.nbytes()) for e in events), initial=0)))


def compare(case: Case, repeats: int = 15, warmup: int = 3) -> Result:
    """Mide ``case``: mediana de ``repeats`` tiempos alternados y pico de memoria."""
    inputs = case.build()
    for _ in range(warmup):
        _elapsed(case.ours, inputs)
        _elapsed(case.reference, inputs)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for i in range(repeats):  # alternate who goes first, so both see the same load
        order = ((case.ours, ours), (case.reference, theirs))
        for fn, times in order if i % 2 == 0 else order[::-1]:
            times.append(_elapsed(fn, inputs))
    return Result(
        name=case.name,
        size=case.size,
        ours_ms=statistics.median(w for w, _ in ours) * 1e3,
        torch_ms=statistics.median(w for w, _ in theirs) * 1e3,
        ours_peak=peak_memory(case.ours, inputs),
        torch_peak=peak_memory(case.reference, inputs),
        samples=repeats,
        ours_cpu_ms=statistics.median(c for _, c in ours) * 1e3,
        torch_cpu_ms=statistics.median(c for _, c in theirs) * 1e3,
    )


def ctc_cases(
    sizes: Sequence[tuple[int, int, int, int]] = ((200, 16, 40, 30), (800, 32, 80, 100)),
    dtype: torch.dtype = torch.float32,
) -> list[Case]:
    """CTC con ``reduction='mean'`` para cada tamaño :math:`(T, N, C, S)`.

    Las log-probabilidades son ``log_softmax`` de una normal; los objetivos, etiquetas
    al azar (sin el blanco) de longitudes entre :math:`S/2` y :math:`S`; las entradas
    tienen longitud :math:`T`.
    """
    from actloss import functional

    cases = []
    for steps, batch, classes, longest in sizes:

        def build(t: int = steps, n: int = batch, c: int = classes, s: int = longest) -> Inputs:
            generator = torch.Generator().manual_seed(0)
            logits = torch.randn(t, n, c, generator=generator, dtype=dtype)
            targets = torch.randint(1, c, (n, s), generator=generator)
            target_lengths = torch.randint(s // 2, s + 1, (n,), generator=generator)
            input_lengths = torch.full((n,), t, dtype=torch.long)
            log_probs = logits - logits.logsumexp(-1, keepdim=True)
            return (log_probs, targets, input_lengths, target_lengths), {}

        cases.append(
            Case(
                name="ctc_loss",
                size=f"T={steps}, N={batch}, C={classes}, S={longest}",
                ours=functional.ctc_loss,
                reference=torch.nn.functional.ctc_loss,
                build=build,
            )
        )
    return cases


def catalog_cases(
    names: Iterable[str] | None = None,
    shape: tuple[int, ...] = (1 << 20,),
    dtype: torch.dtype = torch.float32,
) -> list[Case]:
    """Un caso por entrada del catálogo (todas si ``names`` es ``None``).

    Las entradas salen de ``make_inputs`` y ``make_params`` de cada entrada, aplicadas
    a una normal de forma ``shape``, con los argumentos por defecto.
    """
    from actloss import catalog

    entries = [catalog.get(n) for n in names] if names is not None else catalog.CATALOG.values()
    cases = []
    for entry in entries:

        def build(e: Any = entry) -> Inputs:
            x = torch.randn(shape, generator=torch.Generator().manual_seed(0), dtype=dtype)
            return (*e.make_inputs(x), *e.make_params(x)), {}

        size = "×".join(str(s) for s in shape)
        cases.append(Case(entry.name, size, entry.fn, entry.torch_fn, build))
    return cases


COLUMNS = (
    "función",
    "tamaño",
    "actloss (ms)",
    "torch (ms)",
    "tiempo actloss/torch",
    "CPU actloss/torch",
    "pico actloss (MB)",
    "pico torch (MB)",
    "memoria actloss/torch",
)


def rows(results: Iterable[Result]) -> list[list[str]]:
    """Las filas de la tabla, con los números ya formateados."""
    return [
        [
            r.name,
            r.size,
            f"{r.ours_ms:.2f}",
            f"{r.torch_ms:.2f}",
            f"{r.ratio:.2f}",
            f"{r.cpu_ratio:.2f}",
            f"{r.ours_peak / 1e6:.2f}",
            f"{r.torch_peak / 1e6:.2f}",
            f"{r.memory_ratio:.2f}",
        ]
        for r in results
    ]


def environment(threads: int) -> str:
    """La máquina y las versiones en las que se midió."""
    return (
        f"{platform.processor() or platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, torch {torch.__version__}, {threads} hilo(s) de torch"
    )


def markdown(results: Sequence[Result], threads: int) -> str:
    """La tabla en Markdown, precedida de la máquina y las versiones."""
    lines = [
        f"Medido en: {environment(threads)}.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines) + "\n"


def to_csv(results: Sequence[Result]) -> str:
    """La tabla en CSV, con una fila de cabecera."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(results))
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> list[Result]:
    """Punto de entrada de ``python -m actloss.benchmark``."""
    parser = argparse.ArgumentParser(
        prog="python -m actloss.benchmark",
        description="Tiempo y memoria de actloss frente a torch en la CPU.",
    )
    parser.add_argument("--threads", type=int, default=1, help="hilos de torch (1)")
    parser.add_argument("--repeats", type=int, default=15, help="ejecuciones medidas (15)")
    parser.add_argument("--warmup", type=int, default=3, help="ejecuciones de calentamiento (3)")
    parser.add_argument(
        "--catalog",
        nargs="*",
        metavar="NOMBRE",
        help="mide también estas entradas del catálogo (sin nombres: todas)",
    )
    parser.add_argument(
        "--output",
        action="append",
        default=[],
        type=Path,
        help="escribe la tabla en este fichero, .csv o .md (repetible)",
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    cases = ctc_cases()
    if args.catalog is not None:
        cases += catalog_cases(args.catalog or None)
    results = []
    for case in cases:
        results.append(compare(case, repeats=args.repeats, warmup=args.warmup))
        print(f"medido {case.name} ({case.size})", file=sys.stderr)
    table = markdown(results, args.threads)
    print(table)
    for path in args.output:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_csv(results) if path.suffix == ".csv" else table, encoding="utf-8")
    return results


__all__ = [
    "Case",
    "Result",
    "catalog_cases",
    "compare",
    "ctc_cases",
    "main",
    "markdown",
    "peak_memory",
    "to_csv",
]

if __name__ == "__main__":
    main()
