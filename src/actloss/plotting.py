"""Las figuras de la galería y de las notas, todas con un mismo estilo.

Cada figura se dibuja a partir del código: el valor con la función de
:mod:`actloss.functional` y la derivada con autograd, que usa la derivada escrita
a mano de cada activación. El fondo es opaco y claro, de modo que las figuras se
leen igual con el tema claro y con el oscuro. Requiere ``matplotlib`` (el extra
``actloss[plot]``).

Ejemplos:
    >>> from actloss.plotting import activation_figure
    >>> fig = activation_figure("relu")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['$x$', '$x$']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import torch
from cycler import cycler
from matplotlib.figure import Figure
from torch import Tensor

from actloss.catalog import Entry, get
from actloss.reference._ctc import forward_backward

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

STYLE: dict[str, Any] = {
    "figure.figsize": (8.0, 3.2),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#222222",
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.grid": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=PALETTE),
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
}


@contextmanager
def style() -> Iterator[None]:
    """Aplica el estilo común mientras dura el bloque ``with``.

    Restaura solo las claves de ``STYLE``. ``matplotlib.rc_context`` restauraría
    todas, también el modo interactivo que el backend de Jupyter activa al dibujar la
    primera figura, y las figuras siguientes de un cuaderno dejarían de mostrarse.
    """
    params: Any = mpl.rcParams  # its stubs only accept literal keys
    saved = {key: params[key] for key in STYLE}
    params.update(STYLE)
    try:
        yield
    finally:
        params.update(saved)


def _label(variant: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in variant.items()) or "por defecto"


def value_and_derivative(entry: str | Entry, x: Tensor, **kwargs: Any) -> tuple[Tensor, Tensor]:
    """:math:`f(x)` y :math:`f'(x)` de una activación, con su derivada escrita a mano."""
    entry = get(entry)
    leaf = x.detach().clone().requires_grad_()
    y = entry.fn(leaf, *entry.make_params(leaf.detach()), **kwargs)
    (grad,) = torch.autograd.grad(y.sum(), leaf)
    return y.detach(), grad


def activation_figure(
    entry: str | Entry,
    variants: Sequence[Mapping[str, Any]] = ({},),
    domain: tuple[float, float] | None = None,
) -> Figure:
    """La activación (izquierda) y su derivada (derecha), para una o varias variantes."""
    entry = get(entry)
    low, high = domain or entry.domain
    x = torch.linspace(low, high, 801, dtype=torch.float64)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for variant in variants:
            y, dy = value_and_derivative(entry, x, **variant)
            left.plot(x, y, label=_label(variant))
            right.plot(x, dy, label=_label(variant))
        left.set(title=entry.title, xlabel="$x$", ylabel="$f(x)$")
        right.set(title="Derivada", xlabel="$x$", ylabel="$f'(x)$")
        if len(variants) > 1:
            left.legend()
        for ax in (left, right):
            ax.axhline(0, color="#888888", linewidth=0.8)
            ax.axvline(0, color="#888888", linewidth=0.8)
    return fig


def loss_figure(
    entry: str | Entry,
    target: float = 0.0,
    variants: Sequence[Mapping[str, Any]] = ({},),
    domain: tuple[float, float] | None = None,
) -> Figure:
    """La pérdida frente a la predicción :math:`x` con el objetivo fijo, y su gradiente."""
    entry = get(entry)
    low, high = domain or entry.domain
    x = torch.linspace(low, high, 801, dtype=torch.float64).requires_grad_()
    y = torch.full_like(x, target)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for variant in variants:
            loss = entry.fn(x, y, **{"reduction": "none", **variant})
            (grad,) = torch.autograd.grad(loss.sum(), x)
            left.plot(x.detach(), loss.detach(), label=_label(variant))
            right.plot(x.detach(), grad, label=_label(variant))
        left.set(
            title=f"{entry.title}, objetivo $y = {target:g}$",
            xlabel="predicción $x$",
            ylabel=r"$\ell(x, y)$",
        )
        right.set(
            title="Gradiente", xlabel="predicción $x$", ylabel=r"$\partial \ell / \partial x$"
        )
        if len(variants) > 1:
            left.legend()
    return fig


def curves(
    x: Tensor | Sequence[float],
    series: Mapping[str, Tensor | Sequence[float]],
    xlabel: str,
    ylabel: str,
    title: str = "",
    logy: bool = False,
    marker: str | None = None,
) -> Figure:
    """Varias curvas sobre un mismo eje, con leyenda: para experimentos y comparaciones."""
    with style():
        fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
        for name, values in series.items():
            ax.plot(x, values, label=name, marker=marker)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
        if logy:
            ax.set_yscale("log")
        ax.legend()
    return fig


def elementwise_curve(entry: str | Entry, x: Tensor) -> tuple[Tensor, Tensor, str] | None:
    """:math:`f(x)` y :math:`f'(x)` sobre una rejilla ``x``, para tablas y rejillas.

    Si la función actúa elemento a elemento, es :func:`value_and_derivative`. Si no (una
    softmax, GLU), se dibuja el primer componente de :math:`f([x, 0])` a lo largo de la
    última dimensión, que es la que decide el caso de dos clases. Devuelve también la
    etiqueta de lo que se dibuja, o ``None`` si ninguna de las dos vistas tiene sentido.
    """
    import inspect
    import warnings

    entry = get(entry)
    try:
        with warnings.catch_warnings():  # e.g. a softmax's implicit ``dim``: tried below
            warnings.simplefilter("ignore")
            y, dy = value_and_derivative(entry, x)
            half = x.numel() // 2
            y_half, _ = value_and_derivative(entry, x[:half])
        if y.shape == x.shape and torch.allclose(y[:half], y_half, equal_nan=True):
            return y, dy, "$f(x)$"
    except Exception:  # the second view is tried below
        pass
    try:
        leaf = x.detach().clone().requires_grad_()
        pair = torch.stack([leaf, torch.zeros_like(leaf)], dim=-1)
        kwargs = {"dim": -1} if "dim" in inspect.signature(entry.fn).parameters else {}
        out = entry.fn(pair, *entry.make_params(pair.detach()), **kwargs)[..., 0]
        if out.shape != x.shape:
            return None
        (grad,) = torch.autograd.grad(out.sum(), leaf)
        return out.detach(), grad, "$f([x, 0])_0$"
    except Exception:
        return None


def activation_zoo(entries: Sequence[str | Entry], columns: int = 4) -> Figure:
    """Todas las activaciones dadas en una rejilla: cada una con su derivada (discontinua)."""
    found = [get(e) for e in entries]
    rows = max(1, -(-len(found) // columns))
    with style():
        fig, axes = plt.subplots(
            rows,
            columns,
            figsize=(2.6 * columns, 2.1 * rows),
            layout="constrained",
            squeeze=False,
        )
        for ax, entry in zip(axes.flat, found, strict=False):
            low, high = entry.domain
            x = torch.linspace(low, high, 401, dtype=torch.float64)
            curve = elementwise_curve(entry, x)
            ax.set_title(entry.module, fontsize=10)
            if curve is None:
                ax.text(0.5, 0.5, "sin vista 1-D", ha="center", transform=ax.transAxes)
                continue
            y, dy, what = curve
            ax.plot(x, y, label="valor")
            ax.plot(x, dy, linestyle="--", linewidth=1.5, label="derivada")
            if what != "$f(x)$":
                ax.set_title(f"{entry.module}: {what}", fontsize=10)
            ax.tick_params(labelsize=8)
        for ax in list(axes.flat)[len(found) :]:
            ax.set_visible(False)
        axes.flat[0].legend(fontsize=8, loc="upper left")
    return fig


def catalog_thumbnail(entry: str | Entry) -> Figure | None:
    """Una miniatura de la activación y su derivada, sin ejes ni texto: para tablas.

    ``None`` si :func:`elementwise_curve` no encuentra qué dibujar.
    """
    entry = get(entry)
    low, high = entry.domain
    x = torch.linspace(low, high, 201, dtype=torch.float64)
    curve = elementwise_curve(entry, x)
    if curve is None:
        return None
    y, dy, _ = curve
    with style():
        fig, ax = plt.subplots(figsize=(1.2, 0.8), dpi=100, layout="constrained")
        ax.axhline(0, color="#bbbbbb", linewidth=0.6)
        ax.axvline(0, color="#bbbbbb", linewidth=0.6)
        ax.plot(x, y, linewidth=1.6)
        ax.plot(x, dy, linestyle="--", linewidth=1.0)
        ax.set_axis_off()
    return fig


def margin_figure(
    loss: Callable[[Tensor, float | None], Tensor],
    margins: Sequence[float | None] = (None,),
    domain: tuple[float, float] = (-3.0, 3.0),
    title: str = "",
    xlabel: str = "margen obtenido $s$",
    log_gradient: bool = False,
) -> Figure:
    r"""Una pérdida de margen frente al margen obtenido :math:`s`, y su derivada.

    ``loss(s, m)`` devuelve la pérdida sin reducir de cada :math:`s` con el margen
    exigido ``m`` (por ejemplo :math:`s = y (x_1 - x_2)` en el ranking). Una línea de
    puntos marca cada margen: a su derecha las pérdidas de bisagra valen 0 y su
    derivada también. Con ``log_gradient=True`` la derecha muestra
    :math:`|\partial \ell / \partial s|` en escala logarítmica, para ver cómo decae.
    """
    low, high = domain
    s = torch.linspace(low, high, 801, dtype=torch.float64).requires_grad_()
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for margin in margins:
            values = loss(s, margin)
            (grad,) = torch.autograd.grad(values.sum(), s)
            label = "" if margin is None else f"margen = {margin:g}"
            left.plot(s.detach(), values.detach(), label=label)
            shown = grad.abs() if log_gradient else grad
            line = right.plot(s.detach(), shown, label=label)[0]
            if margin is not None:
                for ax in (left, right):
                    ax.axvline(margin, color=line.get_color(), linestyle=":", linewidth=1.2)
        left.set(title=title, xlabel=xlabel, ylabel=r"$\ell$")
        if log_gradient:
            right.set_yscale("log")
            right.set(ylabel=r"$|\partial \ell / \partial s|$")
        else:
            right.set(ylabel=r"$\partial \ell / \partial s$")
        right.set(title="Derivada", xlabel=xlabel)
        if any(m is not None for m in margins):
            left.legend()
    return fig


def _ctc_moves(extended: list[int], s: int) -> list[int]:
    """Cuántos estados puede avanzar un camino para llegar a ``s``: 0, 1 y, a veces, 2."""
    moves = [0, 1] if s > 0 else [0]
    if s > 1 and extended[s] != extended[s - 2]:
        moves.append(2)
    return moves


def alignment_lattice(
    log_probs: Tensor,
    target: Sequence[int],
    blank: int = 0,
    names: Sequence[str] | None = None,
) -> Figure:
    """El retículo de alineaciones de CTC: estados de la secuencia extendida frente al tiempo.

    La fila :math:`s` es el estado :math:`l'_s` de la secuencia extendida (el objetivo con
    blancos intercalados) y la columna es el instante :math:`t`. Cada camino de arriba
    abajo que empieza en una de las dos primeras filas y acaba en una de las dos
    últimas es una alineación. El color de un nodo es la probabilidad a posteriori
    :math:`\\alpha_t(s)\\,\\beta_t(s) / (y_{t,l'_s}\\, p(y \\mid x))` de pasar por él; las
    aristas (quedarse, avanzar o saltar un blanco) son las que usa algún camino completo.
    :math:`\\alpha` y :math:`\\beta` salen de la definición de la pérdida,
    ``actloss.reference._ctc.forward_backward``.

    Argumentos:
        log_probs: :math:`(T, C)`, una sola secuencia.
        target: las etiquetas del objetivo.
        blank: índice de la clase blanco. Por defecto: ``0``.
        names: nombre de cada clase para el eje. Por defecto: ``None`` (sus índices).

    Ejemplos:
        >>> import torch
        >>> fig = alignment_lattice(torch.full((3, 2), 0.5).log(), [1])
        >>> fig.axes[0].get_xlabel()
        'instante $t$'
    """
    log_probs = log_probs.detach().to(torch.float64)
    extended = [blank]
    for label in target:
        extended += [int(label), blank]
    alpha, beta = forward_backward(log_probs, target, blank)
    steps, states = alpha.shape
    emit = log_probs[:, extended]
    total = torch.logsumexp(alpha[-1, max(states - 2, 0) :], 0)  # log p(y | x)
    posterior = torch.exp(alpha + beta - emit - total)
    labels = [(names[c] if names else str(c)) for c in extended]
    with style():
        fig, ax = plt.subplots(figsize=(8.0, 0.45 * states + 1.4), layout="constrained")
        for t in range(1, steps):
            for s in range(states):
                for k in _ctc_moves(extended, s):
                    if torch.isfinite(alpha[t - 1, s - k] + beta[t, s]):
                        weight = float(posterior[t, s])
                        ax.plot([t - 1, t], [s - k, s], color="#999999", lw=0.6 + 2 * weight)
        grid_t, grid_s = torch.meshgrid(torch.arange(steps), torch.arange(states), indexing="ij")
        dots = ax.scatter(
            grid_t.flatten(),
            grid_s.flatten(),
            c=posterior.flatten(),
            s=140,
            cmap="Blues",
            vmin=0,
            vmax=1,
            edgecolors="#333333",
            zorder=3,
        )
        fig.colorbar(dots, ax=ax, label="probabilidad a posteriori")
        ax.set_yticks(range(states), labels)
        ax.invert_yaxis()
        ax.set(xlabel="instante $t$", ylabel="estado de $l'$", title="Retículo de alineaciones")
        ax.set_xticks(range(steps))
        ax.grid(False)
    return fig


__all__ = [
    "PALETTE",
    "STYLE",
    "activation_figure",
    "activation_zoo",
    "alignment_lattice",
    "catalog_thumbnail",
    "curves",
    "elementwise_curve",
    "loss_figure",
    "margin_figure",
    "style",
    "value_and_derivative",
]


def vector_activation_figure(
    entry: str | Entry,
    logits: Tensor | Sequence[float],
    scales: Sequence[float] = (0.5, 1.0, 2.0, 8.0),
    channel_dim: int = -1,
    domain: tuple[float, float] | None = None,
    **kwargs: Any,
) -> Figure:
    r"""Una activación vectorial (softmax y parientes) a varias temperaturas, y un corte.

    A la izquierda, cada componente de :math:`f(\beta z)` para unas puntuaciones :math:`z`
    fijos y varias escalas :math:`\beta` (la inversa de la temperatura). A la derecha,
    el corte de dos componentes :math:`f([x, 0])_0` frente a :math:`x` y su derivada
    :math:`\partial f_0 / \partial x_0`, la diagonal de la jacobiana, con la derivada
    escrita a mano. ``channel_dim`` es la dimensión sobre la que actúa la función
    (``-3`` para Softmax2d); ``kwargs`` se pasan a la función.

    Ejemplos:
        >>> from actloss.plotting import vector_activation_figure
        >>> fig = vector_activation_figure("softmax", [1.0, 2.0, 0.5], dim=-1)
        >>> [ax.get_xlabel() for ax in fig.axes]
        ['componente $i$', '$x$']
    """
    entry = get(entry)
    z = torch.as_tensor(logits, dtype=torch.float64)
    low, high = domain or entry.domain
    x = torch.linspace(low, high, 801, dtype=torch.float64)
    # Give x enough trailing dimensions that stacking along channel_dim is valid.
    leaf = x.reshape(-1, *[1] * max(0, -channel_dim - 2)).requires_grad_()
    pair = torch.stack([leaf, torch.zeros_like(leaf)], dim=channel_dim)
    first = entry.fn(pair, **kwargs).select(channel_dim, 0)
    (slope,) = torch.autograd.grad(first.sum(), leaf)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for beta in scales:
            y = entry.fn(beta * z, **kwargs).detach().flatten()
            left.plot(range(y.numel()), y, marker="o", label=rf"$\beta = {beta:g}$")
        left.set(title=f"{entry.title} de $\\beta z$", xlabel="componente $i$", ylabel="$f_i$")
        left.set_xticks(range(z.numel()))
        left.legend()
        right.plot(x, first.detach().flatten(), label="$f([x, 0])_0$")
        right.plot(x, slope.flatten(), label=r"$\partial f_0 / \partial x_0$")
        right.set(title="Corte de dos componentes", xlabel="$x$")
        right.axhline(0, color="#888888", linewidth=0.8)
        right.legend()
    return fig


__all__ += ["vector_activation_figure"]


def gate_figure(
    gates: Sequence[float] = (-3.0, -1.0, 0.0, 2.0),
    domain: tuple[float, float] = (-4.0, 4.0),
) -> Figure:
    r"""GLU a lo largo de :math:`a` para varias compuertas :math:`b` (izquierda), y sus dos
    derivadas parciales (derecha), con autograd sobre :func:`actloss.functional.glu`.

    :math:`\partial \operatorname{GLU} / \partial a = \sigma(b)` no depende de :math:`a`
    (líneas discontinuas); :math:`\partial \operatorname{GLU} / \partial b = a\,\sigma(b)\,
    (1 - \sigma(b))` crece con :math:`a` (líneas continuas). Cada compuerta tiene un color;
    como :math:`\sigma(b)(1 - \sigma(b))` es par en :math:`b`, compuertas opuestas darían la
    misma línea continua y las de por defecto tienen valores absolutos distintos.

    Ejemplos:
        >>> from actloss.plotting import gate_figure
        >>> fig = gate_figure(gates=(0.0, 2.0))
        >>> [ax.get_xlabel() for ax in fig.axes]
        ['$a$', '$a$']
    """
    from actloss.functional import glu

    a = torch.linspace(*domain, 201, dtype=torch.float64)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        for color, gate in zip(PALETTE, gates, strict=False):
            halves = torch.stack([a, torch.full_like(a, gate)], dim=-1).requires_grad_()
            out = glu(halves)
            (grad,) = torch.autograd.grad(out.sum(), halves)
            left.plot(a, out.detach().flatten(), color=color, label=f"$b = {gate:g}$")
            right.plot(a, grad[:, 1], color=color, label=f"$b = {gate:g}$")
            right.plot(a, grad[:, 0], color=color, linestyle="--", linewidth=1.2)
        left.set(title="GLU: la compuerta $b$ decide cuánto pasa", xlabel="$a$")
        left.set_ylabel(r"$\mathrm{GLU}(a, b)$")
        right.set(xlabel="$a$", ylabel="derivada")
        right.set_title(r"$\partial/\partial b$ (continua), $\partial/\partial a$ (discontinua)")
        left.legend()
        for ax in (left, right):
            ax.axhline(0, color="#888888", linewidth=0.8)
    return fig


__all__ += ["gate_figure"]


def ratio_figure(
    names: Sequence[str],
    series: Mapping[str, Sequence[float]],
    targets: Mapping[str, float] | None = None,
    title: str = "",
    xlabel: str = "actloss / torch (escala logarítmica)",
) -> Figure:
    r"""Barras horizontales de cocientes (tiempos o memoria de actloss entre los de torch).

    Cada fila es un nombre de ``names``; cada serie de ``series`` (por ejemplo «sin
    compilar» y «compilado») es un grupo de barras, en escala logarítmica, de modo que
    :math:`2\times` más lento y :math:`2\times` más rápido quedan a la misma distancia
    de 1. Los valores ``nan`` (lo que no se midió) se dejan sin barra. ``targets`` dibuja
    una línea vertical por objetivo, con su nombre en la leyenda; la línea de 1 (igual
    que torch) se dibuja siempre.

    Ejemplos:
        >>> from actloss.plotting import ratio_figure
        >>> fig = ratio_figure(["relu", "elu"], {"sin compilar": [1.5, 2.5]}, {"objetivo": 2.0})
        >>> fig.axes[0].get_xscale()
        'log'
    """
    rows = len(names)
    width = 0.8 / max(len(series), 1)
    with style():
        fig, ax = plt.subplots(figsize=(8.0, 0.9 + 0.28 * rows * max(len(series), 1) ** 0.5))
        for k, (label, values) in enumerate(series.items()):
            positions = [i + (k - (len(series) - 1) / 2) * width for i in range(rows)]
            ax.barh(
                positions, [float(v) for v in values], height=width, label=label, color=PALETTE[k]
            )
        ax.axvline(1.0, color="#222222", linewidth=1.0)
        styles = ("--", ":", "-.")
        for k, (label, value) in enumerate((targets or {}).items()):
            ax.axvline(value, color="#555555", linestyle=styles[k % 3], linewidth=1.2, label=label)
        ax.set_xscale("log")
        ax.set_yticks(range(rows), list(names))
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_xlabel(xlabel)
        ax.set_title(title, pad=26)
        ax.grid(axis="y", visible=False)
        # Above the bars, between them and the title: inside, it would hide the longest bar.
        handles = len(series) + len(targets or {})
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=handles, fontsize=9)
        fig.tight_layout()
    return fig


__all__ += ["ratio_figure"]


def energy_figure(
    loss: Callable[..., Tensor],
    margin: float | None = None,
    margin_on: str = "diferencia",
    domain: tuple[float, float] = (-3.0, 3.0),
    title: str = "",
    **kwargs: Any,
) -> Figure:
    r"""Una pérdida de energía sobre el plano :math:`(E_C, E_I)` y a lo largo de un corte.

    ``loss`` es una pérdida de :mod:`actloss.energy`; se evalúa con dos respuestas, de
    energías :math:`(E_C, E_I)`, la primera la correcta, y con ``reduction='none'`` y
    ``kwargs``. A la izquierda, sus curvas de nivel: por encima de la diagonal
    :math:`E_I = E_C` (discontinua) el modelo acierta, y la línea de puntos marca el
    margen, :math:`E_I = E_C + m` si ``margin_on="diferencia"`` o :math:`E_I = m` si
    ``margin_on="incorrecta"``. A la derecha, la pérdida y sus derivadas respecto a
    :math:`E_C` y :math:`E_I` a lo largo del corte :math:`E_C = 0`.

    Ejemplos:
        >>> from actloss import energy
        >>> from actloss.plotting import energy_figure
        >>> fig = energy_figure(energy.hinge_loss, margin=1.0)
        >>> [ax.get_xlabel() for ax in fig.axes[:2]]
        ['$E_C$', '$E_I$ (con $E_C = 0$)']
    """
    if margin_on not in ("diferencia", "incorrecta"):
        raise ValueError(
            "energy_figure: el argumento `margin_on` debe ser 'diferencia' o 'incorrecta'; "
            f"se recibió {margin_on!r}."
        )
    low, high = domain
    grid = torch.linspace(low, high, 161, dtype=torch.float64)
    correct, incorrect = torch.meshgrid(grid, grid, indexing="xy")
    plane = torch.stack([correct.flatten(), incorrect.flatten()], dim=1)
    target = torch.zeros(len(plane), dtype=torch.long)
    values = loss(plane, target, reduction="none", **kwargs).reshape(correct.shape)
    cut = torch.stack([torch.zeros_like(grid), grid], dim=1).requires_grad_()
    along = loss(cut, target[: len(grid)], reduction="none", **kwargs)
    (grad,) = torch.autograd.grad(along.sum(), cut)
    with style():
        fig, (left, right) = plt.subplots(1, 2, layout="constrained")
        filled = left.contourf(correct, incorrect, values, levels=20, cmap="cividis")
        left.contour(
            correct, incorrect, values, levels=filled.levels[4::4], colors="white", linestyles="-"
        )
        fig.colorbar(filled, ax=left, label=r"$\ell$")
        left.plot([low, high], [low, high], "--", color="white", label="$E_I = E_C$")
        if margin is not None:
            shift = [low + margin, high + margin] if margin_on == "diferencia" else [margin] * 2
            name = f"E_C + {margin:g}" if margin_on == "diferencia" else f"{margin:g}"
            left.plot([low, high], shift, ":", color=PALETTE[4], lw=2.5, label=f"$E_I = {name}$")
        left.set(xlim=domain, ylim=domain, aspect="equal", title=title)
        left.set(xlabel="$E_C$", ylabel="$E_I$")
        left.grid(False)
        left.legend(loc="lower right", fontsize=8, frameon=True, facecolor="#dddddd")
        right.plot(grid, along.detach(), color=PALETTE[6], label=r"$\ell$")
        right.plot(grid, grad[:, 0], label=r"$\partial \ell / \partial E_C$")
        right.plot(grid, grad[:, 1], label=r"$\partial \ell / \partial E_I$")
        right.axvline(0, color="#222222", linestyle="--", linewidth=1.0)
        if margin is not None:
            right.axvline(margin, color=PALETTE[4], linestyle=":", linewidth=2.0)
        right.set(title="Corte $E_C = 0$", xlabel="$E_I$ (con $E_C = 0$)")
        right.legend(fontsize=8)
    return fig


__all__ += ["energy_figure"]
