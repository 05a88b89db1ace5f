r"""
Tripletes con la distancia que se elija
=======================================

La misma idea que la pérdida de tripletes, pero con cualquier función de distancia.
Sin distancia explícita es la euclídea de ``actloss.functional.triplet_margin_loss``;
con una distancia coseno, el margen se mide en ángulo y la longitud de las
inmersiones deja de importar.
"""

# %%
# Fórmula
# -------
#
# .. math::
#
#    \ell = \max\bigl(0,\; d(a, p) - d(a, n) + m\bigr)

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.plotting import margin_figure

torch.manual_seed(0)
torch.set_num_threads(1)


def cosine_distance(u, v):
    """1 − coseno, escrito aquí con operaciones elementales."""
    return 1 - (u * v).sum(-1) / (u.norm(dim=-1) * v.norm(dim=-1))


def with_cosine(s, m):
    """Ancla y positivo alineados; el negativo a distancia coseno s."""
    angle = torch.acos((1 - s).clamp(-1, 1))
    a = torch.stack([torch.ones_like(s), torch.zeros_like(s)], dim=1)
    n = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    return AF.triplet_margin_with_distance_loss(
        a, a, n, distance_function=cosine_distance, margin=m, reduction="none"
    )


margin_figure(
    with_cosine,
    margins=(0.5, 1.0),
    domain=(0.001, 1.999),
    title="Con distancia coseno",
    xlabel="distancia coseno al negativo",
)
plt.show()

# %%
# La afirmación: la misma pérdida, con otra distancia
# ---------------------------------------------------
#
# Sin ``distance_function`` coincide con ``actloss.functional.triplet_margin_loss``.
# Con la distancia coseno, escalar las inmersiones no cambia la pérdida, y los
# tripletes que cumplen el margen no dan gradiente.

a, p, n = torch.randn(3, 500, 8, dtype=torch.float64).unbind()
default = AF.triplet_margin_with_distance_loss(a, p, n)
euclidean = AF.triplet_margin_loss(a, p, n)
print(f"distancia por defecto: {default:.6f}; triplet_margin_loss: {euclidean:.6f}")
assert torch.equal(default, euclidean)

anchor = a.clone().requires_grad_()
losses = AF.triplet_margin_with_distance_loss(
    anchor, p, n, distance_function=cosine_distance, margin=0.5, reduction="none"
)
scaled = AF.triplet_margin_with_distance_loss(
    7 * a, 0.1 * p, 30 * n, distance_function=cosine_distance, margin=0.5, reduction="none"
)
(grad,) = torch.autograd.grad(losses.sum(), anchor)
done = losses.detach() == 0
gap = float((scaled - losses.detach()).abs().max())
largest = float(grad[done].abs().max())
print(
    f"escalar las inmersiones cambia la pérdida en {gap:.1e}; "
    f"{int(done.sum())} tripletes cumplen el margen, |grad| máx en ellos {largest:.1e}"
)
assert gap < 1e-12 and (grad[done] == 0).all()

# %%
# Comparación con torch
# ---------------------

# El módulo actloss.nn.TripletMarginWithDistanceLoss guarda los argumentos
# y llama a la función.

module_loss = nn.TripletMarginWithDistanceLoss(swap=True)(a, p, n)
assert torch.equal(module_loss, AF.triplet_margin_with_distance_loss(a, p, n, swap=True))
print(analysis.compare_with_torch("triplet_margin_with_distance_loss", a, p, n, swap=True))
