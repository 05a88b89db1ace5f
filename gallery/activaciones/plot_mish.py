r"""
Mish: suave y no monótona
=========================

Mish multiplica la entrada por la tangente hiperbólica de su Softplus. Su forma es
casi la de SiLU: tiende a la identidad por la derecha, a cero por la izquierda, y
tiene un mínimo negativo entre medias.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Mish}(x) &= x \tanh(s), \quad s = \operatorname{Softplus}(x), \\
#    \operatorname{Mish}'(x) &= \tanh(s) + x\,\sigma(x)\,(1 - \tanh^2 s)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves, value_and_derivative

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("mish")
plt.show()

# %%
# La afirmación: tiene un mínimo, y su derivada es continua
# ----------------------------------------------------------
#
# Buscamos el mínimo en una rejilla fina y lo refinamos con unos pasos de Newton sobre
# la derivada escrita, :math:`\operatorname{Mish}'(x) = 0`.

x = torch.linspace(-5, 5, 100_001, dtype=torch.float64)
y, dy = value_and_derivative("mish", x)
where = analysis.minimum(nn.Mish(), x)
print(f"mínimo de Mish: {float(AF.mish(where)):.6f} en x = {float(where):.6f}")
print(f"mínimo de SiLU: {float(AF.silu(x).min()):.6f}")
assert float(AF.mish(where)) < 0 and float(y[-1]) > 0  # baja y luego sube: no es monótona
assert torch.diff(dy).abs().max() < 1e-3  # sin pliegues
curves(x, {"Mish": y, "SiLU": AF.silu(x), "ReLU": AF.relu(x)}, xlabel="$x$", ylabel="$f(x)$")
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("mish", torch.randn(1000) * 5))
