r"""
LeakyReLU: un rectificador que deja pasar algo de gradiente
===========================================================

ReLU anula por completo la parte negativa y, con ella, su gradiente: una unidad
cuya entrada queda siempre por debajo de cero deja de aprender. LeakyReLU
conserva una pendiente pequeña :math:`a` en la parte negativa para que el
gradiente nunca se apague.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases},
#    \qquad
#    \operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}
#
# Por defecto :math:`a = 0.01`; en :math:`x = 0` la derivada es :math:`a`, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("leaky_relu", variants=[{"negative_slope": 0.01}, {"negative_slope": 0.2}])
plt.show()

# %%
# La afirmación: una entrada negativa sigue pasando gradiente
# -----------------------------------------------------------
#
# Con entradas todas negativas, ReLU devuelve un gradiente nulo; LeakyReLU
# devuelve exactamente la pendiente :math:`a` en cada posición.

x = -torch.rand(1000) - 0.1
leaf = x.clone().requires_grad_()
(grad_relu,) = torch.autograd.grad(AF.relu(leaf).sum(), leaf)
(grad_leaky,) = torch.autograd.grad(AF.leaky_relu(leaf, negative_slope=0.2).sum(), leaf)
print(f"gradiente con ReLU: todo cero = {bool((grad_relu == 0).all())}")
print(f"gradiente con LeakyReLU(0.2): entre {grad_leaky.min():.3f} y {grad_leaky.max():.3f}")
assert (grad_relu == 0).all()
assert torch.allclose(grad_leaky, torch.full_like(x, 0.2))

# %%
# Sigue siendo un rectificador: multiplicar la entrada por :math:`a > 0`
# multiplica la salida por :math:`a`.

z = torch.randn(10_000)
assert analysis.scale_gap(lambda t: AF.leaky_relu(t, 0.2), z) < 1e-5 * float(z.abs().max())

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.LeakyReLU llama a la misma función.

assert torch.equal(nn.LeakyReLU(0.2)(z), AF.leaky_relu(z, 0.2))
print(analysis.compare_with_torch("leaky_relu", z, negative_slope=0.2))
