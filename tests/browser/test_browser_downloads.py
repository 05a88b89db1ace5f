"""Las descargas de la galería: cada enlace de descarga de cada página, pedido al servidor.

Los enlaces se leen del HTML de la página (que test_browser_pages ya abre en Chromium) y
se piden con el contexto de peticiones del navegador, sin volver a dibujar la página.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import PurePosixPath
from urllib.parse import urljoin

from . import sitecrawl
from .browsing import Tab

DOWNLOAD_LINKS = "() => [...document.querySelectorAll('a.download, a[download]')].map(a => a.href)"


def fetch(tab: Tab, url: str) -> bytes:
    response = tab.page.request.get(url)
    assert response.status == 200, f"{url} -> {response.status}"
    return response.body()


def test_each_example_offers_its_script_notebook_and_zip(
    shared_tab: Tab, gallery_page: str
) -> None:
    tab = shared_tab
    page = sitecrawl.parse(sitecrawl.SITE, gallery_page)
    links = [
        urljoin(tab.base_url + gallery_page, href)
        for href in page.links
        if "_downloads/" in href and not sitecrawl.is_external(href)
    ]
    by_suffix = {PurePosixPath(u).suffix: u for u in links}
    stem = PurePosixPath(gallery_page).stem
    assert set(by_suffix) >= {".py", ".ipynb", ".zip"}, links
    assert all(PurePosixPath(u).stem == stem for u in by_suffix.values()), links

    script = fetch(tab, by_suffix[".py"]).decode("utf-8")
    compile(script, f"{stem}.py", "exec")  # a real Python file, not an error page
    assert "import actloss" in script or "from actloss" in script

    notebook = json.loads(fetch(tab, by_suffix[".ipynb"]))
    assert notebook["nbformat"] == 4
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and any("actloss" in "".join(c["source"]) for c in code)

    archive = zipfile.ZipFile(io.BytesIO(fetch(tab, by_suffix[".zip"])))
    assert sorted(archive.namelist()) == sorted([f"{stem}.py", f"{stem}.ipynb"])
    assert archive.testzip() is None


def test_download_all_examples(tab: Tab, site: object) -> None:
    """Los zips de la galería entera traen todos los ejemplos que tiene el sitio."""
    examples = {PurePosixPath(p).stem for p in sitecrawl.gallery_examples()}
    assert examples, "la galería no tiene ejemplos"
    tab.open("galeria/index.html")
    zips = [u for u in tab.page.evaluate(DOWNLOAD_LINKS) if u.endswith(".zip")]
    assert len(zips) == 2, zips  # Python and Jupyter
    for url in zips:
        names = zipfile.ZipFile(io.BytesIO(fetch(tab, url))).namelist()
        suffix = ".ipynb" if "jupyter" in url else ".py"
        stems = {PurePosixPath(n).stem for n in names if n.endswith(suffix)}
        assert stems == examples, f"{url}: le faltan {sorted(examples - stems)}"
