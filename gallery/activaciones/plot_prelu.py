r"""
PReLU: la pendiente negativa se aprende
=======================================

PReLU es un LeakyReLU cuya pendiente negativa :math:`a` no se fija a mano: es un
parámetro de la red que el descenso por gradiente ajusta. Las notas añaden que
«la :math:`a` puede variar de acuerdo a cada canal de entrada».
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}
#
# y sus dos derivadas, respecto a la entrada y respecto a la pendiente:
#
# .. math::
#
#    \frac{\partial \operatorname{PReLU}}{\partial x} =
#        \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases},
#    \qquad
#    \frac{\partial \operatorname{PReLU}}{\partial a} =
#        \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}
#
# El módulo empieza con :math:`a = 0.25`.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("prelu")
plt.show()

# %%
# La afirmación: una pendiente por canal, que recibe gradiente
# ------------------------------------------------------------
#
# Con ``num_parameters=3`` hay una pendiente por canal (la dimensión 1). Pedimos
# a la capa que reproduzca un objetivo cuyas pendientes son 0.0, 0.1 y 0.5, y
# dejamos que el descenso por gradiente las encuentre.

layer = nn.PReLU(num_parameters=3)
true_slopes = torch.tensor([0.0, 0.1, 0.5])
x = torch.randn(256, 3)
target = torch.where(x > 0, x, true_slopes * x)
optimizer = torch.optim.SGD(layer.parameters(), lr=0.5)
history = []
for _ in range(60):
    loss = (layer(x) - target).square().mean()
    optimizer.zero_grad()
    loss.backward()
    assert layer.weight.grad.abs().min() > 0 or loss < 1e-10  # se entrena cada pendiente
    optimizer.step()
    history.append(layer.weight.detach().clone())

print("pendientes aprendidas:", [round(a, 4) for a in layer.weight.tolist()])
assert torch.allclose(layer.weight, true_slopes, atol=1e-3)
history = torch.stack(history)
curves(
    range(1, 61),
    {f"canal {c}": history[:, c] for c in range(3)},
    xlabel="paso de descenso por gradiente",
    ylabel="pendiente $a$",
    title="Cada canal aprende su pendiente",
)
plt.show()

# %%
# Comparación con torch
# ---------------------

# La capa es una envoltura de la función actloss.functional.prelu:

x = torch.randn(8, 3, 5)
assert torch.equal(layer(x), AF.prelu(x, layer.weight))
print(analysis.compare_with_torch("prelu", x, torch.tensor([0.1, 0.2, 0.3])))
