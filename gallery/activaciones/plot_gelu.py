r"""
GELU: la entrada ponderada por una probabilidad normal
======================================================

GELU multiplica la entrada por :math:`\Phi(x)`, la probabilidad de que una normal
estándar no supere :math:`x`: deja pasar casi entera una entrada grande, anula casi
del todo una muy negativa y, entre medias, es suave y no monótona. La versión con
``approximate='tanh'`` sustituye :math:`\Phi` por una expresión con tanh.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{GELU}(x) = x\,\Phi(x), \qquad
#    \operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x),
#
#    \operatorname{GELU}(x) \approx \tfrac{1}{2}\,x\,\Bigl(1 + \tanh\bigl(\sqrt{2/\pi}\,
#    (x + 0.044715\,x^3)\bigr)\Bigr)

import math

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("gelu", variants=[{}, {"approximate": "tanh"}])
plt.show()

# %%
# La afirmación: GELU es :math:`x\,\Phi(x)`
# ------------------------------------------
#
# :math:`\Phi` se estima aquí sin fórmula: la fracción de un millón de muestras
# normales que no superan :math:`x`.

generator = torch.Generator().manual_seed(0)
samples = torch.randn(1_000_000, generator=generator, dtype=torch.float64).sort().values
x = torch.linspace(-4, 4, 81, dtype=torch.float64)
phi = torch.searchsorted(samples, x) / samples.numel()
gap = float((AF.gelu(x) - x * phi).abs().max())
print(f"max |GELU(x) − x·Φ_muestral(x)| = {gap:.1e}")
assert gap < 5e-3  # el error de Monte Carlo de Phi, por |x| <= 4

# %%
# El error de la aproximación con tanh
# ------------------------------------

grid = torch.linspace(-6, 6, 120_001, dtype=torch.float64)
error = nn.GELU(approximate="tanh")(grid) - AF.gelu(grid)
worst = int(error.abs().argmax())
print(f"max |GELU_tanh − GELU| = {error.abs().max():.2e}, en x = {grid[worst]:+.3f}")
assert 1e-4 < float(error.abs().max()) < 1e-3
curves(grid, {"GELU_tanh − GELU": error}, xlabel="$x$", ylabel="error")
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("gelu", torch.randn(1000) * 3))
print(analysis.compare_with_torch("gelu", torch.randn(1000) * 3, approximate="tanh"))
one = torch.tensor(1.0, dtype=torch.float64)
assert math.isclose(float(AF.gelu(one)), 0.5 * (1 + math.erf(1 / math.sqrt(2))))
