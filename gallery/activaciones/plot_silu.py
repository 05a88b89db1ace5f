r"""
SiLU: suave y no monótona
=========================

SiLU (también llamada *swish*) multiplica la entrada por su sigmoide. Como Softplus,
se parece a ReLU lejos del origen; a diferencia de ella, baja un poco por debajo de
cero antes de volver a subir: no es monótona.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{SiLU}(x) = x\,\sigma(x), \qquad
#    \operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, value_and_derivative

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("silu")
plt.show()

# %%
# La afirmación: tiene un mínimo, y su derivada es continua
# ----------------------------------------------------------
#
# Buscamos el mínimo en una rejilla fina y lo refinamos con unos pasos de Newton sobre
# la derivada escrita, :math:`\operatorname{SiLU}'(x) = 0`.

x = torch.linspace(-5, 5, 100_001, dtype=torch.float64)
y, dy = value_and_derivative("silu", x)
where = analysis.minimum(AF.silu, x)
print(f"mínimo de SiLU: {float(AF.silu(where)):.6f} en x = {float(where):.6f}")
print(f"SiLU'(mínimo) = {float(value_and_derivative('silu', where)[1]):.1e}")
assert float(AF.silu(where)) < 0 and float(y[-1]) > 0  # baja y luego sube: no es monótona
assert torch.diff(dy).abs().max() < 1e-3  # sin pliegues: SiLU' cambia poco en cada paso de 1e-4

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("silu", torch.randn(1000) * 5))
assert torch.equal(nn.SiLU()(x), AF.silu(x))
