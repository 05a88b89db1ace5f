r"""
ReLU6: un ReLU que no pasa de 6
===============================

ReLU6 es un ReLU recortado en 6: ``hardtanh`` con el intervalo ``[0, 6]``. Se usa en
redes para móviles porque su salida acotada se representa bien con pocos bits.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{ReLU6}(x) = \min(\max(0, x), 6), \qquad
#    \operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{en otro caso}
#    \end{cases}
#
# En :math:`x = 0` y :math:`x = 6` la derivada es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("relu6")
plt.show()

# %%
# La afirmación: es acotada, a diferencia de ReLU
# -----------------------------------------------
#
# Empujamos una señal por diez capas lineales con pesos grandes. Con ReLU la salida
# crece sin límite; con ReLU6 nunca pasa de 6.

layers = [torch.randn(32, 32) * 0.6 for _ in range(10)]
h_relu = h_relu6 = torch.randn(256, 32)
for w in layers:
    h_relu, h_relu6 = AF.relu(h_relu @ w), AF.relu6(h_relu6 @ w)
print(f"tras 10 capas: max ReLU = {h_relu.max():.3g}, max ReLU6 = {h_relu6.max():.3g}")
assert h_relu.max() > 100 and h_relu6.min() >= 0 and h_relu6.max() <= 6
print("como módulo:", nn.ReLU6(), "=", nn.Hardtanh(0.0, 6.0))

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("relu6", torch.randn(1000) * 5))
