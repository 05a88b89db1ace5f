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
import json
import math
import os
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
        kind: ``"activación"`` o ``"pérdida"``, para las medias por grupo.
        compilable: si es ``False``, no se mide bajo ``torch.compile`` y ``note`` dice por qué.
        note: observación que acompaña a la fila en la tabla.
    """

    name: str
    size: str
    ours: Callable[..., Tensor]
    reference: Callable[..., Tensor]
    build: Callable[[], Inputs]
    kind: str = "pérdida"
    compilable: bool = True
    note: str = ""


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
    kind: str = field(default="pérdida")
    ours_compiled_ms: float = field(default=float("nan"))
    torch_compiled_ms: float = field(default=float("nan"))
    ours_compiled_peak: int = field(default=0)
    torch_compiled_peak: int = field(default=0)
    note: str = field(default="")

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

    @property
    def compiled_ratio(self) -> float:
        """actloss compilado (``torch.compile``) entre torch sin compilar: el núcleo de torch."""
        return self.ours_compiled_ms / self.torch_ms

    @property
    def compiled_vs_compiled(self) -> float:
        """actloss compilado entre torch compilado: los dos pasan por inductor."""
        return self.ours_compiled_ms / self.torch_compiled_ms

    @property
    def compiled_memory_ratio(self) -> float:
        """Pico de memoria de actloss compilado entre el de torch sin compilar."""
        if not self.ours_compiled_peak or not self.torch_peak:
            return float("nan")
        return self.ours_compiled_peak / self.torch_peak


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


def compiled(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """``fn`` bajo ``torch.compile`` (inductor), con formas fijas."""
    return torch.compile(fn, dynamic=False)


def compare(case: Case, repeats: int = 15, warmup: int = 3, compile: bool = False) -> Result:
    """Mide ``case``: mediana de ``repeats`` tiempos alternados y pico de memoria.

    Con ``compile=True`` mide además las dos funciones bajo :func:`compiled`; la
    compilación ocurre en el calentamiento, fuera de la medida. Si una no compila, su
    tiempo queda en ``nan`` y ``note`` dice el error.
    """
    inputs = case.build()
    variants: dict[str, Callable[..., Tensor]] = {"ours": case.ours, "torch": case.reference}
    note = case.note
    if compile and case.compilable:
        for key, fn in (("ours_c", case.ours), ("torch_c", case.reference)):
            candidate = compiled(fn)
            try:
                _elapsed(candidate, inputs)  # compiles, outside the timed region
            except Exception as error:  # record the failure instead of hiding the row
                who = "actloss" if key == "ours_c" else "torch"
                note = f"{who} no compila ({type(error).__name__})"
            else:
                variants[key] = candidate
    for _ in range(warmup):
        for fn in variants.values():
            _elapsed(fn, inputs)
    times: dict[str, list[tuple[float, float]]] = {key: [] for key in variants}
    keys = list(variants)
    for i in range(repeats):  # rotate who goes first, so all see the same load
        for key in keys[i % len(keys) :] + keys[: i % len(keys)]:
            times[key].append(_elapsed(variants[key], inputs))

    def wall(key: str) -> float:
        return statistics.median(w for w, _ in times[key]) * 1e3 if key in times else math.nan

    def peak(key: str) -> int:
        return peak_memory(variants[key], inputs) if key in variants else 0

    return Result(
        name=case.name,
        size=case.size,
        ours_ms=wall("ours"),
        torch_ms=wall("torch"),
        ours_peak=peak("ours"),
        torch_peak=peak("torch"),
        samples=repeats,
        ours_cpu_ms=statistics.median(c for _, c in times["ours"]) * 1e3,
        torch_cpu_ms=statistics.median(c for _, c in times["torch"]) * 1e3,
        kind=case.kind,
        ours_compiled_ms=wall("ours_c"),
        torch_compiled_ms=wall("torch_c"),
        ours_compiled_peak=peak("ours_c"),
        torch_compiled_peak=peak("torch_c"),
        note=note,
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
                compilable=False,
                note="sin compilar: el bucle sobre T se desenrollaría en el grafo",
            )
        )
    return cases


ACTIVATION_SHAPE = (16, 256, 256)
"""Forma de las entradas de las activaciones: :math:`2^{20}` elementos, con 3 dimensiones
para que ``softmax2d`` también la acepte."""

LOSS_SHAPE = (512, 128)
"""Forma de la predicción de las pérdidas: un lote de 512 filas de 128 clases o valores."""


def catalog_cases(
    names: Iterable[str] | None = None,
    shape: tuple[int, ...] = ACTIVATION_SHAPE,
    dtype: torch.dtype = torch.float32,
    loss_shape: tuple[int, ...] = LOSS_SHAPE,
) -> list[Case]:
    """Un caso por entrada del catálogo (todas si ``names`` es ``None``).

    Una activación recibe una normal de forma ``shape`` tal cual (más ``make_params``),
    de modo que todas se miden con el mismo número de elementos: ``make_inputs`` rehace la
    entrada de GLU y de Softmax2d para los ejemplos y las pruebas, con 4 y 3 veces más
    elementos. Una pérdida recibe ``make_inputs`` y ``make_params`` de una normal de forma
    ``loss_shape``. CTC usa :func:`ctc_cases`; las pérdidas que solo existen como capa con
    parámetros (``module_only``) no tienen función que medir y se omiten.
    """
    from actloss import catalog

    entries = [catalog.get(n) for n in names] if names is not None else catalog.CATALOG.values()
    cases: list[Case] = []
    for entry in entries:
        if entry.module_only:
            continue
        if entry.name == "ctc_loss":
            cases += ctc_cases(dtype=dtype)
            continue
        entry_shape = shape if entry.kind == "activación" else loss_shape

        def build(e: Any = entry, s: tuple[int, ...] = entry_shape) -> Inputs:
            x = torch.randn(s, generator=torch.Generator().manual_seed(0), dtype=dtype)
            inputs = (x,) if e.kind == "activación" else e.make_inputs(x)
            # softmax, softmin and log_softmax warn without ``dim``: pass the one torch
            # would pick (0 for 0, 1 or 3 dimensions, else 1), so the measure is unchanged.
            implicit = e.fn.__name__ in ("softmax", "softmin", "log_softmax")
            kwargs = {"dim": 0 if len(s) in (0, 1, 3) else 1} if implicit else {}
            return (*inputs, *e.make_params(x)), kwargs

        size = "×".join(str(s) for s in entry_shape)
        cases.append(Case(entry.name, size, entry.fn, entry.torch_fn, build, kind=entry.kind))
    return cases


def geomean(values: Iterable[float]) -> float:
    """Media geométrica de los valores finitos (``nan`` si no hay ninguno)."""
    finite = [v for v in values if math.isfinite(v) and v > 0]
    return math.exp(statistics.fmean(math.log(v) for v in finite)) if finite else math.nan


def summary(results: Sequence[Result]) -> dict[str, float]:
    """Las medias geométricas por grupo y el peor cociente de memoria."""
    acts = [r for r in results if r.kind == "activación"]
    losses = [r for r in results if r.kind != "activación"]
    ctc = [r for r in results if r.name == "ctc_loss"]
    everything = [r.memory_ratio for r in results]
    return {
        "activaciones_eager": geomean(r.ratio for r in acts),
        "activaciones_compilado": geomean(r.compiled_ratio for r in acts),
        "activaciones_compilado_vs_compilado": geomean(r.compiled_vs_compiled for r in acts),
        "perdidas_eager": geomean(r.ratio for r in losses),
        "perdidas_compilado": geomean(r.compiled_ratio for r in losses),
        "memoria_geomedia": geomean(everything),
        "memoria_maxima": max((v for v in everything if math.isfinite(v)), default=math.nan),
        "ctc_max": max((r.ratio for r in ctc), default=math.nan),
    }


COLUMNS = (
    "función",
    "tipo",
    "tamaño",
    "actloss (ms)",
    "torch (ms)",
    "tiempo actloss/torch",
    "CPU actloss/torch",
    "actloss compilado (ms)",
    "torch compilado (ms)",
    "compilado actloss/torch",
    "compilado actloss/torch compilado",
    "pico actloss (MB)",
    "pico torch (MB)",
    "memoria actloss/torch",
    "memoria compilado actloss/torch",
    "nota",
)


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}" if math.isfinite(value) else "—"


def rows(results: Iterable[Result]) -> list[list[str]]:
    """Las filas de la tabla, con los números ya formateados (``—`` si no se midió)."""
    return [
        [
            r.name,
            r.kind,
            r.size,
            _number(r.ours_ms, 3),
            _number(r.torch_ms, 3),
            _number(r.ratio),
            _number(r.cpu_ratio),
            _number(r.ours_compiled_ms, 3),
            _number(r.torch_compiled_ms, 3),
            _number(r.compiled_ratio),
            _number(r.compiled_vs_compiled),
            _number(r.ours_peak / 1e6),
            _number(r.torch_peak / 1e6),
            _number(r.memory_ratio),
            _number(r.compiled_memory_ratio),
            r.note,
        ]
        for r in results
    ]


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(threads: int) -> dict[str, Any]:
    """La máquina y las versiones en las que se mide, como diccionario."""
    return {
        "procesador": _processor(),
        "núcleos": os.cpu_count(),
        "sistema": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "torch": torch.__version__,
        "hilos": threads,
        "fecha": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def environment(threads: int) -> str:
    """La máquina y las versiones en las que se midió."""
    m = machine(threads)
    return (
        f"{m['procesador']} ({m['núcleos']} núcleos), {m['sistema']}, Python {m['python']}, "
        f"torch {m['torch']}, {threads} hilo(s) de torch"
    )


def markdown(results: Sequence[Result], threads: int) -> str:
    """La tabla en Markdown, precedida de la máquina y las versiones y seguida de las medias."""
    lines = [
        f"Medido en: {environment(threads)}.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    lines += ["", "Medias geométricas y máximos (actloss/torch):", ""]
    lines += [f"- {key}: {_number(value)}" for key, value in summary(results).items()]
    return "\n".join(lines) + "\n"


def to_csv(results: Sequence[Result]) -> str:
    """La tabla en CSV, con una fila de cabecera."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(results))
    return buffer.getvalue()


