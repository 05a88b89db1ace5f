"""actloss: funciones de activación y de pérdida de PyTorch, desde primeros principios.

:mod:`actloss.functional` y :mod:`actloss.nn` imitan a :mod:`torch.nn.functional` y a
:mod:`torch.nn` nombre por nombre: se puede cambiar uno por otro y obtener los mismos
números y gradientes. ``actloss.reference`` es la definición de cada función, la fórmula
de libro contra la que se prueba la implementación rápida. :func:`actloss.compile` da la
vía compilada (``torch.compile``).
"""

from importlib.metadata import PackageNotFoundError, version

from actloss import catalog, energy, functional, nn, reference
from actloss._compile import compile

try:
    __version__ = version("actloss")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+desconocida"

__all__ = ["__version__", "catalog", "compile", "energy", "functional", "nn", "reference"]
