"""Fixtures de las pruebas del sitio: el sitio servido en 127.0.0.1 y Chromium sin ventana.

- El sitio es ``_build/html`` (o ``ACTLOSS_SITE``); se construye con ``nox -s docs``.
- Chromium es el del sistema (``ACTLOSS_CHROMIUM``, o ``chromium`` en el PATH), manejado
  con Playwright; Playwright no descarga ningún navegador.
- axe-core viene del registro de npm: ``npm ci --prefix tests/browser`` (lo hace
  ``nox -s tests``).

Fuera de la integración continua, lo que falte hace que estas pruebas se salten con un
mensaje que dice cómo conseguirlo; con ``CI=true`` falta algo y fallan.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from . import sitecrawl
from .browsing import (
    AXE,
    CHROMIUM_FLAGS,
    HERE,
    OPENED,
    Tab,
    _Handler,
    chromium_path,
    missing,
    new_tab,
    site_prefix,
)


@pytest.fixture(scope="session")
def site() -> Path:
    if not (sitecrawl.SITE / "index.html").is_file():
        missing(f"no hay sitio construido en {sitecrawl.SITE}: ejecute antes `nox -s docs`")
    return sitecrawl.SITE


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """La URL del sitio servido en 127.0.0.1, en un puerto libre y bajo su ruta publicada."""
    handler = type("Handler", (_Handler,), {"prefix": site_prefix(site)})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{handler.prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(site: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("falta playwright: pip install playwright (o `nox -s tests`)")
    executable = chromium_path()
    if executable is None:
        missing(
            "falta Chromium: instálelo con `sudo apt-get install chromium` (Debian/Ubuntu) "
            "o indique su ruta en ACTLOSS_CHROMIUM"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    """Una pestaña nueva (contexto limpio) para cada prueba."""
    yield from new_tab(browser, base_url)


@pytest.fixture
def axe_source() -> str:
    if not AXE.is_file():
        missing(f"falta axe-core: ejecute `npm ci --prefix {HERE.relative_to(sitecrawl.ROOT)}`")
    return AXE.read_text(encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if OPENED:
        distinct = {p.split("?")[0] for p in OPENED}
        terminalreporter.write_line(
            f"tests/browser: {len(OPENED)} páginas abiertas en Chromium ({len(distinct)} distintas)"
        )
