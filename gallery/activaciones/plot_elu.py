r"""
ELU: la parte negativa acerca la media a cero
=============================================

ELU es la identidad para las entradas positivas y una exponencial que satura en
:math:`-\alpha` para las negativas. Según las notas, «los valores negativos permiten
que el promedio sea [cero], lo cual puede hacer que el algoritmo de gradiente converja
más rápido» (la palabra entre corchetes falta en las notas originales).
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0
#    \end{cases}, \qquad
#    \operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x \le 0 \end{cases}
#
# En :math:`x = 0` la derivada es :math:`\alpha`, como en torch; con :math:`\alpha = 1`
# los dos lados coinciden y no hay pliegue.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("elu", variants=[{"alpha": 0.5}, {"alpha": 1.0}, {"alpha": 2.0}])
plt.show()

# %%
# La afirmación: la media de ELU está más cerca de cero que la de ReLU
# ---------------------------------------------------------------------
#
# Con preactivaciones normales estándar, :math:`\mathbb{E}[\operatorname{ReLU}(Z)] =
# 1/\sqrt{2\pi} \approx 0.399`; la parte negativa de ELU resta
# :math:`\mathbb{E}[1 - e^{Z};\ Z < 0] \approx 0.238`.

mean_relu = analysis.mean_activation(AF.relu)
print(f"media de ReLU(Z): {mean_relu:.4f}")
for alpha in (0.5, 1.0, 2.0):
    mean_elu = analysis.mean_activation(nn.ELU(alpha=alpha))
    print(f"media de ELU(Z) con alpha = {alpha}: {mean_elu:+.4f}")
    assert abs(mean_elu) < abs(mean_relu)

# %%
# Comparación con torch
# ---------------------

x = torch.randn(1000) * 3
assert torch.equal(nn.ELU(alpha=0.5)(x), AF.elu(x, alpha=0.5))  # el módulo llama a la función
print(analysis.compare_with_torch("elu", x, alpha=0.5))
