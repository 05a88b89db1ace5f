r"""
El zoológico de las activaciones
================================

Todas las activaciones del catálogo en una rejilla: el valor (línea continua) y la
derivada (discontinua), cada una en su dominio de dibujo. La lista sale de
``actloss.catalog.activations``, así que una activación nueva aparece aquí sola.
Las que no actúan elemento a elemento (las softmax, GLU) se dibujan por su primer
componente sobre el par :math:`[x, 0]`.
"""

# %%
# La rejilla
# ----------

import matplotlib.pyplot as plt
import torch

from actloss import catalog
from actloss.plotting import activation_zoo, elementwise_curve

torch.manual_seed(0)
torch.set_num_threads(1)

entries = catalog.activations()
activation_zoo(entries)
plt.show()

# %%
# Lo que muestra la rejilla, comprobado
# -------------------------------------
#
# Las derivadas dibujadas son las escritas a mano; comprobamos sobre la misma rejilla
# que cuadran con las diferencias finitas del valor, y resumimos la forma de cada una.

rows, skipped = [], []
for entry in entries:
    x = torch.linspace(*entry.domain, 4001, dtype=torch.float64)
    curve = elementwise_curve(entry, x)
    if curve is None:  # sin vista 1-D (por ejemplo, pide una entrada con forma de imagen)
        skipped.append(entry.module)
        continue
    y, dy, _ = curve
    finite = torch.gradient(y, spacing=(x,))[0]
    smooth_part = (dy[1:-1] - finite[1:-1]).abs() < 1e-2
    assert smooth_part.float().mean() > 0.99, entry.name  # lejos de los pliegues coinciden
    rows.append((entry.module, float(y.min()), float(y.max()), float(dy.abs().max())))
for name, low, high, slope in rows:
    print(f"{name:>12}: f de {low:+8.3f} a {high:+8.3f}; max |f'| = {slope:.3f}")
print("sin vista 1-D:", ", ".join(skipped) or "ninguna")
assert len(rows) >= len(entries) / 2
