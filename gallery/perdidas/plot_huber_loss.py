r"""
Huber: el gradiente recortado
=============================

La pérdida de Huber es cuadrática hasta :math:`\delta` y lineal con pendiente
:math:`\delta` después: su gradiente es el error recortado a :math:`\pm\delta`.
Es Smooth L1 con otra escala, y por eso las dos mezclan MSE y L1 del mismo modo.
"""

# %%
# Fórmula
# -------
#
# Con :math:`d = x - y`,
#
# .. math::
#
#    \ell_\delta(d) = \begin{cases} \tfrac12 d^2 & \lvert d \rvert < \delta \\[2pt]
#    \delta\,(\lvert d \rvert - \tfrac12\delta) & \text{si no} \end{cases}, \qquad
#    \ell_\delta'(d) = \operatorname{clamp}(d, -\delta, \delta)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure("huber_loss", variants=[{"delta": 0.5}, {"delta": 1.0}, {"delta": 2.0}])
plt.show()

# %%
# La afirmación: Huber con :math:`\delta = \beta` es :math:`\beta` veces Smooth L1
# --------------------------------------------------------------------------------
#
# Dentro, :math:`\tfrac12 d^2 = \beta \cdot d^2/(2\beta)`; fuera,
# :math:`\beta(\lvert d\rvert - \beta/2) = \beta \cdot (\lvert d\rvert - \beta/2)`.
# Por eso Huber conserva el tamaño del gradiente de MSE cerca del objetivo
# (pendiente :math:`d`) y Smooth L1 el de L1 lejos (pendiente :math:`\pm 1`).

x, y = torch.randn(2, 10_000, dtype=torch.float64) * 4
for beta in (0.25, 1.0, 3.0):
    huber = AF.huber_loss(x, y, reduction="none", delta=beta)
    smooth = AF.smooth_l1_loss(x, y, reduction="none", beta=beta)
    gap = float((huber - beta * smooth).abs().max())
    print(f"delta = beta = {beta}: max |huber − beta·smooth_l1| = {gap:.1e}")
    assert gap <= 1e-12 * float(huber.abs().max())

# %%
# El gradiente es el error recortado: nunca pasa de :math:`\delta`, y dentro de
# :math:`\pm\delta` es exactamente el de MSE/2. En :math:`\lvert d\rvert = \delta`
# valor y pendiente son continuos, como en Smooth L1.

x.requires_grad_()
(grad,) = torch.autograd.grad(nn.HuberLoss(reduction="sum", delta=2.0)(x, y), x)
d = (x - y).detach()
print(f"mayor |gradiente| con delta = 2: {grad.abs().max():.6f} (error máximo {d.abs().max():.1f})")
assert float(grad.abs().max()) == 2.0
torch.testing.assert_close(grad[d.abs() < 2], d[d.abs() < 2])
edge = torch.tensor([2.0 - 1e-7, 2.0 + 1e-7], dtype=torch.float64)
values = AF.huber_loss(edge, torch.zeros(2, dtype=torch.float64), reduction="none", delta=2.0)
print(f"valor a cada lado de la unión: {values[0]:.7f} y {values[1]:.7f}")
assert abs(float(values[1] - values[0])) < 1e-6

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("huber_loss", torch.randn(4, 5), torch.randn(4, 5)))
print(analysis.compare_with_torch("huber_loss", torch.randn(50), torch.randn(50), delta=0.3))
