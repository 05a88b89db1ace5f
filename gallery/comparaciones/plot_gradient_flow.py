r"""
El gradiente a través de la profundidad
=======================================

¿Cuánto gradiente llega a la primera capa de un perceptrón de 20 capas? Con cada
activación usamos la inicialización que le corresponde (pesos normales de desviación
:math:`\text{gain}/\sqrt{\text{ancho}}`): la sigmoide y SELU con ``gain=1``
(LeCun), tanh con ``gain=5/3`` y ReLU y ELU con ``gain=sqrt(2)`` (He).
"""

# %%
# Normas del gradiente, capa por capa
# -----------------------------------

import math

import matplotlib.pyplot as plt
import torch

from actloss import analysis
from actloss import functional as AF
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

gains = {"sigmoid": 1.0, "tanh": 5 / 3, "relu": math.sqrt(2), "elu": math.sqrt(2), "selu": 1.0}
stacks = {name: analysis.deep_stack(getattr(AF, name), gain=g) for name, g in gains.items()}
curves(
    range(1, 21),
    {name: s.grad_norms for name, s in stacks.items()},
    xlabel="capa (1 = la más alejada de la pérdida)",
    ylabel="norma del gradiente de los pesos",
    logy=True,
    marker="o",
)
plt.show()

# %%
# La afirmación: la sigmoide es la única que ahoga el gradiente
# -------------------------------------------------------------
#
# Comparamos la primera capa con la última. Cada sigmoide multiplica el gradiente por
# :math:`\sigma' \le 1/4`; tanh, ReLU, ELU y SELU, bien inicializadas, lo conservan
# dentro de un orden de magnitud.

ratios = {name: s.grad_norms[0] / s.grad_norms[-1] for name, s in stacks.items()}
for name, ratio in ratios.items():
    print(f"{name:>8}: primera / última capa = {ratio:.1e}")
assert ratios["sigmoid"] < 1e-8
assert all(0.1 < r < 10 for name, r in ratios.items() if name != "sigmoid")

# %%
# Hacia delante, la varianza de las activaciones cuenta la misma historia: con la
# sigmoide se apaga (la salida se queda cerca de 0.5); SELU la mantiene cerca de 1.

for name, s in stacks.items():
    print(f"{name:>8}: media {s.means[-1]:+.3f}, varianza {s.variances[-1]:.3f} en la capa 20")
