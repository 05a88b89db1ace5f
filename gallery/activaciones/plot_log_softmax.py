r"""
LogSoftmax: el logaritmo del softmax, sin pasar por el softmax
==============================================================

Las pérdidas de clasificación necesitan :math:`\log \operatorname{softmax}(x)`. Calcular
primero el softmax y después el logaritmo falla en cuanto una probabilidad redondea a
0: el logaritmo da :math:`-\infty`. LogSoftmax lo calcula directamente.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{log\_softmax}(x)_i &= (x_i - m) - \log \sum_j e^{x_j - m}, \\
#    \frac{\partial \operatorname{log\_softmax}(x)_i}{\partial x_j} &=
#    \delta_{ij} - \operatorname{softmax}(x)_j
#
# con :math:`m = \max_j x_j`. El producto por la jacobiana es
# :math:`g - \operatorname{softmax}(x) \sum_i g_i`.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import vector_activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

z = torch.tensor([1.0, 2.5, 0.5, 2.0, -1.0], dtype=torch.float64)
vector_activation_figure("log_softmax", z, scales=(0.5, 1.0, 2.0, 8.0), dim=-1)
plt.show()

# %%
# La afirmación: es estable donde ``log(softmax)`` no lo es
# ---------------------------------------------------------

x = torch.tensor([0.0, 200.0, -1e4], requires_grad=True)
naive = torch.log(AF.softmax(x, dim=0))
stable = nn.LogSoftmax(dim=0)(x)
print("log(softmax(x)):", naive.tolist())
print("log_softmax(x): ", stable.tolist())
assert torch.isinf(naive[0]) and torch.isfinite(stable).all()
torch.testing.assert_close(stable, torch.tensor([-200.0, 0.0, -1e4 - 200]))

# %%
# El gradiente de la versión ingenua también se rompe: divide por una probabilidad 0.

(g_naive,) = torch.autograd.grad(naive[0], x)
(g_stable,) = torch.autograd.grad(AF.log_softmax(x, dim=0)[0], x)
print("gradiente de log(softmax(x))_0:", g_naive.tolist())
print("gradiente de log_softmax(x)_0: ", g_stable.tolist())
assert not torch.isfinite(g_naive).all() and torch.isfinite(g_stable).all()

# %%
# Donde las dos son finitas, coinciden: :math:`e^{\operatorname{log\_softmax}(x)}` es el softmax.

y = torch.randn(8, 10, dtype=torch.float64)
assert torch.allclose(AF.log_softmax(y, dim=1).exp(), AF.softmax(y, dim=1))

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("log_softmax", torch.randn(8, 10) * 5, dim=-1))
