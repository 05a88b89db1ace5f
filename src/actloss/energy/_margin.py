"""Las pérdidas de margen generalizadas: comparan la respuesta correcta con la más ofensiva.

Las seis pérdidas de este módulo (bisagra, logarítmica, LVQ2, MCE, cuadrado-cuadrado y
cuadrado-exponencial) solo miran dos energías por muestra: la de la respuesta correcta,
:math:`E_C = E_{n, y_n}`, y la de la respuesta incorrecta más ofensiva,
:math:`E_I = E_{n, \\bar y_n}`, la de menor energía entre las incorrectas:

.. math::

    \\bar y_n = \\operatorname*{arg\\,min}_{k \\ne y_n} E_{n, k}.

Por eso su gradiente solo toca esas dos energías: baja la correcta y sube la más
ofensiva, y deja las demás como estaban. Todas reciben ``energies`` :math:`(N, K)` con
:math:`K \\ge 2`, ``target`` :math:`(N)` y ``reduction``, descritos una vez en
:mod:`actloss.energy`.
"""

from __future__ import annotations

import torch
from torch import Tensor

from actloss._validation import apply_reduction
from actloss.energy._checks import check_energies, check_finite, check_positive
from actloss.functional._smooth import sigmoid


def _offending_index(energies: Tensor, target: Tensor) -> Tensor:
    """:math:`\\bar y_n`, ya validados los argumentos (:math:`K \\ge 2`)."""
    slots = torch.arange(energies.shape[1] - 1, device=energies.device)
    # Row n lists its K - 1 incorrect answers: the slots from y_n on move one place right.
    incorrect = slots + (slots >= target.unsqueeze(1)).long()
    best = energies.detach().gather(1, incorrect).argmin(dim=1, keepdim=True)
    return incorrect.gather(1, best).squeeze(1)


def _pick(energies: Tensor, index: Tensor) -> Tensor:
    """La energía de la columna ``index[n]`` de cada fila :math:`n`."""
    return energies.gather(1, index.unsqueeze(1)).squeeze(1)


def correct_and_offending(energies: Tensor, target: Tensor) -> tuple[Tensor, Tensor]:
    """:math:`E_C` y :math:`E_I` de cada muestra, ya validados los argumentos."""
    return _pick(energies, target), _pick(energies, _offending_index(energies, target))


def _positive_part(z: Tensor) -> Tensor:
    """:math:`\\max(0, z)` con derivada 0 en el pliegue y ``nan`` en ``nan``, como ``relu``."""
    return torch.where(z <= 0, torch.zeros_like(z), z)


def most_offending(energies: Tensor, target: Tensor) -> Tensor:
    r"""La respuesta incorrecta más ofensiva: la de menor energía entre las incorrectas.

    .. math::

        \bar y_n = \operatorname*{arg\,min}_{k \ne y_n} E_{n, k}

    Si varias respuestas incorrectas empatan, devuelve la de menor índice. Nunca devuelve
    la respuesta correcta, aunque todas las energías sean iguales.

    Argumentos:
        energies: las energías :math:`E_{n, k}`; menor es más compatible.
        target: el índice :math:`y_n` de la respuesta correcta (``torch.long``).

    Forma:
        - ``energies``: :math:`(N, K)` con :math:`K \ge 2`; ``target``: :math:`(N)`.
        - Salida: :math:`(N)`, índices ``torch.long``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import most_offending
        >>> energies = torch.tensor([[0.0, 0.5, 2.0], [1.0, 0.0, 3.0]])
        >>> most_offending(energies, torch.tensor([0, 1]))
        tensor([1, 0])
    """
    check_energies(energies, target, "mean", "most_offending")
    return _offending_index(energies, target)


