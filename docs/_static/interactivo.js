/* Figuras interactivas de actloss (docs/_ext/interactive/ las genera).
 *
 * Cada figura trae en un <script type="application/json"> las curvas que calculó actloss al
 * construir el sitio, en una rejilla de valores de los parámetros. Este archivo solo crea los
 * controles, elige la curva del valor marcado y la dibuja en SVG: no calcula ninguna función.
 * Al cambiar de valor interpola entre las dos curvas de la rejilla durante la transición,
 * salvo si el lector pide menos movimiento (prefers-reduced-motion).
 *
 * Lo dibujado queda en data-dibujado (JSON) de cada figura y data-indices guarda los índices
 * de los controles: las pruebas del navegador lo comparan con actloss.
 */
(() => {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 360;
  const HEIGHT = 250;
  const MARGIN = { left: 50, right: 10, top: 10, bottom: 44 };
  const DASHES = ["", "7 4", "2 3", "9 3 2 3", "4 4", "12 4"];
  const COLOURS = 7; // classes interactivo-serie-0 ... -6 in interactivo.css
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  let unique = 0;

  function make(tag, attributes = {}, parent = null, svg = false) {
    const node = svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    if (parent) parent.appendChild(node);
    return node;
  }
  const vector = (tag, attributes, parent) => make(tag, attributes, parent, true);

  function format(value) {
    if (typeof value === "boolean") return value ? "True" : "False"; // as Python writes them
    if (typeof value !== "number") return String(value);
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  }

  /* Round tick positions for an axis (layout only). */
  function ticks(low, high, count) {
    const raw = (high - low) / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const found = [];
    for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
      found.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(6)));
    }
    return found;
  }

  /* One panel: an SVG with axes; draw() replaces its curves or bars. */
  class Panel {
    constructor(parent, spec) {
      this.spec = spec;
      this.box = make("div", { class: "interactivo-panel" }, parent);
      make("p", { class: "interactivo-panel-titulo", text: spec.titulo }, this.box);
      this.svg = vector("svg", {
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
        role: "img",
        preserveAspectRatio: "xMidYMid meet",
      }, this.box);
      this.clip = `interactivo-recorte-${++unique}`;
      const defs = vector("defs", {}, this.svg);
      const clip = vector("clipPath", { id: this.clip }, defs);
      vector("rect", {
        x: MARGIN.left, y: MARGIN.top,
        width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom,
      }, clip);
      this.axes = vector("g", { class: "interactivo-ejes" }, this.svg);
      this.ink = vector("g", { "clip-path": `url(#${this.clip})` }, this.svg);
      this.legend = make("ul", { class: "interactivo-leyenda" }, this.box);
      this.legend.hidden = true;
      this.limits = null;
    }

    scale(xRange, yRange) {
      const [x0, x1] = xRange;
      const [y0, y1] = yRange;
      const w = WIDTH - MARGIN.left - MARGIN.right;
      const h = HEIGHT - MARGIN.top - MARGIN.bottom;
      return {
        x: (v) => MARGIN.left + ((v - x0) / (x1 - x0)) * w,
        y: (v) => MARGIN.top + (1 - (v - y0) / (y1 - y0)) * h,
      };
    }

    drawAxes(xRange, yRange, xTicks, xLabels) {
      const key = JSON.stringify([xRange, yRange, xLabels]);
      if (key === this.limits) return;
      this.limits = key;
      this.axes.replaceChildren();
      const s = this.scale(xRange, yRange);
      const [left, right] = [MARGIN.left, WIDTH - MARGIN.right];
      const [top, bottom] = [MARGIN.top, HEIGHT - MARGIN.bottom];
      for (const t of ticks(yRange[0], yRange[1], 5)) {
        const y = s.y(t);
        vector("line", { x1: left, x2: right, y1: y, y2: y, class: t === 0 ? "cero" : "rejilla" }, this.axes);
        vector("text", { x: left - 6, y: y + 4, "text-anchor": "end", text: format(t) }, this.axes);
      }
      xTicks.forEach((t, i) => {
        const x = s.x(t);
        const zero = t === 0 && !xLabels;
        vector("line", { x1: x, x2: x, y1: top, y2: bottom, class: zero ? "cero" : "rejilla" }, this.axes);
        const label = xLabels ? xLabels[i] : format(t);
        vector("text", { x, y: bottom + 16, "text-anchor": "middle", text: label }, this.axes);
      });
      vector("rect", { x: left, y: top, width: right - left, height: bottom - top, class: "marco" }, this.axes);
      vector("text", {
        x: (left + right) / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "eje", text: this.spec.eje_x,
      }, this.axes);
      vector("text", {
        x: 12, y: (top + bottom) / 2, "text-anchor": "middle", class: "eje",
        transform: `rotate(-90 12 ${(top + bottom) / 2})`, text: this.spec.eje_y,
      }, this.axes);
    }

    /* series: [{values, name, colour}]; bars: x are categories with names xLabels. */
    draw(x, series, yRange, bars, xLabels) {
      const xRange = bars ? [x[0] - 0.6, x[x.length - 1] + 0.6] : [x[0], x[x.length - 1]];
      const xTicks = bars ? x : ticks(xRange[0], xRange[1], 6);
      this.drawAxes(xRange, yRange, xTicks, bars ? xLabels : null);
      const s = this.scale(xRange, yRange);
      this.ink.replaceChildren();
      series.forEach((one, k) => {
        const colour = `interactivo-serie-${one.colour % COLOURS}`;
        if (bars) {
          const width = (s.x(1) - s.x(0)) * 0.6;
          one.values.forEach((v, i) => {
            if (v === null) return;
            const [a, b] = [s.y(0), s.y(v)];
            vector("rect", {
              x: s.x(x[i]) - width / 2, y: Math.min(a, b), width, height: Math.abs(a - b),
              class: `barra ${colour}`,
            }, this.ink);
          });
          return;
        }
        let path = "";
        let pen = "M";
        one.values.forEach((v, i) => {
          if (v === null) {
            pen = "M";
            return;
          }
          path += `${pen}${s.x(x[i]).toFixed(1)} ${s.y(v).toFixed(1)}`;
          pen = "L";
        });
        vector("path", {
          d: path, class: `curva ${colour}`, "stroke-dasharray": DASHES[k % DASHES.length],
        }, this.ink);
      });
      this.legend.replaceChildren();
      this.legend.hidden = series.length < 2;
      series.forEach((one, k) => {
        const item = make("li", {}, this.legend);
        const sample = vector("svg", { width: 28, height: 10, "aria-hidden": "true" }, item);
        vector("line", {
          x1: 0, x2: 28, y1: 5, y2: 5, class: `curva interactivo-serie-${one.colour % COLOURS}`,
          "stroke-dasharray": DASHES[k % DASHES.length],
        }, sample);
        item.append(` ${one.name}`);
      });
    }

    describe(text) {
      this.svg.setAttribute("aria-label", text);
    }
  }

  /* Linear blend of two curves (the transition between two grid values). */
  function blend(a, b, t) {
    return b.map((v, i) => (v === null || a[i] === null ? v : a[i] + (b[i] - a[i]) * t));
  }

  /* Animate from the drawn values to the target, or jump when motion is reduced. The
     last frame paints the target itself; paint(values, true) marks it. */
  function transition(state, target, paint) {
    cancelAnimationFrame(state.frame);
    const start = state.shown;
    state.shown = target;
    if (reduceMotion.matches || !start || start.length !== target.length) {
      paint(target, true);
      return;
    }
    const began = performance.now();
    const step = (now) => {
      const t = Math.min(1, (now - began) / 180);
      if (t === 1) {
        paint(target, true);
        return;
      }
      paint(target.map((panel, p) => panel.map((s, k) =>
        (start[p] && start[p][k] ? blend(start[p][k], s, t) : s))), false);
      state.frame = requestAnimationFrame(step);
    };
    state.frame = requestAnimationFrame(step);
  }

  function readData(root) {
    return JSON.parse(root.querySelector("script.interactivo-datos").textContent);
  }

  /* A gallery figure: one control per parameter and its panels. */
  function figure(root) {
    const data = readData(root);
    const id = `interactivo-${data.nombre}`;
    const indices = data.controles.map((c) => c.inicial);
    const form = make("div", { class: "interactivo-controles" }, root);
    const status = make("p", { class: "interactivo-estado", role: "status" }, root);
    const single = data.paneles.length === 1 ? " interactivo-uno" : "";
    const grid = make("div", { class: `interactivo-paneles${single}` }, root);
    const panels = data.paneles.map((spec) => new Panel(grid, spec));
    const state = { frame: 0, shown: null };
    const outputs = [];

    data.controles.forEach((control, c) => {
      const box = make("div", { class: "interactivo-control" }, form);
      const inputId = `${id}-${control.nombre}`;
      make("label", { for: inputId, text: control.etiqueta }, box);
      let input;
      if (control.tipo === "opciones") {
        input = make("select", { id: inputId }, box);
        control.valores.forEach((v, i) => make("option", { value: i, text: format(v) }, input));
      } else {
        input = make("input", {
          id: inputId, type: "range", min: 0, max: control.valores.length - 1, step: 1,
        }, box);
      }
      input.value = String(indices[c]);
      // A slider shows its value beside it; a list already shows the chosen option.
      outputs.push(control.tipo === "rango" ? make("output", { for: inputId }, box) : null);
      input.addEventListener("input", () => {
        indices[c] = Number(input.value);
        update(input);
      });
      control.input = input;
    });

    function combo(which) {
      return which.reduce((k, c) => k * data.controles[c].valores.length + indices[c], 0);
    }

    function update() {
      const all = data.controles.map((_, c) => c);
      const choices = all.filter((c) => data.controles[c].tipo === "opciones");
      const item = data.datos[combo(all)];
      const limits = data.limites[combo(choices)];
      const words = data.controles.map((c, i) => `${c.nombre} = ${format(c.valores[indices[i]])}`);
      data.controles.forEach((control, c) => {
        const text = format(control.valores[indices[c]]);
        if (outputs[c]) outputs[c].textContent = text;
        if (control.tipo === "rango") control.input.setAttribute("aria-valuetext", text);
      });
      root.dataset.indices = JSON.stringify(indices);
      if (item.error) {
        status.textContent = `Esta combinación no es válida: ${item.error}`;
        root.classList.add("interactivo-invalido");
        root.dataset.dibujado = "null";
        return;
      }
      status.textContent = "";
      root.classList.remove("interactivo-invalido");
      panels.forEach((panel, p) => panel.describe(`${data.paneles[p].titulo}, ${words.join(", ")}`));
      transition(state, item, (values, final) => {
        panels.forEach((panel, p) => {
          const series = values[p].map((v, k) => ({ values: v, name: data.paneles[p].series[k], colour: p }));
          panel.draw(data.x, series, limits[p], data.tipo === "barras", data.etiquetas_x);
        });
        if (final) root.dataset.dibujado = JSON.stringify(values); // what the SVG now shows
      });
    }

    root.hidden = false;
    update();
    root.dataset.listo = "1";
  }

  /* The explorer's state lives in the URL hash, shared by its sections. */
  function readHash() {
    return new URLSearchParams(window.location.hash.slice(1));
  }

  function writeHash(changes) {
    const params = readHash();
    for (const [key, value] of Object.entries(changes)) params.set(key, value);
    const hash = `#${params.toString().replaceAll("%2C", ",")}`;
    if (hash !== window.location.hash) history.replaceState(null, "", hash);
  }

  function fieldset(parent, legend, cls) {
    const box = make("fieldset", { class: `interactivo-grupo ${cls || ""}` }, parent);
    make("legend", { text: legend }, box);
    return box;
  }

  function choice(parent, type, name, value, label, id) {
    const wrap = make("span", { class: "interactivo-opcion" }, parent);
    const input = make("input", { type, name, value, id }, wrap);
    make("label", { for: id, text: label }, wrap);
    return input;
  }

  /* One explorer section: checkboxes of functions, a radio for f / f′ and, for the losses,
     a radio for the axis (residual or margin). */
  function explorer(root) {
    const data = readData(root);
    const part = root.dataset.parte; // "activaciones" or "perdidas"
    const keys = part === "activaciones"
      ? { pick: "act", show: "der", axis: null }
      : { pick: "perd", show: "dper", axis: "eje" };
    const axes = part === "activaciones" ? { x: data } : data;
    const axisNames = Object.keys(axes);
    const form = make("div", { class: "interactivo-controles interactivo-explorar" }, root);
    const grid = make("div", { class: "interactivo-paneles interactivo-uno" }, root);
    const status = make("p", { class: "interactivo-estado", role: "status" }, root);
    const id = `explorador-${part}`;
    let axisRadios = [];
    if (keys.axis) {
      const box = fieldset(form, "Eje horizontal");
      axisRadios = axisNames.map((name) =>
        choice(box, "radio", `${id}-eje`, name, name === "residuo" ? "residuo x − y" : "margen obtenido s", `${id}-eje-${name}`));
    }
    const showBox = fieldset(form, "Mostrar");
    const symbol = part === "activaciones" ? ["f(x)", "f′(x)"] : ["ℓ", "ℓ′"];
    const showRadios = symbol.map((label, i) =>
      choice(showBox, "radio", `${id}-ver`, String(i), i ? `la derivada ${label}` : `la función ${label}`, `${id}-ver-${i}`));
    const pickBox = fieldset(form, part === "activaciones" ? "Activaciones" : "Pérdidas", "interactivo-lista");
    const checks = new Map();
    for (const axis of axisNames) {
      for (const f of axes[axis].funciones) {
        const input = choice(pickBox, "checkbox", `${id}-f`, f.nombre, f.titulo, `${id}-${f.nombre}`);
        input.dataset.eje = axis;
        checks.set(f.nombre, input);
      }
    }
    let panel = null;
    const state = { frame: 0, shown: null };
    const defaults = part === "activaciones"
      ? { pick: ["relu", "elu", "gelu", "silu"], axis: null }
      : { pick: ["mse_loss", "l1_loss", "huber_loss"], axis: "residuo" };

    function current() {
      const params = readHash();
      let axis = keys.axis ? params.get(keys.axis) : "x";
      if (!axisNames.includes(axis)) axis = defaults.axis || axisNames[0];
      const names = axes[axis].funciones.map((f) => f.nombre);
      let picked = params.has(keys.pick) ? params.get(keys.pick).split(",") : defaults.pick;
      picked = picked.filter((n) => names.includes(n));
      if (!params.has(keys.pick) && keys.axis && axis !== defaults.axis) picked = names.slice(0, 3);
      const show = params.get(keys.show) === "1" ? 1 : 0;
      return { axis, picked, show };
    }

    function render() {
      const { axis, picked, show } = current();
      axisRadios.forEach((r) => { r.checked = r.value === axis; });
      showRadios.forEach((r) => { r.checked = Number(r.value) === show; });
      for (const [name, input] of checks) {
        input.checked = picked.includes(name);
        input.parentElement.hidden = input.dataset.eje !== axis;
      }
      const block = axes[axis];
      const spec = {
        titulo: part === "activaciones" ? "Activaciones superpuestas" : "Pérdidas superpuestas",
        eje_x: block.eje_x || "x",
        eje_y: symbol[show],
      };
      if (!panel || panel.spec.eje_x !== spec.eje_x || panel.spec.eje_y !== spec.eje_y) {
        grid.replaceChildren();
        panel = new Panel(grid, spec);
        state.shown = null;
      }
      const chosen = block.funciones.filter((f) => picked.includes(f.nombre));
      const values = chosen.map((f) => (show ? f.df : f.f));
      const key = chosen.map((f) => f.nombre).join();
      if (key !== state.key) state.shown = null; // other functions: no blend between them
      state.key = key;
      const finite = values.flat().filter((v) => v !== null);
      let low = Math.min(0, ...finite);
      let high = Math.max(0, ...finite);
      if (part === "activaciones") { low = Math.max(low, -3); high = Math.min(high, 6); }
      if (part === "perdidas") { high = Math.min(high, show ? 3 : 8); low = Math.max(low, -3); }
      const pad = 0.05 * (high - low || 1);
      const range = [low - pad, high + pad];
      status.textContent = chosen.length ? "" : "Elija al menos una función.";
      panel.describe(`${spec.titulo} (${spec.eje_y}): ${chosen.map((f) => f.titulo).join(", ") || "ninguna"}`);
      transition(state, [values], (v, final) => {
        panel.draw(block.x, v[0].map((vals, k) => ({
          values: vals, name: chosen[k].titulo, colour: block.funciones.indexOf(chosen[k]),
        })), range, false, null);
        if (final) {
          root.dataset.dibujado = JSON.stringify(Object.fromEntries(chosen.map((f, i) => [f.nombre, v[0][i]])));
        }
      });
    }

    form.addEventListener("change", (event) => {
      const target = event.target;
      const changes = {};
      if (target.name === `${id}-eje`) {
        changes[keys.axis] = target.value;
        changes[keys.pick] = axes[target.value].funciones.slice(0, 3).map((f) => f.nombre).join(",");
      } else if (target.name === `${id}-ver`) {
        changes[keys.show] = target.value;
      } else {
        const axis = current().axis;
        changes[keys.pick] = [...checks.values()]
          .filter((c) => c.checked && c.dataset.eje === axis).map((c) => c.value).join(",");
        if (keys.axis) changes[keys.axis] = axis;
      }
      writeHash(changes);
      render();
    });
    window.addEventListener("hashchange", render);
    root.hidden = false;
    render();
    root.dataset.listo = "1";
  }

  function start() {
    document.querySelectorAll("figure.interactivo").forEach(figure);
    document.querySelectorAll(".interactivo-explorador").forEach(explorer);
  }

  // For a figure added to the page later (the browser tests mount each page's figure).
  window.actlossInteractivo = { figura: figure };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
