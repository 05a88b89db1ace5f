r"""
Softmax2d: una distribución por píxel
=====================================

Softmax2d aplica softmax sobre los canales en cada posición de una imagen. En
segmentación semántica cada canal es una clase, y cada píxel recibe una distribución
de probabilidad sobre las clases. torch no tiene forma funcional: actloss usa
``actloss.functional.softmax2d``, que es ``softmax`` con ``dim=-3``.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    y_{chw} = \frac{e^{x_{chw}}}{\sum_{c'} e^{x_{c'hw}}}, \qquad
#    \frac{\partial y_{chw}}{\partial x_{c'hw}} = y_{chw} (\delta_{cc'} - y_{c'hw})
#
# Píxeles distintos no se mezclan: la jacobiana es diagonal por bloques.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import vector_activation_figure

torch.manual_seed(0)
torch.set_num_threads(1)

z = torch.tensor([1.0, 2.5, 0.5], dtype=torch.float64).reshape(3, 1, 1)
vector_activation_figure("softmax2d", z, scales=(0.5, 1.0, 2.0, 8.0), channel_dim=-3)
plt.show()

# %%
# La afirmación: en cada píxel, los canales forman una distribución
# -----------------------------------------------------------------
#
# Una imagen de 4 clases y 32 × 32 píxeles: en cada píxel las 4 salidas son
# positivas y suman 1, y el resultado es el softmax de cada píxel por separado.

x = torch.randn(2, 4, 32, 32, dtype=torch.float64) * 3
y = nn.Softmax2d()(x)
per_pixel = AF.softmax(x.permute(0, 2, 3, 1).reshape(-1, 4), dim=1)
gap = (y.permute(0, 2, 3, 1).reshape(-1, 4) - per_pixel).abs().max()
sums = y.sum(dim=1)
print(f"suma de canales por píxel en [{sums.min():.15f}, {sums.max():.15f}]")
print(f"max |Softmax2d − softmax de cada píxel| = {gap:.1e}")
assert (y > 0).all() and torch.allclose(sums, torch.ones_like(sums))
# Igual hasta el redondeo: sumar los canales en otro orden puede mover el último bit.
assert gap <= 4 * torch.finfo(y.dtype).eps
assert torch.equal(y, AF.softmax2d(x))  # la función que usa el módulo
assert torch.equal(y.argmax(dim=1), x.argmax(dim=1))  # la clase de cada píxel no cambia

# %%
# Comparación con torch
# ---------------------
#
# La referencia es el módulo ``torch.nn.Softmax2d``.

print(analysis.compare_with_torch("softmax2d", torch.randn(2, 3, 4, 5) * 5))
