r"""
Softmin: el softmax de los valores pequeños
===========================================

Softmin da más probabilidad a los valores más pequeños. No es una función nueva: es
el softmax de la entrada cambiada de signo.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{softmin}(x)_i &= \frac{e^{-x_i}}{\sum_j e^{-x_j}}
#    = \operatorname{softmax}(-x)_i, \\
#    \frac{\partial \operatorname{softmin}(x)_i}{\partial x_j} &= -y_i (\delta_{ij} - y_j)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import vector_activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

z = torch.tensor([1.0, 2.5, 0.5, 2.0, -1.0], dtype=torch.float64)
vector_activation_figure("softmin", z, scales=(0.5, 1.0, 2.0, 8.0), dim=-1)
plt.show()

# %%
# La afirmación: Softmin es Softmax de la entrada negada
# -------------------------------------------------------
#
# Coinciden en valor y en gradiente, bit a bit; y con :math:`\beta` grande, softmin
# se concentra en el argmin.

x = torch.randn(64, 10, dtype=torch.float64, requires_grad=True)
w = torch.randn(64, 10, dtype=torch.float64)
a, b = nn.Softmin(dim=1)(x), AF.softmax(-x, dim=1)
(ga,) = torch.autograd.grad((a * w).sum(), x)
(gb,) = torch.autograd.grad((b * w).sum(), x)
print(
    f"max |softmin(x) − softmax(−x)| = {(a - b).abs().max():.1e}; "
    f"en el gradiente: {(ga - gb).abs().max():.1e}"
)
assert torch.equal(a, b) and torch.equal(ga, gb)
p = AF.softmin(100 * z, dim=0)
print(
    f"softmin(100 z) da {p.max():.6f} a la componente {int(p.argmax())}; "
    f"argmin de z = {int(z.argmin())}"
)
assert p.argmax() == z.argmin() and p.max() > 1 - 1e-12

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("softmin", torch.randn(8, 10) * 5, dim=-1))
