r"""
Tanh: una sigmoide centrada en cero
===================================

La tangente hiperbólica es una sigmoide reescalada, :math:`\tanh(x) = 2\sigma(2x) - 1`,
con imagen :math:`(-1, 1)`. Al ser impar, su salida media con entradas simétricas es
cero, a diferencia de la sigmoide; pero igual que ella satura: lejos del origen su
gradiente se va a cero exponencialmente rápido.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}, \qquad \tanh'(x) = 1 - \tanh^2(x)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("tanh")
plt.show()

# %%
# La afirmación: tanh está centrada en cero y la sigmoide no
# ----------------------------------------------------------

mean_tanh = analysis.mean_activation(nn.Tanh())
mean_sigmoid = analysis.mean_activation(AF.sigmoid)
print(f"E[tanh(Z)] = {mean_tanh:+.4f}, E[sigmoide(Z)] = {mean_sigmoid:+.4f}")
assert abs(mean_tanh) < 0.01 and abs(mean_sigmoid - 0.5) < 0.01
x = torch.linspace(-3, 3, 7, dtype=torch.float64)
assert torch.allclose(AF.tanh(x), 2 * AF.sigmoid(2 * x) - 1)

# %%
# Pero satura: :math:`\tanh'(x) \approx 4 e^{-2|x|}` lejos del origen.

for value in (1.0, 3.0, 5.0, 10.0):
    leaf = torch.tensor(value, dtype=torch.float64, requires_grad=True)
    (slope,) = torch.autograd.grad(AF.tanh(leaf), leaf)
    print(f"tanh'({value:g}) = {float(slope):.2e}")
assert float(slope) < 1e-8

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("tanh", torch.randn(1000) * 5))
