r"""
Softmax: de puntuaciones a probabilidades, y la temperatura
===========================================================

Softmax convierte un vector de puntuaciones en una distribución de probabilidad:
positiva, suma 1 y conserva el orden. Con una temperatura :math:`T`, se aplica a
:math:`x / T`, es decir, :math:`\operatorname{softmax}(\beta x)` con la *temperatura
inversa* :math:`\beta = 1/T`: cuanto mayor es :math:`\beta` (menor :math:`T`), más se
concentra la masa en la puntuación mayor.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}, \qquad
#    \frac{\partial \operatorname{softmax}(x)_i}{\partial x_j} = y_i (\delta_{ij} - y_j)
#
# La retropropagación usa el producto por esa jacobiana, :math:`y \odot (g - \langle g, y\rangle)`.
# A la derecha, el corte :math:`\operatorname{softmax}([x, 0])_0`: es la sigmoide.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import vector_activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

z = torch.tensor([1.0, 2.5, 0.5, 2.0, -1.0], dtype=torch.float64)
vector_activation_figure("softmax", z, scales=(0.5, 1.0, 2.0, 8.0), dim=-1)
plt.show()

# %%
# La afirmación: cuando :math:`\beta = 1/T` crece, softmax tiende al argmax
# -------------------------------------------------------------------------

one_hot = torch.zeros_like(z)
one_hot[z.argmax()] = 1
gaps = []
for beta in (1.0, 10.0, 100.0):
    p = AF.softmax(beta * z, dim=0)
    gaps.append(float((p - one_hot).abs().max()))
    print(f"β = {beta:>5}: max p = {p.max():.6f}, max |softmax(βz) − argmax| = {gaps[-1]:.1e}")
assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-15

# %%
# La temperatura es redundante con una escala de los pesos
# --------------------------------------------------------
#
# Si las puntuaciones salen de una capa lineal, :math:`\operatorname{softmax}(\beta (W h + b))` es
# la misma capa con pesos :math:`\beta W` y sesgo :math:`\beta b`: el entrenamiento puede
# aprender la temperatura escalando los pesos.

layer = torch.nn.Linear(8, 5, dtype=torch.float64)
h, beta = torch.randn(16, 8, dtype=torch.float64), 3.7
with_temperature = nn.Softmax(dim=-1)(beta * layer(h))
scaled = torch.nn.Linear(8, 5, dtype=torch.float64)
with torch.no_grad():
    scaled.weight.copy_(beta * layer.weight)
    scaled.bias.copy_(beta * layer.bias)
gap = (with_temperature - AF.softmax(scaled(h), dim=-1)).abs().max()
print(f"max |softmax(β(Wh + b)) − softmax((βW)h + βb)| = {gap:.1e}")
assert gap < 1e-12

# %%
# Estable con puntuaciones de magnitud :math:`10^4`: la fórmula ingenua desborda ``exp``.

x = torch.tensor([1e4, 0.0, -1e4])
naive = x.exp() / x.exp().sum()
print("ingenua:", naive.tolist(), " actloss:", AF.softmax(x, dim=0).tolist())
assert naive.isnan().any() and torch.equal(AF.softmax(x, dim=0), torch.tensor([1.0, 0.0, 0.0]))

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("softmax", torch.randn(8, 10) * 5, dim=-1))
