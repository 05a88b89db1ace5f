r"""
ReLU frente a ELU en un entrenamiento pequeño
=============================================

Las notas dicen de ELU: «el algoritmo de gradiente puede converger más rápido con
puntuaciones positivas y negativas», porque la activación media queda más cerca de cero.
Lo probamos en un problema de juguete: dos medias lunas en el plano, un perceptrón
2-32-32-1, descenso por gradiente con el lote completo, 150 pasos, tres semillas y
los mismos pesos iniciales para las dos activaciones.
"""

# %%
# Las curvas de pérdida
# ---------------------

import matplotlib.pyplot as plt
import torch

from actloss import analysis, nn
from actloss.plotting import curves

torch.manual_seed(0)
torch.set_num_threads(1)

steps, seeds = 150, (0, 1, 2)
runs = {
    name: [analysis.training_curve(module, steps=steps, seed=s) for s in seeds]
    for name, module in (("ReLU", nn.ReLU()), ("ELU", nn.ELU()))
}
curves(
    range(1, steps + 1),
    {
        f"{name}, semilla {s}": run
        for name, rs in runs.items()
        for s, run in zip(seeds, rs, strict=True)
    },
    xlabel="paso",
    ylabel="entropía cruzada binaria",
    title="Dos medias lunas",
)
plt.show()

# %%
# Lo que sale, dicho con honestidad
# ---------------------------------
#
# Al principio ELU va por delante: a los 50 pasos su pérdida es menor con las tres
# semillas, como dicen las notas. Pero la ventaja no dura: al final ReLU llega más
# abajo en este problema. «Puede converger más rápido» es una afirmación sobre el
# arranque y sobre ciertos problemas, no una garantía.

for s, relu, elu in zip(seeds, runs["ReLU"], runs["ELU"], strict=True):
    print(
        f"semilla {s}: paso 50 ReLU {relu[49]:.3f} / ELU {elu[49]:.3f}; "
        f"paso {steps} ReLU {relu[-1]:.3f} / ELU {elu[-1]:.3f}"
    )
assert all(elu[49] < relu[49] for relu, elu in zip(runs["ReLU"], runs["ELU"], strict=True))
assert all(relu[-1] < elu[-1] for relu, elu in zip(runs["ReLU"], runs["ELU"], strict=True))
