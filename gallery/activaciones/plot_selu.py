r"""
SELU: una ELU que se normaliza sola
===================================

SELU es ELU multiplicada por una constante :math:`\lambda`, con un :math:`\alpha`
concreto. Las dos constantes se eligieron para que, con pesos LeCun-normales, la
media 0 y la varianza 1 de las activaciones se conserven capa tras capa.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1)
#    & x \le 0 \end{cases}, \qquad
#    \alpha \approx 1.6733,\ \lambda \approx 1.0507
#
# La derivada es :math:`\lambda` para :math:`x > 0` y :math:`\lambda\alpha e^{x}` para
# :math:`x \le 0`: salta en 0, así que SELU no es suave.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("selu")
plt.show()

# %%
# La afirmación: SELU es ELU escalada
# -----------------------------------

x = torch.linspace(-6, 6, 10_001, dtype=torch.float64)
alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
gap = float((AF.selu(x) - scale * AF.elu(x, alpha=alpha)).abs().max())
print(f"max |SELU(x) − λ·ELU_α(x)| = {gap:.1e}")
assert gap < 1e-12

# %%
# La afirmación: media 0 y varianza 1 a través de 50 capas
# ---------------------------------------------------------
#
# Propagamos datos normales estándar por 50 capas lineales de 256 unidades con pesos
# :math:`\mathcal{N}(0, 1/256)` (LeCun-normal), y medimos la media y la varianza de la
# salida de cada capa. Con ELU, en cambio, la varianza se apaga.

selu = analysis.deep_stack(nn.SELU(), depth=50, width=256)
elu = analysis.deep_stack(AF.elu, depth=50, width=256)
for layer in (0, 9, 49):
    print(
        f"capa {layer + 1:>2}: SELU media {selu.means[layer]:+.4f}, varianza "
        f"{selu.variances[layer]:.4f}; ELU varianza {elu.variances[layer]:.4f}"
    )
assert max(abs(m) for m in selu.means) < 0.05
assert max(abs(v - 1) for v in selu.variances) < 0.1
assert elu.variances[-1] < 0.01
curves(
    range(1, 51),
    {"SELU": selu.variances, "ELU": elu.variances},
    xlabel="capa",
    ylabel="varianza de la activación",
    logy=True,
)
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("selu", torch.randn(1000) * 3))
