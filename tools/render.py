#!/usr/bin/python3
"""Static HTML (and reveal.js slides) of executed notebooks, with an index page.

Usage:
    tools/render.py --out target/site --executed DIR --root ROOT NOTEBOOK...

NOTEBOOK... are the source notebooks in reading order; the executed copy of each is looked
up at DIR/<path of the notebook relative to ROOT> (the layout tools/run_notebooks.py writes).
A notebook with no executed copy is rendered from its source (without outputs) and marked
on the index page; so is one whose executed copy holds an error.

Written into --out:
    index.html              the notebooks in order: title, page, slides (if any), status
    NN-name.html            one page per notebook; plots are embedded as data: URIs
    NN-name.slides.html     reveal.js slides, for notebooks whose cells carry slide metadata
                            (View > Cell Toolbar > Slideshow in Jupyter)
    assets/                 require.js, jQuery and the part of MathJax the pages use, copied
                            from Debian's packages when present, so pages and math work
                            offline and the folder can be zipped and mailed.
The slides load reveal.js itself from its CDN (nbconvert's default) when they are opened:
no copy of reveal.js ships with Debian. Set WORKBOOK_REVEAL_URL to a local copy to change it.

Uses Debian's nbconvert (python3-nbconvert), never PyPI.
"""

import argparse
import html
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter

DEBIAN_JS = Path("/usr/share/javascript")
# What a page needs of MathJax 2.7 with config TeX-AMS_CHTML-full (about 1.5 MB of 54 MB).
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions", "jax/input/TeX",
                 "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff"]
SLIDE_TYPES = {"slide", "subslide", "fragment"}


def copy_assets(out):
    """Copy local JS assets into out/assets; return the exporter settings that use them."""
    settings = {}
    assets = out / "assets"
    require, jquery, mathjax = (DEBIAN_JS / "requirejs/require.min.js",
                                DEBIAN_JS / "jquery/jquery.min.js", DEBIAN_JS / "mathjax")
    if require.is_file():
        assets.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(require, assets / "require.min.js")
        settings["require_js_url"] = "assets/require.min.js"
    if jquery.is_file():
        assets.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(jquery, assets / "jquery.min.js")
        settings["jquery_url"] = "assets/jquery.min.js"
    if (mathjax / "MathJax.js").is_file():
        for part in MATHJAX_PARTS:
            src, dst = mathjax / part, assets / "mathjax" / part
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            elif src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
        settings["mathjax_url"] = "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    return settings


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"^\s*#{1,6}\s+(.*\S)\s*$", line)
                if m:
                    return re.sub(r"[*_`]", "", m.group(1))
    return fallback


def status_of(nb, executed):
    if not executed:
        return "not executed"
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"error in code cell {i}"
    if any(c.get("execution_count") is None and c.source.strip() for c in code):
        return "not every cell ran"
    return "ok"


def scrub_paths(nb, folder):
    """Outputs that name this machine's folders (the kernel prints where a jar was loaded
    from) show them relative to the notebook instead, as the notebook's own code does."""
    prefix = str(folder) + os.sep
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and prefix in out.get("text", ""):
                out["text"] = out["text"].replace(prefix, "")
            data = out.get("data", {})
            if isinstance(data.get("text/plain"), str) and prefix in data["text/plain"]:
                data["text/plain"] = data["text/plain"].replace(prefix, "")


def has_slides(nb):
    return any(c.get("metadata", {}).get("slideshow", {}).get("slide_type") in SLIDE_TYPES
               for c in nb.cells)


INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Backprop Workbook</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
         color: #222; line-height: 1.5; }}
  h1 {{ font-size: 1.8rem; margin-bottom: .2rem; }}
  p.sub {{ color: #555; margin-top: 0; }}
  ol {{ padding-left: 1.4rem; }}
  li {{ margin: .5rem 0; }}
  a {{ color: #0b5cad; }}
  .slides {{ font-size: .9rem; margin-left: .6rem; }}
  .bad {{ color: #b00020; font-size: .9rem; margin-left: .6rem; }}
</style>
</head>
<body>
<h1>Backprop Workbook</h1>
<p class="sub">The notebooks in reading order, executed: every number and plot on these pages was
produced by the code above it.</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--executed", required=True)
    p.add_argument("--root", default=".")
    p.add_argument("notebooks", nargs="+")
    args = p.parse_args(argv)

    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    settings = copy_assets(out)
    # Markdown files the notebooks link to (NOTATION.md) go beside the pages, so the links work offline.
    for folder in sorted({Path(n).resolve().parent for n in args.notebooks}):
        for doc in sorted(folder.glob("*.md")):
            shutil.copyfile(doc, out / doc.name)
    page_exporter = HTMLExporter(**settings, embed_images=True)
    reveal = os.environ.get("WORKBOOK_REVEAL_URL")
    slide_settings = dict(settings, **({"reveal_url_prefix": reveal} if reveal else {}))
    slide_exporter = SlidesExporter(**slide_settings, embed_images=True)

    items, bad = [], 0
    for source in args.notebooks:
        source = Path(source).resolve()
        try:
            rel = source.relative_to(Path(args.root).resolve())
        except ValueError:
            rel = Path(source.name)
        executed = Path(args.executed) / rel
        nb = nbformat.read(str(executed if executed.is_file() else source), as_version=4)
        status = status_of(nb, executed.is_file())
        scrub_paths(nb, source.parent)
        title = title_of(nb, source.stem)
        resources = {"metadata": {"name": title, "path": str(source.parent)}}
        body, _ = page_exporter.from_notebook_node(nb, resources=dict(resources))
        page = f"{source.stem}.html"
        (out / page).write_text(body, encoding="utf-8")
        item = f'  <li><a href="{html.escape(page)}">{html.escape(title)}</a>'
        if has_slides(nb):
            slides_body, _ = slide_exporter.from_notebook_node(nb, resources=dict(resources))
            slides = f"{source.stem}.slides.html"
            (out / slides).write_text(slides_body, encoding="utf-8")
            item += f' <a class="slides" href="{html.escape(slides)}">slides</a>'
        if status != "ok":
            bad += 1
            item += f' <span class="bad">({html.escape(status)})</span>'
        items.append(item + "</li>")
        print(f"  {source.name} -> {page}{' + slides' if has_slides(nb) else ''}"
              f"{'' if status == 'ok' else '  [' + status + ']'}")
    (out / "index.html").write_text(INDEX.format(items="\n".join(items)), encoding="utf-8")
    print(f"render: {len(items)} notebook(s) -> {out / 'index.html'}"
          f"{'' if bad == 0 else f'  ({bad} with problems, marked on the index)'}")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
