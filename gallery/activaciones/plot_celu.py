r"""
CELU: ELU reparametrizada
=========================

CELU divide la entrada de la exponencial por :math:`\alpha`. Con ese cambio su
derivada vale 1 a ambos lados de cero para cualquier :math:`\alpha` (ELU solo lo
consigue con :math:`\alpha = 1`), y la función sigue siendo una ELU reescalada.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{CELU}_\alpha(x) &= \max(0, x) + \min\bigl(0,\ \alpha\,(e^{x/\alpha} - 1)\bigr),
#    \\
#    \operatorname{CELU}_\alpha'(x) &= \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0
#    \end{cases}

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("celu", variants=[{"alpha": 0.5}, {"alpha": 1.0}, {"alpha": 2.0}])
plt.show()

# %%
# La afirmación: CELU es una reparametrización de ELU
# ---------------------------------------------------
#
# :math:`\operatorname{CELU}_\alpha(x) = \alpha\,\operatorname{ELU}_1(x/\alpha)`, y con
# :math:`\alpha = 1` las dos son la misma función.

x = torch.linspace(-6, 6, 10_001, dtype=torch.float64)
for alpha in (0.5, 1.0, 2.0, 3.7):
    gap = float((nn.CELU(alpha=alpha)(x) - alpha * AF.elu(x / alpha)).abs().max())
    print(f"alpha = {alpha}: max |CELU_a(x) − a·ELU(x/a)| = {gap:.1e}")
    assert gap < 1e-12
assert torch.equal(AF.celu(x), AF.elu(x))

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("celu", torch.randn(1000) * 3, alpha=2.0))
