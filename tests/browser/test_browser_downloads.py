"""Las descargas de la galería: cada enlace de descarga de cada página, leído del sitio.

Los enlaces salen del HTML de cada ejemplo y de la portada de la galería, y los archivos
del sitio construido (el enlace resuelve a un archivo: ``test_site_files`` lo comprueba
para cada enlace). Sin navegador: servidos por HTTP serían los mismos bytes, y las páginas
se abren en Chromium en ``test_browser_pages``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

from . import sitecrawl

# The reST of the gallery's text, which docs/_ext/plain_downloads.py rewrites in the
# downloaded scripts as the notebooks write it ($x$ and $$ blocks).
RST_MARKUP = re.compile(r":[a-z]+:`|^\s*(?:#\s*)?\.\. [a-z-]+::", re.MULTILINE)


def downloads(site: Path, page: str) -> dict[str, bytes]:
    """Los archivos que enlaza ``page`` bajo ``_downloads/``, por su ruta en el sitio."""
    links = [
        href
        for href in sitecrawl.parse(site, page).links
        if "_downloads/" in href and not sitecrawl.is_external(href)
    ]
    targets = [sitecrawl.resolve(page, href)[0] for href in links]
    return {target: (site / target).read_bytes() for target in targets}


def test_each_example_offers_its_script_notebook_and_zip(site: Path) -> None:
    examples = sitecrawl.gallery_examples(site)
    assert examples, "la galería no tiene ejemplos"
    problems = []
    for gallery_page in examples:
        files = downloads(site, gallery_page)
        by_suffix = {PurePosixPath(u).suffix: u for u in files}
        stem = PurePosixPath(gallery_page).stem
        if not set(by_suffix) >= {".py", ".ipynb", ".zip"} or not all(
            PurePosixPath(u).stem == stem for u in by_suffix.values()
        ):
            problems.append(f"{gallery_page}: descargas {sorted(files)}")
            continue

        script = files[by_suffix[".py"]].decode("utf-8")
        compile(script, f"{stem}.py", "exec")  # a real Python file, not an error page
        if found := RST_MARKUP.search(script):
            problems.append(f"{gallery_page}: el script conserva reST: {found.group()!r}")
        if "import actloss" not in script and "from actloss" not in script:
            problems.append(f"{gallery_page}: el script no usa actloss")

        notebook = json.loads(files[by_suffix[".ipynb"]])
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        if notebook["nbformat"] != 4 or not any("actloss" in "".join(c["source"]) for c in code):
            problems.append(f"{gallery_page}: el cuaderno no es nbformat 4 con actloss")
        text = [c for c in notebook["cells"] if c["cell_type"] == "markdown"]
        if any(RST_MARKUP.search("".join(c["source"])) for c in text):
            problems.append(f"{gallery_page}: el cuaderno conserva reST")

        archive = zipfile.ZipFile(io.BytesIO(files[by_suffix[".zip"]]))
        if sorted(archive.namelist()) != sorted([f"{stem}.py", f"{stem}.ipynb"]):
            problems.append(f"{gallery_page}: el zip tiene {archive.namelist()}")
        elif archive.read(f"{stem}.py").decode("utf-8") != script:
            problems.append(f"{gallery_page}: el script del zip no es el que se descarga")
        assert archive.testzip() is None
    assert problems == [], "\n".join(problems)


def test_download_all_examples(site: Path) -> None:
    """Los zips de la galería entera traen todos los ejemplos que tiene el sitio."""
    examples = {PurePosixPath(p).stem for p in sitecrawl.gallery_examples(site)}
    assert examples, "la galería no tiene ejemplos"
    zips = {
        u: data for u, data in downloads(site, "galeria/index.html").items() if u.endswith(".zip")
    }
    assert len(zips) == 2, list(zips)  # Python and Jupyter
    for url, data in zips.items():
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        suffix = ".ipynb" if "jupyter" in url else ".py"
        stems = {PurePosixPath(n).stem for n in names if n.endswith(suffix)}
        assert stems == examples, f"{url}: le faltan {sorted(examples - stems)}"
        archive = zipfile.ZipFile(io.BytesIO(data))
        scripts = [n for n in names if n.endswith(".py")]
        with_rst = [n for n in scripts if RST_MARKUP.search(archive.read(n).decode("utf-8"))]
        assert with_rst == [], f"{url}: scripts con reST"
