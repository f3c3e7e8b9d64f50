#!/usr/bin/python3
"""Static HTML (and reveal.js slides) of executed notebooks, with an index page.

Usage:
    tools/render.py --out target/site --executed DIR --root ROOT [--reveal DIR] NOTEBOOK...

NOTEBOOK... are the source notebooks in reading order; the executed copy of each is looked
up at DIR/<path of the notebook relative to ROOT> (the layout tools/run_notebooks.py writes).
A notebook with no executed copy is rendered from its source (without outputs) and marked
on the index page; so is one whose executed copy holds an error.

Written into --out:
    index.html              the notebooks in order: title, page, slides (if any), status
    NN-name.html            one page per notebook; plots are embedded as data: URIs
    NN-name.slides.html     reveal.js slides of every notebook: the slides its cells' metadata
                            marks (View > Cell Toolbar > Slideshow in Jupyter), or, without
                            any, one slide per "#" or "##" heading (a tall slide scrolls)
    assets/                 require.js, jQuery and the part of MathJax the pages use, copied
                            from Debian's packages when present, and reveal.js from --reveal
                            (the npm package's folder, tools/reveal/node_modules/reveal.js), so
                            pages, math and slides work offline and the folder can be zipped
                            and mailed.
Without --reveal the slides load reveal.js from nbconvert's default address when opened.
WORKBOOK_REVEAL_URL, when set, is the reveal.js address the slides use instead of either.

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
# What the slides template (nbconvert's templates/reveal/index.html.j2) loads from reveal.js 4:
# dist/reveal.css, dist/theme/<theme>.css (with its fonts), dist/reveal.js, plugin/notes/notes.js.
# The theme is "white": its font (Source Sans Pro) ships in the package, where nbconvert's default
# theme, "simple", fetches its fonts from a web font service when the slides open.
REVEAL_THEME = "white"
REVEAL_PARTS = ["dist/reveal.css", "dist/reveal.js", f"dist/theme/{REVEAL_THEME}.css", "dist/theme/fonts/source-sans-pro",
                "plugin/notes", "LICENSE"]


def copy_reveal(src, out):
    """Copy what the slides need of reveal.js into out/assets/reveal.js; return its URL prefix."""
    src = Path(src)
    version = re.search(r'"version"\s*:\s*"([^"]+)"', (src / "package.json").read_text()).group(1)
    if not version.startswith("4."):
        raise SystemExit(f"render: --reveal {src} holds reveal.js {version}; nbconvert's slides template "
                         f"expects reveal.js 4 (tools/reveal/package.json pins it)")
    for part in REVEAL_PARTS:
        s, d = src / part, out / "assets" / "reveal.js" / part
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        elif s.is_file():
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)
        else:
            raise SystemExit(f"render: --reveal {src} has no {part}: is it the reveal.js package folder?")
    return "assets/reveal.js"


def with_heading_slides(nb):
    """A copy of nb in which each markdown cell holding a "#" or "##" heading starts a slide, for a
    notebook without slide metadata."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        heading = cell.cell_type == "markdown" and re.search(r"^#{1,2}\s", cell.source, re.M)
        kind = "slide" if heading else "-"
        cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}
    return nb


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
    p.add_argument("--reveal", help="the reveal.js 4 package folder to copy next to the slides")
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
    reveal = os.environ.get("WORKBOOK_REVEAL_URL") or (copy_reveal(args.reveal, out) if args.reveal else None)
    slide_settings = dict(settings, reveal_theme=REVEAL_THEME, **({"reveal_url_prefix": reveal} if reveal else {}))
    slide_exporter = SlidesExporter(**slide_settings, embed_images=True)
    heading_exporter = SlidesExporter(**slide_settings, embed_images=True, reveal_scroll=True)

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
        own = has_slides(nb)
        exporter, deck = (slide_exporter, nb) if own else (heading_exporter, with_heading_slides(nb))
        slides_body, _ = exporter.from_notebook_node(deck, resources=dict(resources))
        slides = f"{source.stem}.slides.html"
        (out / slides).write_text(slides_body, encoding="utf-8")
        item += f' <a class="slides" href="{html.escape(slides)}">slides</a>'
        if status != "ok":
            bad += 1
            item += f' <span class="bad">({html.escape(status)})</span>'
        items.append(item + "</li>")
        print(f"  {source.name} -> {page} + slides{'' if own else ' (one per heading)'}"
              f"{'' if status == 'ok' else '  [' + status + ']'}")
    (out / "index.html").write_text(INDEX.format(items="\n".join(items)), encoding="utf-8")
    print(f"render: {len(items)} notebook(s) -> {out / 'index.html'}"
          f"{'' if bad == 0 else f'  ({bad} with problems, marked on the index)'}")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
