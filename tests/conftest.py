import os

import pytest
import torch

# Two cores are shared by the whole machine: keep torch to one thread in tests.
torch.set_num_threads(int(os.environ.get("ACTLOSS_TEST_THREADS", "1")))
torch.manual_seed(0)  # parameters built at collection time are reproducible too


@pytest.fixture(autouse=True)
def _seeded_torch():
    """Cada prueba empieza con el mismo estado aleatorio: un fallo se puede reproducir.

    Sólo el generador de la CPU (el único que usan las pruebas): ``torch.manual_seed``
    además encola la semilla para CUDA con una copia de la pila de llamadas, unos 3 ms
    por prueba bajo pytest (más que muchas de las pruebas).
    """
    torch.default_generator.manual_seed(0)


def pytest_report_header() -> str:
    """Por qué camino de la CPU corren las pruebas (``nox -s cpu_paths`` los cambia)."""
    capability = torch.backends.cpu.get_cpu_capability()
    mkl = os.environ.get("MKL_CBWR", "sin fijar")
    return f"torch {torch.__version__}, núcleos de ATen: {capability}, MKL_CBWR: {mkl}"
