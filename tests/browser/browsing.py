"""Lo que comparten las pruebas del sitio: servidor, pestañas que registran y utilidades."""

from __future__ import annotations

import http.server
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from . import sitecrawl

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


HERE = Path(__file__).parent


AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


PHONE = {"width": 375, "height": 667}


def missing(message: str) -> None:
    """Sin CI, salta la prueba explicando qué falta; con ``CI=true``, falla."""
    if ON_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def chromium_path() -> str | None:
    """``ACTLOSS_CHROMIUM`` si está definida (y sólo ella), si no el Chromium del PATH."""
    chosen = os.environ.get("ACTLOSS_CHROMIUM")
    for candidate in [chosen] if chosen else ["chromium", "chromium-browser"]:
        if found := shutil.which(candidate):
            return found
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Sirve el sitio bajo ``prefix`` y contesta 404 con la página 404.html, como un host."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = urlparse(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__fuera_del_sitio__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def site_prefix(site: Path) -> str:
    """La ruta bajo la que se publica el sitio, según su URL canónica (``html_baseurl``)."""
    page = sitecrawl.parse(site, "index.html")
    if not page.canonical:
        return "/"
    return urlparse(page.canonical).path.removesuffix("index.html")


OPENED: list[str] = []  # every page opened in Chromium this session, for the summary


@dataclass
class Visit:
    """Lo que ocurrió al abrir una página: peticiones, fallos y errores de la consola."""

    url: str
    origin: str
    status: int | None = None
    status_expected: int = 200
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @property
    def outside(self) -> list[str]:
        """Las peticiones a cualquier sitio que no sea el servidor local."""
        return [
            u
            for u in self.requests
            if not u.startswith(self.origin) and not u.startswith(("data:", "blob:", "about:"))
        ]


@dataclass
class Tab:
    """Una pestaña que registra cada petición; ``open`` espera a MathJax y a las fuentes."""

    page: Any
    base_url: str
    visit: Visit | None = None
    _all: list[Visit] = field(default_factory=list)
    _owner: dict[Any, Visit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.page.on("request", self._request)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self._now().console_errors.append(f"pageerror: {e}"))

    def _now(self) -> Visit:
        assert self.visit is not None
        return self.visit

    def _request(self, request: Any) -> None:
        self._owner[request] = self._now()
        self._now().requests.append(request.url)

    def _request_failed(self, request: Any) -> None:
        owner = self._owner.get(request, self._now())
        # Leaving a page aborts what it still had in flight (say, its favicon): not a failure.
        # The request may have been sent after the next visit began, by the page being left.
        if "ERR_ABORTED" in str(request.failure) and (
            owner is not self._now() or _frame_url(request) not in (None, owner.url)
        ):
            return
        owner.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.url != self._now().url:
            self._now().failed.append(f"{response.url} ({response.status})")

    def _console(self, message: Any) -> None:
        visit = self._now()
        # A 404 page's own status is what the test asked for, not an error of the page.
        if visit.status_expected == 404 and message.location.get("url") == visit.url:
            return
        if message.type == "error":
            visit.console_errors.append(message.text)

    def open(self, path: str, status: int = 200) -> Visit:
        origin = "{0.scheme}://{0.netloc}/".format(urlparse(self.base_url))
        self.visit = Visit(self.base_url + path, origin, status_expected=status)
        OPENED.append(path)
        self._all.append(self.visit)
        response = self.page.goto(self.visit.url, wait_until="load")
        self.visit.status = response.status if response else None
        self.settle()
        return self.visit

    def settle(self) -> None:
        """Espera a que MathJax termine, a las imágenes diferidas y a las fuentes."""
        self.page.evaluate(
            """async () => {
                const wait = ms => new Promise(r => setTimeout(r, ms));
                if (document.querySelector('script[src*="mathjax"]')) {
                    for (let i = 0; i < 200 && !(window.MathJax && MathJax.startup
                         && MathJax.startup.promise); i++) await wait(25);
                    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
                }
                for (const img of document.images) img.loading = 'eager';
                await Promise.all([...document.images].map(
                    img => img.complete ? null : img.decode().catch(() => null)));
                await document.fonts.ready;
            }"""
        )


def _frame_url(request: Any) -> str | None:
    """La dirección de la página que hizo la petición (``None`` si no la hizo una página)."""
    try:
        return str(request.frame.url)
    except Exception:  # a service worker's request has no frame
        return None


def new_tab(browser: Any, base_url: str, **options: Any) -> Iterator[Tab]:
    context = browser.new_context(**({"viewport": {"width": 1280, "height": 900}} | options))
    try:
        yield Tab(context.new_page(), base_url)
    finally:
        context.close()


TEX_LEFT = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{")


def pages_of(kind: str | None = None) -> list[str]:
    """Las páginas del sitio construido (de una sección), o ``[]`` si no hay sitio aún."""
    if not sitecrawl.SITE.is_dir():
        return []
    return [p for p in sitecrawl.html_pages() if kind is None or sitecrawl.kind(p) == kind]


# Sphinx's search replaces its "Buscando..." heading (and its animated dots) once every
# result is on the page. (Its _pulse_status can restart after stopping: not a signal.)
SEARCH_DONE = """() => {
    const title = document.querySelector('#search-results h2');
    return title !== null && title.querySelector('span') === null;
}"""
