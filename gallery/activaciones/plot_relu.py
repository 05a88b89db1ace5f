r"""
ReLU: el rectificador lineal
============================

ReLU deja pasar la parte positiva de su entrada y anula la negativa. Es la
activación por defecto de las redes profundas: no satura por la derecha y no
cambia de forma cuando la señal se escala.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{ReLU}(x) = \max(0, x), \qquad
#    \operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}
#
# En el pliegue :math:`x = 0` se toma la derivada 0, la misma convención que torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("relu")
plt.show()

# %%
# La afirmación: poco sensible a la escala
# -----------------------------------------
#
# Las notas dicen que «puedes multiplicar la señal por 2 y la salida refleja
# exactamente la multiplicación por 2». Es la homogeneidad positiva:
# :math:`\operatorname{ReLU}(a x) = a \operatorname{ReLU}(x)` para todo :math:`a > 0`.

x = torch.randn(10_000)
gap = analysis.scale_gap(AF.relu, x, scales=(0.5, 2.0, 10.0))
print(f"mayor |ReLU(a·x) − a·ReLU(x)| con a en {{0.5, 2, 10}}: {gap:.1e}")
assert gap < 1e-5 * float(x.abs().max())

# %%
# Comparación con torch
# ---------------------
#
# Mismo valor y mismo gradiente que ``torch.nn.functional.relu``.

# El módulo actloss.nn.ReLU llama a la misma función.

assert torch.equal(nn.ReLU()(x), AF.relu(x))
print(analysis.compare_with_torch("relu", x))
