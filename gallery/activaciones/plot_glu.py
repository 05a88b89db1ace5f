r"""
GLU: la unidad lineal con compuerta
===================================

GLU parte su entrada en dos mitades :math:`a` y :math:`b` y devuelve :math:`a` por la
sigmoide de :math:`b`: la segunda mitad es una compuerta que decide cuánto de la
primera pasa. La salida tiene la mitad de tamaño en la dimensión partida.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{GLU}(a, b) &= a \odot \sigma(b), \\
#    \frac{\partial \operatorname{GLU}}{\partial a} &= \sigma(b), \qquad
#    \frac{\partial \operatorname{GLU}}{\partial b} = a\,\sigma(b)\,(1 - \sigma(b))
#
# La figura corta GLU a lo largo de :math:`a` para varias compuertas :math:`b` y, al
# lado, sus dos derivadas parciales: :math:`\sigma(b)`, que no depende de :math:`a`
# (discontinuas), y :math:`a\,\sigma(b)(1 - \sigma(b))`, que crece con :math:`a`
# (continuas).

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import gate_figure

torch.manual_seed(0)
torch.set_num_threads(1)

gate_figure()
plt.show()

# %%
# La afirmación: GLU reduce a la mitad la dimensión con compuerta
# ---------------------------------------------------------------

x = torch.randn(6, 8, 10, dtype=torch.float64)
for dim in (0, 1, 2):
    y = nn.GLU(dim=dim)(x)
    first, second = x.chunk(2, dim)
    print(f"dim={dim}: {tuple(x.shape)} -> {tuple(y.shape)}")
    assert y.shape[dim] * 2 == x.shape[dim]
    torch.testing.assert_close(y, first * torch.sigmoid(second))  # referencia: torch.sigmoid

# %%
# Con una dimensión de tamaño impar no hay dos mitades: actloss lanza la misma clase de
# excepción que torch, con el mensaje en español.

raised = False
try:
    AF.glu(torch.randn(4, 5))
except RuntimeError as error:
    raised = True
    print("RuntimeError:", error)
assert raised

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("glu", torch.randn(8, 10) * 3, dim=-1))
