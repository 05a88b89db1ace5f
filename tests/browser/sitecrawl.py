"""Recorrido estático del sitio construido (``_build/html``), sin navegador.

Descubre las páginas a partir de lo que hay en disco, así que cubre todo lo que exista
cuando se ejecuta: las notas, la galería y la API crecen sin tocar las pruebas. Lo usan
las pruebas del navegador (qué páginas visitar) y las de enlaces y peso; ejecutado como
programa escribe el informe del sitio::

    python tests/browser/sitecrawl.py _build/html

que imprime el peso de cada página de la galería con sus imágenes, el tamaño total del
sitio y los enlaces externos, y guarda estos últimos en ``_build/enlaces-externos.txt``.
"""

from __future__ import annotations

import base64
import collections
import fcntl
import functools
import os
import pickle
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("ACTLOSS_SITE", ROOT / "_build" / "html"))
# Folders of assets, not of pages a reader navigates to.
ASSET_DIRS = ("_static", "_sources", "_downloads", "_images", "_modules")
GALLERY_PAGE_LIMIT = 400 * 1024  # bytes: a gallery page plus its own images


@dataclass
class Page:
    """Lo que interesa de una página HTML: sus ids, enlaces, imágenes y metadatos."""

    path: str  # relative to the site root, with "/" separators
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # href of <a>
    assets: list[str] = field(default_factory=list)  # src/href of img, script, link
    images: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # property/name -> content
    canonical: str | None = None
    alts: dict[str, str] = field(default_factory=dict)  # img src -> its alt text (stripped)
    figures: list[str] = field(default_factory=list)  # src of the figures (see FIGURE_CLASSES)
    formulas: list[str] = field(default_factory=list)  # text of each .math element
    prose: list[str] = field(default_factory=list)  # text outside code, scripts and math


