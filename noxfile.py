"""Sesiones de nox de actloss. ``nox -l`` las lista con su descripción.

torch se instala primero y fijado a su build para CPU: un requisito ``torch`` sin
más arrastraría un build con CUDA de varios GB. La variable de entorno
``ACTLOSS_TORCH`` cambia ese requisito (por ejemplo ``ACTLOSS_TORCH="torch==2.14.1"``).
Los entornos virtuales se reutilizan, así que una segunda ejecución no reinstala torch.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import nox

nox.options.reuse_venv = "yes"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs", "tests"]

TORCH = os.environ.get("ACTLOSS_TORCH", "torch==2.13.0")
# Two cores: one torch thread per process keeps the build and the tests from fighting.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# Not for the docs: myst-nb's kernels would inherit it and the notes would lose their
# inline figures (sphinx-gallery picks its own backend).
QUIET_THREADS = {**ONE_THREAD, "MPLBACKEND": "agg"}
# pytest keeps its rewritten test modules (and Python its bytecode) in __pycache__, unless
# PYTHONDONTWRITEBYTECODE is set, as on some machines: then every xdist worker recompiles
# every module at each run (seconds). Empty means unset.
TEST_ENV = {**QUIET_THREADS, "PYTHONDONTWRITEBYTECODE": ""}


def install(session: nox.Session, extras: str) -> None:
    """torch (CPU) primero, para que el resto de requisitos lo encuentre ya instalado.

    actloss se instala en modo editable, así que un cambio en ``src/`` no pide reinstalar.
    Si el entorno ya tiene lo que piden ``pyproject.toml`` y ``TORCH`` tal como están, pip
    no se llama (ahorra varios segundos en cada reconstrucción).
    """
    wanted = f"{TORCH}\n{extras}\n{Path('pyproject.toml').read_text(encoding='utf-8')}"
    digest = hashlib.sha256(wanted.encode()).hexdigest()
    stamp = Path(session.virtualenv.location) / ".actloss-requisitos"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        session.log("Requisitos ya instalados y sin cambios: no se llama a pip.")
        return
    session.install(TORCH)
    session.install("-e", f".[{extras}]")
    # Written by run_install, which --no-install (-R) skips like the two installs above:
    # the stamp never claims an install that did not happen.
    write = f"import pathlib; pathlib.Path({str(stamp)!r}).write_text({digest!r})"
    session.run_install("python", "-c", write, silent=True)


@nox.session
def docs(session: nox.Session) -> None:
    """Construye el sitio en _build/html con -W (un aviso es un error) y sin red."""
    install(session, "docs")
    session.run(
        "sphinx-build",
        "-b",
        "html",
        "-c",
        ".",
        "-n",
        "-W",
        "--keep-going",
        "-j",
        "auto",  # one process per core; with ONE_THREAD, processes x torch threads <= cores
        "-d",
        "_build/doctrees",  # outside _build/html, so it is not published with the site
        "docs",
        "_build/html",
        *session.posargs,
        env=ONE_THREAD,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Ejecuta pytest: las pruebas, los doctests de src/ y los de las notas (docs/notas).

    Las pruebas de tests/browser abren _build/html (de ``nox -s docs``) en el Chromium del
    sistema e inyectan axe-core, que se instala aquí con npm (tests/browser/package.json).
    Se reparten entre procesos con pytest-xdist; ``nox -s tests -- -n 0`` las ejecuta en uno.
    """
    install(session, "test")
    axe = Path("tests/browser/node_modules/axe-core/axe.min.js")
    if not axe.is_file() and shutil.which("npm"):
        session.run(
            "npm", "ci", "--prefix", "tests/browser", "--no-audit", "--no-fund", external=True
        )
    # One process per core (at most 4), each with one torch thread; idle workers take
    # tests from busy ones, so the browser tests and the library tests overlap.
    parallel = ["-n", "auto", "--maxprocesses", "4", "--dist", "worksteal"]
    session.run("pytest", *parallel, *session.posargs, env=TEST_ENV)


