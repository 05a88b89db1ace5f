r"""
Inmersión con bisagra: acercar lo similar, alejar lo distinto hasta el margen
=============================================================================

La entrada es una distancia entre dos inmersiones. Un par similar (:math:`y = 1`)
paga su distancia tal cual; uno distinto (:math:`y = -1`) paga lo que le falta para
llegar al margen. Un par distinto que ya está lejos no cuesta nada ni aporta
gradiente: el modelo no pierde esfuerzo alejando lo que ya está separado.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell(x, y) = \begin{cases} x & y = 1 \\ \max(0, m - x) & y = -1 \end{cases}, \qquad
#    \frac{\partial \ell}{\partial x} = \begin{cases} 1 & y = 1 \\
#    -1 & y = -1,\ x \le m \\ 0 & y = -1,\ x > m \end{cases}
#
# En :math:`x = m` torch toma la derivada :math:`-1`, y actloss también.

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def dissimilar(d, m):
    """La pérdida de un par distinto (y = -1) a distancia d."""
    return AF.hinge_embedding_loss(d, -torch.ones_like(d), margin=m, reduction="none")


margin_figure(
    dissimilar, margins=(1.0, 2.0), domain=(0.0, 3.0), title="Par distinto", xlabel="distancia $x$"
)
plt.show()

# %%
# La afirmación: lejos del margen, ni pérdida ni gradiente
# --------------------------------------------------------
#
# Distancias al azar entre 0 y 3 con etiquetas al azar. Los pares distintos más
# allá del margen tienen pérdida y gradiente exactamente 0; los similares siempre
# reciben gradiente :math:`1/N`, por pequeños que sean.

d = (3 * torch.rand(1000, dtype=torch.float64)).requires_grad_()
y = torch.where(torch.rand(1000) < 0.5, 1, -1)
for margin in (1.0, 2.0):
    losses = AF.hinge_embedding_loss(d, y, margin=margin, reduction="none")
    (grad,) = torch.autograd.grad(losses.mean(), d)
    far = (y == -1) & (d.detach() > margin)
    print(
        f"margen {margin}: {int(far.sum())} pares distintos más allá del margen, "
        f"pérdida máx {losses[far].max():.1f}, |grad| máx {grad[far].abs().max():.1e}; "
        f"gradiente de los similares {grad[y == 1].unique().tolist()}"
    )
    assert (losses[far] == 0).all() and (grad[far] == 0).all()
    assert torch.equal(grad[y == 1].unique(), torch.tensor([1 / 1000], dtype=torch.float64))

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.HingeEmbeddingLoss guarda los argumentos y llama a la función.

module_loss = nn.HingeEmbeddingLoss(margin=2.0)(d.detach(), y)
assert torch.equal(module_loss, AF.hinge_embedding_loss(d.detach(), y, margin=2.0))
print(analysis.compare_with_torch("hinge_embedding_loss", d.detach(), y, margin=2.0))
