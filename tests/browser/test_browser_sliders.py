"""Las figuras interactivas (``docs/_ext/interactive/`` y ``interactivo.js``) en Chromium.

Una sola pestaña abre la primera página con controles, entera: axe-core no encuentra
infracciones en claro ni en oscuro y las curvas contrastan con su fondo. Después, en esa
misma página, monta una tras otra la figura de cada página con controles (su HTML y sus
datos tal como los sirve el sitio, con el script del sitio), para que la prueba quepa en
su presupuesto de tiempo: abrir cada página entera costaría medio segundo por página. En
cada figura, cada control se mueve con el teclado: la curva dibujada cambia, y los
valores que dibuja en los puntos de la rejilla son los de actloss, calculados aquí con
:mod:`actloss.functional` o :mod:`actloss.energy` (y autograd para la derivada) hasta la
precisión de los datos. Entre esas páginas están las de todas las pérdidas de energía
con parámetros en el catálogo (frente a :math:`z = E_C - E_I`). Cada página carga el
script y el estilo de la figura.

En el explorador, lo elegido con el teclado se guarda en la dirección y vuelve igual al
abrirla, también con axe en claro y en oscuro. Ninguna petición sale de 127.0.0.1. Sin
navegador: el peso de cada página con sus figuras, su script, su estilo y sus datos.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from torch import Tensor

from actloss import catalog, energy
from actloss import functional as AF

from . import sitecrawl
from .browsing import Tab, new_tab
from .test_browser_layout import contrast, luminance

EXPLORER = "explorador.html"
EXPLORER_LIMIT = 600 * 1024
OWN_ASSETS = ("_static/interactivo.js", "_static/interactivo.css")
LOGITS = (1.0, 2.5, 0.5, 2.0, -1.0)  # the softmax family's scores, as in their examples
READY = "[data-listo]"  # set by interactivo.js once a figure is drawn


def slider_pages(site: Path = sitecrawl.SITE) -> list[str]:
    """Las páginas de la galería con una figura interactiva, leídas del sitio construido."""
    if not site.is_dir():
        return []
    return [
        p for p in sitecrawl.gallery_examples(site) if "data-interactivo=" in (site / p).read_text()
    ]


# What each loss's figure draws against its x axis, written here from the examples'
# constructions (the extension has its own): the loss of each point s, unreduced.
def _pair(s: Tensor) -> Tensor:
    return torch.stack([s, torch.zeros_like(s)], dim=1)


def _cosine(s: Tensor, kw: dict[str, Any]) -> Tensor:
    u = torch.stack([torch.ones_like(s), torch.zeros_like(s)], dim=1)
    v = torch.stack([s, (1 - s * s).sqrt()], dim=1)
    return AF.cosine_embedding_loss(u, v, -torch.ones_like(s), reduction="none", **kw)


def _triplet(s: Tensor, kw: dict[str, Any]) -> Tensor:
    a, p = torch.zeros(len(s), 2, dtype=s.dtype), torch.full((len(s), 2), 0.5, dtype=s.dtype)
    return AF.triplet_margin_loss(a, p, torch.stack([s, s], 1), reduction="none", **kw)


def _triplet_line(s: Tensor, kw: dict[str, Any]) -> Tensor:
    a = torch.zeros(len(s), 1, dtype=s.dtype)
    n = -(1 + s).clamp_min(0).unsqueeze(1)
    return AF.triplet_margin_with_distance_loss(a, a + 1, n, reduction="none", **kw)


LOSSES: dict[str, Callable[[Tensor, dict[str, Any]], Tensor]] = {
    "poisson_nll_loss": lambda s, kw: AF.poisson_nll_loss(
        s, torch.full_like(s, 3.0), reduction="none", **kw
    ),
    "margin_ranking_loss": lambda s, kw: AF.margin_ranking_loss(
        s, torch.zeros_like(s), torch.ones_like(s), reduction="none", **kw
    ),
    "hinge_embedding_loss": lambda s, kw: AF.hinge_embedding_loss(
        s, -torch.ones_like(s), reduction="none", **kw
    ),
    "multi_margin_loss": lambda s, kw: AF.multi_margin_loss(
        _pair(s), torch.zeros(len(s), dtype=torch.long), reduction="none", **kw
    ),
    "cosine_embedding_loss": _cosine,
    "triplet_margin_loss": _triplet,
    "triplet_margin_with_distance_loss": _triplet_line,
}


def actloss_values(data: dict[str, Any], indices: list[int]) -> list[list[list[float]]]:
    """Lo que la figura debe dibujar con los controles en ``indices``, calculado con actloss."""
    kw = {  # a slider's values are floats (JSON from the page writes 1.0 as 1)
        c["nombre"]: float(c["valores"][i]) if c["tipo"] == "rango" else c["valores"][i]
        for c, i in zip(data["controles"], indices, strict=True)
    }
    x = torch.tensor(data["x"], dtype=torch.float64, requires_grad=True)
    if data["clave"].startswith("energia:"):  # two answers: E = (0, -z), the first correct
        energies = torch.stack([torch.zeros_like(x), -x], dim=1)
        target = torch.zeros(len(x), dtype=torch.long)
        y = getattr(energy, data["nombre"])(energies, target, reduction="none", **kw)
        (grad,) = torch.autograd.grad(y.sum(), x)
        return [[y.detach().tolist()], [grad.tolist()]]
    entry = catalog.get(data["nombre"])
    if data["tipo"] == "barras":  # softmax and its kin: f(z / T)
        (temperature,) = kw.values()
        z = torch.tensor(LOGITS, dtype=torch.float64) / temperature
        return [[entry.fn(z, dim=-1).tolist()]]
    if entry.kind == "activación":
        if entry.name == "prelu":
            y = AF.prelu(x, torch.tensor([kw["weight"]], dtype=torch.float64))
        else:
            y = entry.fn(x, **kw)
    elif entry.name in LOSSES:
        y = LOSSES[entry.name](x, kw)
    else:  # against the residual x - y, with target 0
        y = entry.fn(x, torch.zeros_like(x), reduction="none", **kw)
    (grad,) = torch.autograd.grad(y.sum(), x)
    return [[y.detach().tolist()], [grad.tolist()]]


def mismatches(data: dict[str, Any], drawn: Any, indices: list[int]) -> list[str]:
    """Los puntos donde lo dibujado se aparta de actloss más que el redondeo de los datos."""
    expected = actloss_values(data, indices)
    found = []
    for p, (panel, wanted) in enumerate(zip(drawn, expected, strict=True)):
        tolerance = 0.5 * 10 ** -data["paneles"][p]["decimales"] + 1e-9  # rounding only
        for series, reference in zip(panel, wanted, strict=True):
            for i, (a, b) in enumerate(zip(series, reference, strict=True)):
                finite = b == b and abs(b) != float("inf")
                if (a is None) == finite or (finite and abs(a - b) > tolerance):
                    found.append(f"panel {p}, x = {data['x'][i]}: dibujado {a}, actloss {b}")
    return found


@pytest.fixture(scope="module")
def reader(browser: Any, base_url: str) -> Iterator[Tab]:
    """Una pestaña que pide menos movimiento: cada valor se dibuja sin transición."""
    yield from new_tab(browser, base_url, reduced_motion="reduce")


# Replaces the figure on the page by the one of ``url`` (its HTML as served) and starts
# it; returns the scripts and style sheets that page loads.
MOUNT = """async url => {
    const page = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    const figure = document.importNode(page.querySelector('figure.interactivo'), true);
    document.querySelector('figure.interactivo').replaceWith(figure);
    actlossInteractivo.figura(figure);
    return [...page.querySelectorAll('script[src], link[rel=stylesheet]')]
        .map(e => e.getAttribute('src') || e.getAttribute('href'));
}"""


# What the figure draws now and the index of each control, as JSON text (one round trip;
# text crosses from the browser much faster than the objects it encodes).
DRAWN = "f => [f.dataset.dibujado, f.dataset.indices]"


def _drawn(figure: Any) -> tuple[Any, list[int]]:
    drawn, indices = figure.evaluate(DRAWN)
    return json.loads(drawn), json.loads(indices)


AXE_RUN = """([scope, rules]) => axe.run(scope ? document.querySelector(scope) : document,
    rules ? {runOnly: {type: 'rule', values: rules}} : {})
    .then(r => r.violations.map(v => v.id + ': ' + v.help))"""
# In dark mode only the colours change (the same document): their rules, as test_browser_pages.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _axe(tab: Tab, axe_source: str, scope: str | None, rules: list[str] | None) -> list[str]:
    if not tab.page.evaluate("() => typeof axe !== 'undefined'"):
        tab.page.add_script_tag(content=axe_source)
    return list(tab.page.evaluate(AXE_RUN, [scope, rules]))


# Colour of each drawn curve or bar, and the colour behind the figure.
INK = """root => {
    const back = getComputedStyle(root).backgroundColor;
    return [back, [...root.querySelectorAll('.curva, .barra')].map(
        e => getComputedStyle(e)[e.classList.contains('barra') ? 'fill' : 'stroke'])];
}"""


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])


def _light_and_dark(tab: Tab, axe_source: str, selector: str, scope: str | None) -> list[str]:
    """axe sin infracciones (en ``scope``, o en toda la página) y curvas con contraste de
    3:1 sobre su fondo (WCAG, gráficos), con el tema claro y con el oscuro (el del sistema)."""
    problems = []
    for scheme in ("light", "dark"):
        tab.page.emulate_media(color_scheme=scheme)
        tab.page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
        tab.page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
        rules = COLOUR_RULES if scheme == "dark" else None
        problems += [f"axe ({scheme}): {v}" for v in _axe(tab, axe_source, scope, rules)]
        back, inks = tab.page.eval_on_selector(selector, INK)
        lb = luminance(_rgb(back))
        problems += [
            f"({scheme}) curva {ink} sobre {back}"
            for ink in inks
            if contrast(lb, luminance(_rgb(ink))) < 3
        ]
    tab.page.emulate_media(color_scheme="light")
    return problems


def _move(tab: Tab, figure: Any, data: dict[str, Any], c: int) -> list[str]:
    """Mueve el control ``c`` con el teclado: un paso y, si la curva no cambia (el umbral
    de Softplus no se ve con beta = 1), hasta el otro extremo. Compara con actloss."""
    control = data["controles"][c]
    drawn, indices = _drawn(figure)
    widget = f"interactivo-{data['nombre']}-{control['nombre']}"
    last = indices[c] == len(control["valores"]) - 1
    step, end = ("ArrowLeft", "Home") if last else ("ArrowRight", "End")
    if control["tipo"] == "opciones":  # a <select> moves with the up and down arrows
        step, end = ("ArrowUp", "Home") if last else ("ArrowDown", "End")
    tab.page.evaluate("id => document.getElementById(id).focus()", widget)
    for key in (step, end):
        tab.page.keyboard.press(key)
        after, moved = _drawn(figure)
        if moved[c] != indices[c] and after != drawn:
            break
    else:
        return [f"mover {control['nombre']} no cambia la curva"]
    if after is None:  # a combination the function refuses: the page shows its message
        return []
    return mismatches(data, after, moved)[:3]


DATA = re.compile(r'<script type="application/json" class="interactivo-datos">(.*?)</script>', re.S)


def page_data(site: Path, path: str) -> dict[str, Any]:
    """Los datos de la figura de ``path``, leídos del HTML que sirve el sitio."""
    found = DATA.search((site / path).read_text(encoding="utf-8"))
    assert found, f"{path}: sin datos de la figura"
    return dict(json.loads(found[1]))


LABELS = "f => [...f.querySelectorAll('label')].map(l => l.innerText.trim())"


def _check_figure(tab: Tab, site: Path, path: str) -> list[str]:
    """La figura de la página: sus valores iniciales y cada control movido con el teclado."""
    figure = tab.page.locator("figure.interactivo")
    data = page_data(site, path)
    problems = [f"{path}: {m}" for m in mismatches(data, *_drawn(figure))[:3]]
    labels = figure.evaluate(LABELS)
    if len(labels) != len(data["controles"]) or not all(labels):
        problems.append(f"{path}: controles sin etiqueta visible: {labels}")
    for c in range(len(data["controles"])):
        problems += [f"{path}: {m}" for m in _move(tab, figure, data, c)]
    return problems


def test_every_slider_redraws_with_actloss_numbers(
    reader: Tab, axe_source: str, site: Path
) -> None:
    pages = slider_pages(site)
    assert len(pages) >= 20, f"solo {len(pages)} páginas con controles: {pages}"
    # The energy losses' pages too (plot_energy_nll_loss for nll_loss): their figures are
    # mounted and checked in the loop below, like every other page's.
    energy_pages = {f"{e.example}.html" for e in catalog.energy_losses() if e.parameters}
    assert len(energy_pages) >= 6 and energy_pages <= set(pages), energy_pages - set(pages)
    visit = reader.open(pages[0])
    # The whole page goes through axe in test_browser_pages (the first example of the
    # gallery); here, the figure.
    problems = _light_and_dark(reader, axe_source, "figure.interactivo", "figure.interactivo")
    problems += _check_figure(reader, site, pages[0])
    for path in pages[1:]:
        assets = reader.page.evaluate(MOUNT, reader.base_url + path)
        mine = [a for a in assets if "/_static/interactivo." in a]
        if len(mine) != 2:
            problems.append(f"{path}: no carga interactivo.js e interactivo.css: {assets}")
        problems += _check_figure(reader, site, path)
    problems += [f"fuera de 127.0.0.1: {u}" for u in visit.outside]
    problems += visit.console_errors + visit.failed
    assert problems == [], "\n".join(problems[:30])


def _checked(tab: Tab) -> list[str]:
    return tab.page.eval_on_selector_all(
        ".interactivo-explorador input:checked", "l => l.map(i => i.id)"
    )


def _explorer_drawn(tab: Tab) -> list[Any]:
    return tab.page.eval_on_selector_all(
        ".interactivo-explorador", "l => l.map(e => JSON.parse(e.dataset.dibujado))"
    )


def test_explorer_overlays_and_keeps_the_choice_in_the_url(
    reader: Tab, axe_source: str, site: Path
) -> None:
    tab = reader
    visit = tab.open(EXPLORER)
    page = tab.page
    # Keyboard: add three activations, show the derivative, then the losses against the margin.
    for name in ("selu", "softplus", "mish"):
        page.focus(f"#explorador-activaciones-{name}")
        page.keyboard.press("Space")
    page.focus("#explorador-activaciones-ver-0")
    page.keyboard.press("ArrowRight")  # moves the radio group to «la derivada»
    page.focus("#explorador-perdidas-eje-residuo")
    page.keyboard.press("ArrowRight")  # «margen obtenido»
    page.focus("#explorador-perdidas-soft_margin_loss")
    page.keyboard.press("Space")
    activations, losses = _explorer_drawn(tab)
    assert {"selu", "softplus", "mish"} <= set(activations), activations
    assert "soft_margin_loss" in losses and len(losses) >= 2, losses

    # What is drawn is actloss's derivative (default arguments), to three decimals.
    explorer = (site / EXPLORER).read_text(encoding="utf-8")
    data = json.loads(DATA.findall(explorer.split('data-parte="activaciones"', 1)[1])[0])
    x = torch.tensor(data["x"], dtype=torch.float64, requires_grad=True)
    for name in ("selu", "softplus", "mish"):
        (grad,) = torch.autograd.grad(catalog.get(name).fn(x).sum(), x)
        gap = max(abs(a - b) for a, b in zip(activations[name], grad.tolist(), strict=True))
        assert gap <= 0.5e-3 + 1e-9, (name, gap)

    url, chosen, drawn = page.url, _checked(tab), _explorer_drawn(tab)
    assert "#" in url and "mish" in url and "margen" in url, url
    page.goto("about:blank")  # a new load, not a change of hash
    page.goto(url, wait_until="commit")
    page.wait_for_selector(READY, state="attached")
    assert _checked(tab) == chosen
    assert _explorer_drawn(tab) == drawn

    problems = _light_and_dark(tab, axe_source, ".interactivo-explorador", None)
    problems += [f"fuera de 127.0.0.1: {u}" for u in visit.outside]
    problems += visit.console_errors + visit.failed
    assert problems == [], "\n".join(problems)


def _weight(site: Path, path: str) -> int:
    html, images = sitecrawl.page_weight(site, path)
    return html + images + sum((site / a).stat().st_size for a in OWN_ASSETS)


def test_pages_with_sliders_stay_light(site: Path) -> None:
    """Cada página con controles, con sus figuras, su script, su estilo y sus datos (que van
    dentro del HTML), pesa a lo sumo 400 KB; el explorador, 600 KB."""
    weights = {p: _weight(site, p) for p in slider_pages(site)}
    assert weights, "ninguna página de la galería tiene controles"
    heavy = {
        p: f"{w / 1024:.0f} KB" for p, w in weights.items() if w > sitecrawl.GALLERY_PAGE_LIMIT
    }
    assert heavy == {}
    heaviest = max(weights, key=weights.__getitem__)
    print(f"la más pesada: {heaviest}, {weights[heaviest] / 1024:.0f} KB")
    explorer = _weight(site, EXPLORER)
    assert explorer <= EXPLORER_LIMIT, f"el explorador pesa {explorer / 1024:.0f} KB"