# The numeric tests, for the CPU-path leg: the library against torch and against its
# definition, the properties of the catalog, the gradients, and the doctests of src/ and
# of the notes. Not the site (browser, links, code blocks), the benchmark nor torch.compile.
NUMERIC_TESTS = [
    "tests/test_arguments.py",
    "tests/test_classification.py",
    "tests/test_ctc.py",
    "tests/test_energy.py",
    "tests/test_errors.py",
    "tests/test_gradcheck.py",
    "tests/test_hypothesis.py",
    "tests/test_margin.py",
    "tests/test_piecewise.py",
    "tests/test_pointwise.py",
    "tests/test_properties.py",
    "tests/test_reference.py",
    "tests/test_regression.py",
    "tests/test_smooth.py",
    "tests/test_softmax.py",
    "tests/test_swap.py",
    "tests/test_torch_parity.py",
    "src/actloss",
    "docs/notas",
]
# ATen's scalar kernels (not the AVX2/AVX-512 ones CI takes by default), and MKL's
# reproducible SSE2 path (not the AVX2/AVX-512 one it picks for the CPU).
CPU_PATHS = [{"ATEN_CPU_CAPABILITY": "default"}, {"MKL_CBWR": "COMPATIBLE"}]


@nox.session(venv_backend="none")
def cpu_paths(session: nox.Session) -> None:
    """Repite las pruebas numéricas por otros caminos de la CPU, en el entorno de ``tests``.

    La biblioteca, sus propiedades, la paridad con torch y los doctests (no el sitio ni
    ``torch.compile``) se ejecutan dos veces: con ``ATEN_CPU_CAPABILITY=default`` (los
    núcleos escalares de ATen en vez de los AVX2/AVX-512) y con ``MKL_CBWR=COMPATIBLE``
    (el camino reproducible de MKL). Un resultado que dependa del camino falla aquí en
    cualquier máquina. El entorno de ``nox -s tests`` se crea o actualiza si hace falta,
    sin ejecutar sus pruebas; aquí no se instala nada más.
    """
    session.run(sys.executable, "-m", "nox", "-s", "tests", "--install-only", external=True)
    bin_dir = "Scripts" if sys.platform == "win32" else "bin"
    python = str(Path(".nox", "tests", bin_dir, "python"))
    # torch.compile's doctest only builds the wrapper, and imports inductor (seconds).
    skipped = ["--deselect", "src/actloss/_compile.py::actloss._compile.compile"]
    parallel = ["-n", "auto", "--maxprocesses", "2", "--dist", "worksteal"]
    for path in CPU_PATHS:
        session.log(f"Camino de la CPU: {path}")
        session.run(
            python,
            "-m",
            "pytest",
            *parallel,
            *skipped,
            *(session.posargs or NUMERIC_TESTS),
            env={**TEST_ENV, **path},
            external=True,
        )


@nox.session
def lint(session: nox.Session) -> None:
    """Formato (ruff format --check), estilo (ruff check) y tipos (mypy sobre src/)."""
    install(session, "lint,plot")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Tiempo y memoria de actloss frente a torch, sin compilar y compilado (varios minutos).

    Sin argumentos mide todo el catálogo (CTC incluida) también bajo ``torch.compile`` y
    escribe ``docs/rendimiento/resultados.csv`` y ``maquina.json``, que la página
    «Rendimiento» dibuja. Los argumentos tras ``--`` sustituyen a esos y pasan a
    ``python -m actloss.benchmark``; por ejemplo, una prueba rápida:
    ``nox -s bench -- --catalog relu elu --compile --repeats 5``.
    """
    install(session, "test")
    args = session.posargs or ["--catalog", "--compile", "--output-dir", "docs/rendimiento"]
    session.run("python", "-m", "actloss.benchmark", *args, env=QUIET_THREADS)
