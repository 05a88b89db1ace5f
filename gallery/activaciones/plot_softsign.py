r"""
Softsign: asíntotas polinómicas
===============================

Softsign tiene la forma de tanh, pero se acerca a sus asíntotas :math:`\pm 1` de
forma polinómica, no exponencial. Las notas lo explican: con tanh o la sigmoide,
«cuando te acercas a la asíntota, el gradiente se va a 0 demasiado rápido [...] y la
neurona no aprende rápido. Softsign intenta resolver este problema».
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Softsign}(x) = \frac{x}{1 + |x|}, \qquad
#    \operatorname{Softsign}'(x) = \frac{1}{(1 + |x|)^2}
#
# La derivada decae como :math:`1/x^2`; la de tanh, como :math:`4 e^{-2|x|}`.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure, curves, value_and_derivative

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("softsign")
plt.show()

# %%
# La afirmación: en :math:`|x| = 5` su gradiente es mayor que el de tanh y la sigmoide
# -------------------------------------------------------------------------------------

at = torch.tensor([-5.0, 5.0], dtype=torch.float64)
slopes = {name: value_and_derivative(name, at)[1] for name in ("softsign", "tanh", "sigmoid")}
for name, slope in slopes.items():
    print(f"{name:>8}'(±5) = {slope[0]:.3e}, {slope[1]:.3e}")
assert (slopes["softsign"] > slopes["tanh"]).all()
assert (slopes["softsign"] > slopes["sigmoid"]).all()
assert torch.allclose(slopes["softsign"], torch.tensor(1 / 36, dtype=torch.float64))

x = torch.linspace(0, 10, 201, dtype=torch.float64)
curves(
    x,
    {n: value_and_derivative(n, x)[1] for n in ("softsign", "tanh", "sigmoid")},
    xlabel="$x$",
    ylabel="$f'(x)$",
    title="Derivadas: la de Softsign decae más despacio",
    logy=True,
)
plt.show()

# %%
# Comparación con torch
# ---------------------

low, high = nn.Softsign()(torch.tensor([-5.0, 5.0])).tolist()
print(f"el módulo actloss.nn.Softsign: Softsign(−5) = {low:.4f}, Softsign(5) = {high:.4f}")
print(analysis.compare_with_torch("softsign", torch.randn(1000) * 5))
assert torch.equal(nn.Softsign()(at), AF.softsign(at))
