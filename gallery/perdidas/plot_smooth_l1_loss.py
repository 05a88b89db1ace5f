r"""
Smooth L1: MSE cerca, L1 lejos
==============================

Smooth L1 es cuadrática mientras el error es menor que :math:`\beta` y lineal a
partir de ahí: derivable en el objetivo como MSE, y con el gradiente acotado
lejos de él como L1, de modo que un atípico no domina.
"""

# %%
# Fórmula
# -------
#
# Con :math:`d = x - y`,
#
# .. math::
#
#    \ell(d) = \begin{cases} \dfrac{d^2}{2\beta} & \lvert d \rvert < \beta \\[4pt]
#    \lvert d \rvert - \dfrac{\beta}{2} & \text{si no} \end{cases}, \qquad
#    \ell'(d) = \operatorname{clamp}\!\left(\frac{d}{\beta}, -1, 1\right)
#
# Con :math:`\beta = 0` es exactamente L1 (torch la llama en ese caso).

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import loss_figure

torch.manual_seed(0)
torch.set_num_threads(1)

loss_figure("smooth_l1_loss", variants=[{"beta": 0.5}, {"beta": 1.0}, {"beta": 2.0}])
plt.show()

# %%
# La afirmación: la unión en :math:`\beta` es continua en valor y en pendiente
# ----------------------------------------------------------------------------
#
# En :math:`\lvert d \rvert = \beta` las dos ramas valen :math:`\beta/2` y tienen
# pendiente 1. Evaluamos a una distancia :math:`h` de la unión, por dentro y por
# fuera, y extrapolamos cada lado hasta :math:`\beta` con su pendiente: los dos
# límites coinciden, y el salto de pendiente, :math:`h/\beta`, se anula con
# :math:`h`. Lo que sí salta es la curvatura, de :math:`1/\beta` a 0: la pérdida
# es derivable una vez, no dos.

target = torch.zeros(2, dtype=torch.float64)
for beta in (0.5, 2.0):
    for h in (1e-3, 1e-6):
        d = torch.tensor([beta - h, beta + h], dtype=torch.float64, requires_grad=True)
        loss = AF.smooth_l1_loss(d, target, reduction="none", beta=beta)
        (slope,) = torch.autograd.grad(loss.sum(), d)
        loss = loss.detach()
        inner, outer = float(loss[0] + h * slope[0]), float(loss[1] - h * slope[1])
        slope_jump = float(slope[1] - slope[0])
        print(
            f"beta={beta}, h={h:.0e}: valor en la unión {inner:.9f} (dentro) y "
            f"{outer:.9f} (fuera); salto de pendiente {slope_jump:.1e}"
        )
        assert abs(inner - beta / 2) < h**2 / beta and abs(outer - beta / 2) < 1e-12
        assert abs(slope_jump - h / beta) < 1e-9  # se anula con h: sin pliegue

# %%
# Los extremos: MSE escalada cerca del objetivo y L1 desplazada lejos.

d = torch.linspace(-0.4, 0.4, 8, dtype=torch.float64)  # 50·|d| > 1 para todos
inside = nn.SmoothL1Loss(reduction="none", beta=1.0)(d, torch.zeros_like(d))
far = AF.smooth_l1_loss(d * 50, torch.zeros_like(d), reduction="none")
torch.testing.assert_close(inside, AF.mse_loss(d, torch.zeros_like(d), reduction="none") / 2)
torch.testing.assert_close(far, AF.l1_loss(d * 50, torch.zeros_like(d), reduction="none") - 0.5)
torch.testing.assert_close(AF.smooth_l1_loss(d, d.flip(0), beta=0.0), AF.l1_loss(d, d.flip(0)))
print("|d| < beta: MSE/(2 beta); |d| >= beta: L1 − beta/2; beta = 0: L1 exacta")

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("smooth_l1_loss", torch.randn(4, 5), torch.randn(4, 5)))
print(analysis.compare_with_torch("smooth_l1_loss", torch.randn(50), torch.randn(50), beta=0.3))