def write(results: Sequence[Result], directory: Path, threads: int, **extra: Any) -> None:
    """Escribe en ``directory`` ``resultados.csv`` (la tabla) y ``maquina.json``.

    ``maquina.json`` guarda la máquina, las versiones, las medias de :func:`summary` y
    ``extra`` (las repeticiones, por ejemplo): lo que la página «Rendimiento» muestra.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "resultados.csv").write_text(to_csv(results), encoding="utf-8")
    info = {**machine(threads), **extra, "medias": summary(results)}
    text = json.dumps(info, ensure_ascii=False, indent=2, allow_nan=True)
    (directory / "maquina.json").write_text(text + "\n", encoding="utf-8")


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
        help="mide estas entradas del catálogo (sin nombres: todas, CTC incluida)",
    )
    parser.add_argument(
        "--compile", action="store_true", help="mide también bajo torch.compile (inductor)"
    )
    parser.add_argument(
        "--output",
        action="append",
        default=[],
        type=Path,
        help="escribe la tabla en este fichero, .csv o .md (repetible)",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        help="escribe resultados.csv y maquina.json en este directorio (docs/rendimiento)",
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.compile:
        torch._dynamo.config.cache_size_limit = 64  # many small functions, one shape each
    cases = ctc_cases() if args.catalog is None else catalog_cases(args.catalog or None)
    results = []
    for case in cases:
        results.append(
            compare(case, repeats=args.repeats, warmup=args.warmup, compile=args.compile)
        )
        r = results[-1]
        print(
            f"medido {case.name} ({case.size}): {r.ratio:.2f}, compilado {r.compiled_ratio:.2f}",
            file=sys.stderr,
        )
    table = markdown(results, args.threads)
    print(table)
    for path in args.output:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_csv(results) if path.suffix == ".csv" else table, encoding="utf-8")
    if args.output_dir is not None:
        write(results, args.output_dir, args.threads, repeticiones=args.repeats)
    return results


__all__ = [
    "ACTIVATION_SHAPE",
    "LOSS_SHAPE",
    "Case",
    "Result",
    "catalog_cases",
    "compare",
    "compiled",
    "ctc_cases",
    "geomean",
    "machine",
    "main",
    "markdown",
    "peak_memory",
    "summary",
    "to_csv",
    "write",
]

if __name__ == "__main__":
    main()
