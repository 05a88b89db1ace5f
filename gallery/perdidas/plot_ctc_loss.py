r"""
CTC: la suma sobre todas las alineaciones
=========================================

Una red de reconocimiento de voz o de escritura emite, en cada instante, una
distribución sobre las letras y un símbolo *blanco* (∅), pero nadie le dice en qué
instante va cada letra. La pérdida CTC (clasificación temporal conexionista) no lo
necesita: suma la probabilidad de todas las alineaciones que, al juntar las
repeticiones seguidas y quitar los blancos, dan el objetivo.
"""

# %%
# Fórmula
# -------
#
# Con :math:`\mathcal{B}` la función que colapsa una alineación
# (:math:`\mathcal{B}(a\,a\,\varnothing\,b) = ab`) y :math:`x_{t,c}` las
# log-probabilidades,
#
# .. math::
#
#    \ell(x, y) = -\log \sum_{\pi \,:\, \mathcal{B}(\pi) = y} \prod_{t=1}^{T} e^{x_{t, \pi_t}}.
#
# La recursión hacia delante suma las exponencialmente muchas alineaciones en
# :math:`O(T\,|y|)` pasos sobre la secuencia extendida
# :math:`\varnothing a \varnothing b \varnothing`.

import itertools
import math

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss import functional as AF
from actloss.decoding import collapse, greedy_decode
from actloss.plotting import alignment_lattice

torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# La afirmación: la pérdida es la suma sobre todas las alineaciones
# -----------------------------------------------------------------
#
# Con :math:`T = 5` instantes y 3 clases (∅, a, b) hay :math:`3^5 = 243` secuencias de
# longitud 5. Las recorremos todas; las que colapsan en «ab» son sus alineaciones.
# Sumamos su probabilidad y la comparamos con :math:`e^{-\ell}`; lo mismo para «aa».

names = ["∅", "a", "b"]
log_probs = torch.randn(5, 3, dtype=torch.float64).log_softmax(-1)  # T = 5, C = 3
for target in ([1, 2], [1, 1]):
    paths = [p for p in itertools.product(range(3), repeat=5) if collapse(p) == target]
    total = sum(math.exp(sum(log_probs[t, c] for t, c in enumerate(p))) for p in paths)
    loss = AF.ctc_loss(log_probs, torch.tensor(target), (5,), (len(target),), reduction="sum")
    word = "".join(names[c] for c in target)
    print(f"«{word}»: {len(paths)} alineaciones, suma {total:.12f}, exp(-ctc) {(-loss).exp():.12f}")
    assert math.isclose(total, math.exp(-loss), rel_tol=1e-12)

# %%
# El retículo dibuja las alineaciones de «ab»: cada camino de la fila superior (o la
# segunda) a la inferior (o la penúltima) es una de ellas. El color es la probabilidad de
# que la alineación pase por cada nodo. Entre la «a» y la «b» el blanco es opcional: se
# puede saltar de «a» a «b». En «aa» sería obligatorio, porque sin él las dos «a» se
# juntarían en una.

alignment_lattice(log_probs, [1, 2], names=names)
plt.show()

# %%
# Decodificar una secuencia de juguete
# ------------------------------------
#
# Una «red» segura de «pollo» en 12 instantes. La decodificación voraz toma la clase más
# probable en cada instante y colapsa: la doble «l» sobrevive gracias al blanco entre
# ellas. Ese mejor camino es solo una parte de :math:`e^{-\ell}`, que suma todos.

letters = ["∅", "p", "o", "l", "a"]
frames = [1, 1, 2, 0, 3, 3, 0, 3, 2, 2, 0, 0]  # p p o ∅ l l ∅ l o o ∅ ∅
logits = 4 * torch.nn.functional.one_hot(torch.tensor(frames), 5).double()
scores = (logits + 0.5 * torch.randn(12, 5, dtype=torch.float64)).log_softmax(-1)
(decoded,) = greedy_decode(scores)
print("decodificado:", "".join(letters[c] for c in decoded))
assert decoded == [1, 2, 3, 3, 2]

ctc = nn.CTCLoss(reduction="sum")
words = {w: torch.tensor([letters.index(c) for c in w]) for w in ("pollo", "polo", "pala")}
losses = {w: ctc(scores, y, (12,), (len(y),)) for w, y in words.items()}
best_path = math.exp(scores.max(-1).values.sum())
print("pérdida CTC de cada palabra:", {w: round(float(v), 3) for w, v in losses.items()})
print(f"probabilidad del mejor camino: {best_path:.4f}")
assert losses["pollo"] < min(losses["polo"], losses["pala"])
assert best_path < math.exp(-losses["pollo"])

# %%
# Comparación con torch
# ---------------------
#
# Un lote con longitudes distintas. El gradiente coincide con el de torch, que como
# gradiente de ``log_probs`` devuelve la derivada respecto a los logits :math:`z` de los
# que sale ``log_probs = log_softmax(z)``. Por eso es correcto cuando la entrada sale de
# ``log_softmax``, como aquí (los detalles, en la documentación de
# ``actloss.functional.ctc_loss``).

batch, targets = torch.randn(20, 4, 6).log_softmax(-1), torch.randint(1, 6, (4, 5))
lengths = torch.tensor([20, 18, 15, 9]), torch.tensor([5, 4, 3, 2])
print(analysis.compare_with_torch("ctc_loss", batch, targets, *lengths))