def hinge_loss(
    energies: Tensor, target: Tensor, margin: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida bisagra: la respuesta correcta debe ganar a la más ofensiva por un margen.

    .. math::

        l_n = \max\bigl(0,\; m + E_C - E_I\bigr)

    Vale 0 en cuanto :math:`E_I - E_C \ge m`: el margen es :math:`m`. Donde no, su
    derivada es :math:`+1` respecto a :math:`E_C` y :math:`-1` respecto a :math:`E_I`
    (0 en el pliegue, como ``relu``), y 0 respecto a las demás energías.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Argumentos:
        margin: el margen :math:`m` exigido. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import hinge_loss
        >>> energies = torch.tensor([[0.0, 0.5, 2.0], [1.0, 0.0, 3.0]])
        >>> hinge_loss(energies, torch.tensor([0, 0]), reduction="none")
        tensor([0.5000, 2.0000])
    """
    check_energies(energies, target, reduction, "hinge_loss")
    check_finite(margin, "margin", "hinge_loss")
    correct, offending = correct_and_offending(energies, target)
    return apply_reduction(_positive_part(margin + correct - offending), reduction)


def log_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida logarítmica: una bisagra suave, con margen infinito.

    .. math::

        l_n = \log\bigl(1 + e^{E_C - E_I}\bigr)

    Es :math:`\operatorname{softplus}(E_C - E_I)`, y se evalúa como
    :math:`\log(e^{0} + e^{E_C - E_I})` con ``torch.logaddexp``, sin desbordar. Su
    derivada respecto a :math:`E_C` es :math:`\sigma(E_C - E_I)` y respecto a
    :math:`E_I` su opuesta: decae exponencialmente pero nunca se anula, así que la
    pérdida sigue separando las energías por grande que sea ya la diferencia.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import log_loss
        >>> energies = torch.tensor([[0.0, 0.0], [2.0, -1.0]])
        >>> log_loss(energies, torch.tensor([0, 1]), reduction="none").round(decimals=3)
        tensor([0.6930, 0.0490])
    """
    check_energies(energies, target, reduction, "log_loss")
    correct, offending = correct_and_offending(energies, target)
    gap = correct - offending
    return apply_reduction(torch.logaddexp(gap, torch.zeros_like(gap)), reduction)


def lvq2_loss(
    energies: Tensor, target: Tensor, saturation: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida LVQ2: la bisagra con margen 0, saturada en :math:`M`.

    .. math::

        l_n = \min\bigl(M,\; \max(0,\; E_C - E_I)\bigr)

    Vale 0 en cuanto la respuesta correcta gana (margen 0) y no pasa de :math:`M`
    cuando pierde por mucho. Solo da gradiente si :math:`0 < E_C - E_I < M`:
    :math:`+1` respecto a :math:`E_C` y :math:`-1` respecto a :math:`E_I`.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Argumentos:
        saturation: el valor :math:`M > 0` en que se satura. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import lvq2_loss
        >>> energies = torch.tensor([[0.0, 0.5], [0.75, 0.5], [3.0, 0.0]])
        >>> lvq2_loss(energies, torch.tensor([0, 0, 0]), reduction="none")
        tensor([0.0000, 0.2500, 1.0000])
    """
    check_energies(energies, target, reduction, "lvq2_loss")
    check_positive(saturation, "saturation", "lvq2_loss")
    correct, offending = correct_and_offending(energies, target)
    gap = correct - offending
    capped = torch.where(gap >= saturation, torch.full_like(gap, saturation), gap)
    return apply_reduction(_positive_part(capped), reduction)


def mce_loss(energies: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    r"""Pérdida MCE (*minimum classification error*): una sigmoide de la diferencia.

    .. math::

        l_n = \sigma(E_C - E_I) = \frac{1}{1 + e^{-(E_C - E_I)}}

    Es una versión suave del error de clasificación: casi 0 si la respuesta correcta
    gana con holgura y casi 1 si pierde. Su derivada respecto a :math:`E_C` es
    :math:`\sigma(z)(1 - \sigma(z))` con :math:`z = E_C - E_I`, y respecto a
    :math:`E_I` su opuesta; se anula por los dos lados, así que una muestra muy mal
    clasificada apenas aprende. Usa :func:`actloss.functional.sigmoid`.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import mce_loss
        >>> energies = torch.tensor([[0.0, 0.0], [2.0, -1.0]])
        >>> mce_loss(energies, torch.tensor([0, 1]), reduction="none").round(decimals=3)
        tensor([0.5000, 0.0470])
    """
    check_energies(energies, target, reduction, "mce_loss")
    correct, offending = correct_and_offending(energies, target)
    return apply_reduction(sigmoid(correct - offending), reduction)


def square_square_loss(
    energies: Tensor, target: Tensor, margin: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida cuadrado-cuadrado: :math:`E_C` a 0 y :math:`E_I` por encima de :math:`m`.

    .. math::

        l_n = E_C^2 + \bigl(\max(0,\; m - E_I)\bigr)^2

    Está pensada para energías no negativas, como una distancia: lleva la de la
    respuesta correcta a 0 y empuja la más ofensiva hasta :math:`m` (el margen), como la
    pérdida de las redes siamesas. Su derivada es :math:`2E_C` respecto a :math:`E_C`,
    :math:`-2\max(0, m - E_I)` respecto a :math:`E_I` y 0 respecto a las demás.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Argumentos:
        margin: el margen :math:`m` que debe alcanzar :math:`E_I`. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import square_square_loss
        >>> energies = torch.tensor([[0.0, 0.5, 2.0], [1.0, 0.0, 3.0]])
        >>> square_square_loss(energies, torch.tensor([0, 0]), reduction="none")
        tensor([0.2500, 2.0000])
    """
    check_energies(energies, target, reduction, "square_square_loss")
    check_finite(margin, "margin", "square_square_loss")
    correct, offending = correct_and_offending(energies, target)
    return apply_reduction(correct**2 + _positive_part(margin - offending) ** 2, reduction)


def square_exponential_loss(
    energies: Tensor, target: Tensor, gamma: float = 1.0, reduction: str = "mean"
) -> Tensor:
    r"""Pérdida cuadrado-exponencial: :math:`E_C` a 0 y :math:`E_I` hacia arriba, sin tope.

    .. math::

        l_n = E_C^2 + \gamma\, e^{-E_I}

    Como la cuadrado-cuadrado, lleva :math:`E_C` a 0, pero empuja :math:`E_I` hacia
    arriba con una fuerza :math:`\gamma e^{-E_I}` que decae y nunca se anula: su margen
    es positivo, no un valor fijo. Su derivada es :math:`2E_C` respecto a :math:`E_C`,
    :math:`-\gamma e^{-E_I}` respecto a :math:`E_I` y 0 respecto a las demás.

    Recibe ``energies``, ``target`` y ``reduction`` como todas las pérdidas de
    :mod:`actloss.energy`.

    Argumentos:
        gamma: el peso :math:`\gamma > 0` del término exponencial. Por defecto: ``1.0``.

    Ejemplos:
        >>> import torch
        >>> from actloss.energy import square_exponential_loss
        >>> energies = torch.tensor([[0.0, 0.0, 2.0], [1.0, 0.0, 3.0]])
        >>> square_exponential_loss(energies, torch.tensor([0, 0]), reduction="none")
        tensor([1., 2.])
    """
    check_energies(energies, target, reduction, "square_exponential_loss")
    check_positive(gamma, "gamma", "square_exponential_loss")
    correct, offending = correct_and_offending(energies, target)
    return apply_reduction(correct**2 + gamma * torch.exp(-offending), reduction)
