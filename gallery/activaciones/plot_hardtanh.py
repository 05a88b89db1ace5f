r"""
Hardtanh: la identidad recortada
================================

Hardtanh deja pasar la entrada tal cual dentro de ``[min_val, max_val]`` y la
recorta fuera. Es la versión lineal a trozos de la tangente hiperbólica: acotada
como ella, pero con derivada 1 en todo el tramo central.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \operatorname{Hardtanh}(x) &= \min(\max(x, a), b), \\
#    \operatorname{Hardtanh}'(x) &= \begin{cases} 1 & a < x < b \\ 0 & \text{en otro caso}
#    \end{cases}
#
# con :math:`a` = ``min_val`` y :math:`b` = ``max_val``. En las esquinas la derivada
# es 0, como en torch.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

activation_figure("hardtanh", variants=[{}, {"min_val": -2.0, "max_val": 0.5}])
plt.show()

# %%
# La afirmación: es acotada
# -------------------------
#
# Por grande que sea la entrada (aquí hasta :math:`10^{6}`), la salida queda en
# ``[min_val, max_val]``; y dentro del intervalo es exactamente la identidad.

x = torch.randn(100_000) * 10.0 ** torch.randint(-2, 7, (100_000,))
for low, high in [(-1.0, 1.0), (-2.0, 0.5)]:
    y = AF.hardtanh(x, low, high)
    inside = (x > low) & (x < high)
    print(
        f"[{low}, {high}]: salida en [{y.min():.3g}, {y.max():.3g}]; "
        f"|x| llega a {x.abs().max():.1e}"
    )
    assert y.min() == low and y.max() == high and torch.equal(y[inside], x[inside])

print("módulo:", nn.Hardtanh(-2.0, 0.5))

# %%
# Comparación con torch
# ---------------------

print(analysis.compare_with_torch("hardtanh", torch.randn(1000) * 3))