# What a reader sees as a figure: gallery images, the notes' cell outputs, catalog figures.
FIGURE_CLASSES = {"sphx-glr-single-img", "catalog-figure"}
# Text inside these is code or math, where TeX delimiters are expected.
NOT_PROSE_TAGS = {"pre", "code", "script", "style", "textarea"}
NOT_PROSE_CLASSES = {"highlight", "math"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        # Open elements: (tag, not prose, is math, inside a notebook cell output).
        self.stack: list[tuple[str, bool, bool, bool]] = []
        self.math: list[str] | None = None
        # Counts of what the stack holds, so that each tag is handled in constant time
        # (the theme's navigation puts hundreds of elements on every page).
        self.open_tags: collections.Counter[str] = collections.Counter()
        self.not_prose = 0

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not self.open_tags[tag]:
            return
        while self.stack:
            popped, skip, is_math, _ = self.stack.pop()
            self.open_tags[popped] -= 1
            self.not_prose -= skip
            if is_math and self.math is not None:
                self.page.formulas.append("".join(self.math).strip())
                self.math = None
            if popped == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.math is not None:
            self.math.append(data)
        elif not self.not_prose:
            self.page.prose.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = set(a.get("class", "").split())
        in_output = bool(self.stack and self.stack[-1][3]) or "cell_output" in classes
        if tag not in VOID_TAGS:
            is_math = "math" in classes and self.math is None
            skip = tag in NOT_PROSE_TAGS or bool(classes & NOT_PROSE_CLASSES)
            self.stack.append((tag, skip, is_math, in_output))
            self.open_tags[tag] += 1
            self.not_prose += skip
            if is_math:
                self.math = []
        if tag == "img" and "src" in a:
            self.page.alts[a["src"]] = a.get("alt", "").strip()
            if classes & FIGURE_CLASSES or in_output:
                self.page.figures.append(a["src"])
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.page.links.append(a["href"])
        elif tag == "img" and "src" in a:
            self.page.images.append(a["src"])
            self.page.assets.append(a["src"])
        elif tag == "script" and "src" in a:
            self.page.assets.append(a["src"])
        elif tag == "link" and "href" in a:
            if a.get("rel") == "canonical":
                self.page.canonical = a["href"]
            elif a.get("rel") in {"stylesheet", "icon", "preload", "shortcut icon"}:
                self.page.assets.append(a["href"])
        elif tag == "meta" and "content" in a:
            key = a.get("property") or a.get("name")
            if key:
                self.page.meta[key] = a["content"]


def _parse_file(site: Path, path: str) -> Page:
    page = Page(path)
    _Parser(page).feed((site / path).read_text(encoding="utf-8"))
    return page


@functools.cache
def _parsed_site(site: Path) -> dict[str, Page]:
    """Todas las páginas de ``site`` leídas, una vez para todos los procesos de pytest-xdist.

    Leerlas cuesta segundos; el primer proceso que llega las lee y las guarda junto al
    sitio, con la lista de (ruta, fecha, tamaño) de cada página como llave, y los demás
    esperan al cerrojo y cargan lo guardado. Una reconstrucción cambia la llave.
    """
    stats = [(p, (site / p).stat()) for p in _html_pages(site)]
    key = [(p, s.st_mtime_ns, s.st_size) for p, s in stats]
    store = site.parent / f".sitecrawl-{site.name}.pickle"
    with open(site.parent / f".sitecrawl-{site.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            saved_key, pages = pickle.loads(store.read_bytes())
            if saved_key == key:
                return pages  # type: ignore[no-any-return]
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass
        pages = {p: _parse_file(site, p) for p, *_ in key}
        store.write_bytes(pickle.dumps((key, pages)))
        return pages


@functools.cache
def parse(site: Path, path: str) -> Page:
    """La página ``path`` de ``site``, leída una sola vez (no se modifica)."""
    pages = _parsed_site(site) if site.is_dir() else {}
    return pages.get(path) or _parse_file(site, path)


@functools.cache
def _html_pages(site: Path) -> tuple[str, ...]:
    found = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(ASSET_DIRS):
            found.append(rel)
    return tuple(sorted(found))


def html_pages(site: Path = SITE) -> list[str]:
    """Todas las páginas HTML del sitio (rutas relativas), menos las de los recursos."""
    return list(_html_pages(site))


def kind(path: str) -> str:
    """La sección de una página: portada, notas, galería, api u otra."""
    if path == "index.html":
        return "portada"
    return {"notas": "notas", "galeria": "galeria", "api": "api"}.get(path.split("/")[0], "otra")


def gallery_examples(site: Path = SITE) -> list[str]:
    """Las páginas de los ejemplos de la galería (``galeria/**/plot_*.html``)."""
    return [p for p in html_pages(site) if kind(p) == "galeria" and "/plot_" in p]


def script_formulas(site: Path = SITE) -> list[str]:
    """Las fórmulas del texto de los scripts de la galería que se descargan, escritas como
    las del HTML: ``\\[…\\]`` las de un bloque ``$$`` y ``\\(…\\)`` las de ``$…$``."""
    formulas = []
    for script in sorted((site / "_downloads").glob("*/plot_*.py")):
        lines = script.read_text(encoding="utf-8").splitlines()
        docstring = lines[1 : next(i for i, line in enumerate(lines) if line == '"""')]
        comments = [re.sub(r"^\s*# ?", "", line) for line in lines if line.lstrip()[:1] == "#"]
        text = "\n".join([*docstring, *comments])
        blocks = re.findall(r"^\$\$\n(.*?)\n\$\$$", text, flags=re.MULTILINE | re.DOTALL)
        text = re.sub(r"^\$\$\n.*?\n\$\$$", "", text, flags=re.MULTILINE | re.DOTALL)
        formulas += [f"\\[{block}\\]" for block in blocks]
        formulas += [f"\\({inline}\\)" for inline in re.findall(r"\$([^$]+)\$", text)]
    return formulas


def is_external(url: str) -> bool:
    return urlparse(url).scheme in {"http", "https", "ftp"} or url.startswith("//")


def resolve(page: str, href: str) -> tuple[str, str]:
    """La ruta (relativa a la raíz) y el ancla a las que apunta ``href`` desde ``page``."""
    url, anchor = urldefrag(href)
    target = urljoin(f"/{page}", url).lstrip("/") if url else page
    target = unquote(urlparse(target).path)
    if target == "" or target.endswith("/"):
        target += "index.html"
    return target, unquote(anchor)


def broken_links(site: Path = SITE) -> Iterator[str]:
    """Cada enlace interno (a, img, script, css) cuyo destino o ancla no existe."""

    def page_at(path: str) -> Page:
        return parse(site, path)

    for path in html_pages(site):
        if path == "404.html":  # its links are absolute on purpose: checked in the browser
            continue
        page = page_at(path)
        for href in page.links + page.assets:
            if is_external(href) or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            target, anchor = resolve(path, href)
            if not (site / target).is_file():
                yield f"{path}: {href} -> no existe {target}"
            elif anchor and target.endswith(".html") and anchor not in page_at(target).ids:
                yield f"{path}: {href} -> {target} no tiene el ancla #{anchor}"


def external_links(site: Path = SITE) -> dict[str, list[str]]:
    """Los enlaces externos del sitio y las páginas que los contienen."""
    found: dict[str, list[str]] = {}
    for path in html_pages(site):
        for href in parse(site, path).links:
            if is_external(href):
                found.setdefault(href, []).append(path)
    return dict(sorted(found.items()))


def page_weight(site: Path, path: str) -> tuple[int, int]:
    """Bytes del HTML de ``path`` y de las imágenes que muestra (cada una una vez)."""
    page = parse(site, path)
    images = {resolve(path, src)[0] for src in page.images if not is_external(src)}
    return (site / path).stat().st_size, sum((site / img).stat().st_size for img in images)


def shared_assets_weight(site: Path, path: str) -> int:
    """Bytes de los CSS y JS que carga ``path`` (compartidos por todas las páginas)."""
    page = parse(site, path)
    files = {resolve(path, href)[0] for href in page.assets if not is_external(href)}
    return sum((site / f).stat().st_size for f in files if not f.startswith("_images"))


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def report(site: Path = SITE) -> str:
    lines = ["Peso de cada página de la galería (HTML + sus imágenes):"]
    for path in gallery_examples(site):
        html, images = page_weight(site, path)
        lines.append(
            f"  {path}: {(html + images) / 1024:.0f} KB"
            f" (HTML {html / 1024:.0f} KB, imágenes {images / 1024:.0f} KB)"
        )
    if gallery_examples(site):
        assets = shared_assets_weight(site, gallery_examples(site)[0])
        lines.append(f"CSS y JS compartidos (se cachean entre páginas): {assets / 1024:.0f} KB")
    lines.append(
        f"Sitio entero: {tree_size(site) / 2**20:.1f} MB en {len(html_pages(site))} páginas"
    )
    for part in sorted(p for p in site.iterdir() if p.is_dir()):
        lines.append(f"  {part.name}/: {tree_size(part) / 2**20:.1f} MB")
    links = external_links(site)
    lines.append(f"Enlaces externos ({len(links)}; ninguno se descarga al construir):")
    lines += [f"  {url}  <- {', '.join(sorted(set(pages))[:3])}" for url, pages in links.items()]
    return "\n".join(lines)


def write_external_links(site: Path = SITE) -> Path:
    """Escribe la lista de enlaces externos junto a ``site`` (``_build/enlaces-externos.txt``)."""
    out = site.parent / "enlaces-externos.txt"
    rows = [f"{url}\t{' '.join(sorted(set(pages)))}" for url, pages in external_links(site).items()]
    out.write_text("".join(f"{row}\n" for row in rows), encoding="utf-8")
    return out


TEX_DELIMITERS = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{")


def image_bytes(site: Path, page: str, src: str) -> bytes:
    """El contenido de la imagen ``src`` de ``page``: su archivo, o su URI ``data:``."""
    if src.startswith("data:"):
        header, _, payload = src.partition(",")
        return (
            base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
        )
    return (site / resolve(page, src)[0]).read_bytes()


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else SITE
    print(report(site))
    print(f"Lista de enlaces externos: {write_external_links(site)}")
