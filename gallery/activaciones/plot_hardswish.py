r"""
Hardswish: SiLU sin exponenciales
=================================

Hardswish es :math:`x` por la sigmoide dura, igual que SiLU es :math:`x` por la
sigmoide. Es cuadrática en :math:`[-3, 3]` y lineal fuera; no usa exponenciales.
¿Cuánto se aleja de SiLU?
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Hardswish}(x) &= x \cdot \frac{\min(\max(x + 3, 0), 6)}{6}, \\
#    \operatorname{Hardswish}'(x) &= \begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3
#    \\ 1 & x \ge 3 \end{cases}
#
# La derivada salta en :math:`x = \pm 3`; como en torch, vale 0 en :math:`x = -3` y 1 en
# :math:`x = 3`.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("hardswish")
plt.show()

# %%
# La afirmación: aproxima SiLU
# ----------------------------
#
# Medimos el error máximo frente a ``torch.nn.functional.silu`` (la curva de
# referencia), y dónde queda el mínimo de cada una: las dos bajan un poco por debajo
# de 0 antes de crecer.

x = torch.linspace(-10, 10, 20_001, dtype=torch.float64)
hard, smooth = AF.hardswish(x), torch.nn.functional.silu(x)
error = (hard - smooth).abs()
print(f"error máximo |Hardswish − SiLU| = {error.max():.4f} en x = {x[error.argmax()]:.2f}")
print(
    f"mínimo de Hardswish: {hard.min():.4f} en x = {x[hard.argmin()]:.2f}; "
    f"de SiLU: {smooth.min():.4f} en x = {x[smooth.argmin()]:.2f}"
)
assert error.max() < 0.15 and error[x.abs() > 8].max() < 0.01
assert abs(hard.min() + 0.375) < 1e-6  # -3/8 en x = -3/2
curves(
    x,
    {"Hardswish": hard, "SiLU": smooth, "|diferencia|": error},
    "$x$",
    "$f(x)$",
    "Hardswish frente a SiLU",
)

print("módulo:", nn.Hardswish())
plt.show()

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("hardswish", torch.randn(1000) * 4))
