"""Decodificación de las salidas de CTC; véase :func:`greedy_decode`."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import Tensor


def collapse(path: Sequence[int], blank: int = 0) -> list[int]:
    r"""La función :math:`\mathcal{B}` de CTC: junta las repeticiones seguidas y quita los blancos.

    Argumentos:
        path: una alineación, una clase por instante.
        blank: índice de la clase blanco. Por defecto: ``0``.

    Ejemplos:
        >>> collapse([1, 1, 0, 1, 2, 2, 0])
        [1, 1, 2]
    """
    labels: list[int] = []
    previous = None
    for label in path:
        if label != previous and label != blank:
            labels.append(label)
        previous = label
    return labels


def greedy_decode(
    log_probs: Tensor,
    input_lengths: Tensor | Sequence[int] | None = None,
    blank: int = 0,
) -> list[list[int]]:
    r"""Decodificación voraz (mejor camino): la clase más probable en cada instante, colapsada.

    Toma :math:`\hat\pi_t = \arg\max_c x_{t,c}` en cada instante :math:`t < T_n` y devuelve
    :math:`\mathcal{B}(\hat\pi)`. Es la alineación más probable, no necesariamente la
    secuencia más probable (que suma sobre todas sus alineaciones), pero suele coincidir
    cuando la red está segura. En un empate gana la clase de menor índice, como en
    ``argmax``.

    Argumentos:
        log_probs: :math:`(T, N, C)` o :math:`(T, C)`; sirven también probabilidades o
            logits, porque solo importa el orden.
        input_lengths: :math:`T_n` de cada secuencia. Por defecto: ``None`` (todas :math:`T`).
        blank: índice de la clase blanco. Por defecto: ``0``.

    Forma:
        - ``log_probs``: :math:`(T, N, C)` o :math:`(T, C)` (un lote de una secuencia).
        - Salida: una lista de :math:`N` secuencias de etiquetas.

    Ejemplos:
        >>> import torch
        >>> from actloss.decoding import greedy_decode
        >>> frames = torch.tensor([[0.1, 0.8, 0.1], [0.1, 0.7, 0.2], [0.9, 0.05, 0.05],
        ...                        [0.2, 0.7, 0.1], [0.1, 0.1, 0.8]])
        >>> greedy_decode(frames.log())
        [[1, 1, 2]]
    """
    if log_probs.dim() == 2:
        log_probs = log_probs.unsqueeze(1)
    if log_probs.dim() != 3:
        raise ValueError(
            f"greedy_decode: el argumento `log_probs` debe tener forma (T, N, C) o (T, C); "
            f"se recibió {tuple(log_probs.shape)}."
        )
    steps, batch, _ = log_probs.shape
    if input_lengths is None:
        lengths = [steps] * batch
    else:
        lengths = torch.as_tensor(input_lengths).reshape(-1).tolist()
    best = log_probs.argmax(-1)  # (T, N)
    return [collapse(best[: lengths[n], n].tolist(), blank) for n in range(batch)]


__all__ = ["collapse", "greedy_decode"]
