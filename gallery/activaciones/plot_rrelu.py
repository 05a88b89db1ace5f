r"""
RReLU: pendientes negativas sorteadas
=====================================

RReLU es un LeakyReLU cuya pendiente negativa se sortea al azar en cada paso de
entrenamiento, dentro de :math:`[\text{lower}, \text{upper}]`. El ruido actúa
como regularizador; al evaluar, la pendiente es la media del intervalo y la
función vuelve a ser determinista.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{RReLU}(x) &= \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases},
#    \\ a &\sim \mathcal{U}(\text{lower}, \text{upper}) \text{ al entrenar},
#    \\ a &= \tfrac{\text{lower} + \text{upper}}{2} \text{ al evaluar.}
#
# La figura muestra el modo de evaluación (por defecto, lower = 1/8 y upper = 1/3).

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("rrelu")
plt.show()

# %%
# La afirmación: se sortea al entrenar y se promedia al evaluar
# -------------------------------------------------------------

layer = nn.RReLU(lower=0.1, upper=0.3)
x = -torch.ones(100_000)
slopes = layer.train()(x) / x
print(
    f"entrenando: pendientes entre {slopes.min():.4f} y {slopes.max():.4f}, "
    f"media {slopes.mean():.4f}"
)
assert slopes.min() >= 0.1 and slopes.max() <= 0.3
assert abs(slopes.mean() - 0.2) < 2e-3

eval_slopes = layer.eval()(x) / x
print(f"evaluando: una sola pendiente, {eval_slopes.unique().tolist()}")
assert torch.allclose(eval_slopes, torch.tensor(0.2))

# %%
# Comparación con torch
# ---------------------
#
# En evaluación el resultado coincide con el de torch. En entrenamiento, en la CPU,
# también: con la misma semilla, actloss sortea las mismas pendientes que torch, del
# mismo generador y en el mismo orden (una por cada entrada :math:`x \le 0`).

z = torch.randn(1000)
assert torch.equal(layer(z), AF.rrelu(z, lower=0.1, upper=0.3, training=False))
print(analysis.compare_with_torch("rrelu", z, lower=0.1, upper=0.3))

torch.manual_seed(1)
ours = nn.RReLU(lower=0.1, upper=0.3)(z)
torch.manual_seed(1)
theirs = torch.nn.RReLU(lower=0.1, upper=0.3)(z)
print(f"entrenando con la misma semilla, ¿los mismos números?: {torch.equal(ours, theirs)}")
assert torch.equal(ours, theirs)
