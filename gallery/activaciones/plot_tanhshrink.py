r"""
Tanhshrink: un encogimiento suave
=================================

Tanhshrink es lo que le falta a la tangente hiperbólica para ser la identidad:
:math:`x - \tanh(x)`. Como los otros *shrink*, casi anula las entradas pequeñas y
acerca las grandes a 0 en una cantidad fija; pero es suave, sin pliegues, así que
su derivada es continua.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Tanhshrink}(x) = x - \tanh(x), \qquad
#    \operatorname{Tanhshrink}'(x) = \tanh^2(x)
#
# No tiene pliegues: la derivada es continua en todas partes.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("tanhshrink", domain=(-5.0, 5.0))
plt.show()

# %%
# La afirmación: encoge como Softshrink, pero sin pliegues
# --------------------------------------------------------
#
# Cerca de 0, :math:`x - \tanh x \approx x^3/3`: una entrada de 0.1 sale como
# :math:`3 \cdot 10^{-4}`, y nunca pasa de :math:`|x|^3/3`. Lejos de 0 resta 1 a la
# magnitud: coincide con Softshrink de :math:`\lambda = 1`.

x = torch.linspace(-8, 8, 16_001, dtype=torch.float64)
y, soft = AF.tanhshrink(x), AF.softshrink(x, 1.0)
print(f"Tanhshrink(0.1) = {AF.tanhshrink(torch.tensor(0.1, dtype=torch.float64)):.2e}")
far = x.abs() > 6
print(
    f"max |Tanhshrink − Softshrink(λ=1)| para |x| > 6: {(y - soft)[far].abs().max():.1e}; "
    f"en todo [-8, 8]: {(y - soft).abs().max():.3f}"
)
assert (y.abs() <= x.abs() ** 3 / 3 + 1e-15).all()
assert (y - soft)[far].abs().max() < 1e-4
leaf = x.clone().requires_grad_()
(dy,) = torch.autograd.grad(nn.Tanhshrink()(leaf).sum(), leaf)  # tanh², la derivada escrita
print(f"mayor salto de la derivada entre puntos vecinos: {dy.diff().abs().max():.1e}")
assert dy.diff().abs().max() < 1e-2
curves(
    x,
    {"Tanhshrink": y, "Softshrink (λ = 1)": soft},
    "$x$",
    "$f(x)$",
    "Dos encogimientos: suave y con pliegues",
)
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("tanhshrink", torch.randn(1000) * 3))
