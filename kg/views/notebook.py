"""Showing kg pages inside notebooks: inline, self-contained, offline.

pyvis's own notebook display writes a file into the working folder and shows it in an
``<iframe src=...>``, which VS Code and Colab do not show. kg puts the whole page in the
iframe's ``srcdoc`` instead: nothing is written, nothing is fetched, and the page keeps
its own Content-Security-Policy. The iframe is sandboxed (scripts only, no same-origin
access to the notebook). The page is the packed one (``render_html(packed=True)``), so an
output weighs about a quarter of a standalone page.

An untrusted notebook (one someone else saved) shows no iframe and runs no script. So the
output also carries a still picture (:mod:`kg.views.snapshot`) and a short summary, and a
one-line script, which runs only where the iframe does, removes them.

>>> e = Explorer("<p>hi & bye</p>", height=200)
>>> print(e._repr_html_())  # doctest: +ELLIPSIS
<iframe srcdoc="&lt;p&gt;hi &amp; bye&lt;/p&gt;" sandbox="allow-scripts" ... height="200" ...></iframe>
>>> still = Explorer("<p>page</p>", still=b"PNG...", summary="Title, 3 events <b>")
>>> html = still._repr_html_()
>>> "data:image/png;base64," in html and "3 events &lt;b&gt;" in html and html.count("<script>") == 1
True
>>> still._repr_mimebundle_()["text/plain"]
'Title, 3 events <b>'
"""

from __future__ import annotations

import base64
import html
import re
from typing import Any

__all__ = ["Explorer", "Chart"]


class Explorer:
    """An HTML page to display inline (``_repr_html_``) in Jupyter, VS Code or Colab."""

    def __init__(self, page: str, *, height: int = 640, still: bytes | None = None, summary: str | None = None):
        self.page = page
        self.height = int(height)
        self.still = still
        self.summary = summary

    def _repr_html_(self) -> str:
        frame = (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                 f'style="width: 100%; border: 1px solid #ddd;" height="{self.height}" '
                 f'title="kg explorer"></iframe>')
        if self.still is None and self.summary is None:
            return frame
        picture = (f'<img src="data:image/png;base64,{base64.b64encode(self.still).decode("ascii")}" '
                   f'alt="{html.escape((self.summary or "").splitlines()[0] if self.summary else "kg explorer")}" '
                   f'style="max-width: 100%; height: auto;">' if self.still else "")
        lines = "<br>".join(html.escape(line) for line in (self.summary or "").splitlines())
        note = "A still picture: trust the notebook to explore the graph interactively."
        return (f'<div class="kg-explorer">{frame}<div class="kg-still">{picture}<p>{lines}<br><em>{note}</em></p>'
                f'</div><script>document.currentScript.previousElementSibling.remove()</script></div>')

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": self.summary or repr(self)}

    def __repr__(self) -> str:
        return f"<kg explorer page, {len(self.page):,} characters; display it in a notebook>"


class Chart:
    """A chart (SVG, PNG or an HTML page) that displays itself in a notebook, at most as wide
    as the output (an SVG is given ``width="100%"``; JupyterLab fits a PNG to the output).

    ``str(chart)`` is the SVG or HTML text, ``bytes(chart)`` the file's bytes. Where the
    picture cannot show (an untrusted notebook hides SVG), the text is ``summary``.

    >>> c = Chart('<svg width="1152pt" height="720pt" viewBox="0 0 1152 720"></svg>', "svg", summary="A chart")
    >>> c._repr_svg_()
    '<svg width="100%" viewBox="0 0 1152 720"></svg>'
    >>> c._repr_mimebundle_()["text/plain"]
    'A chart'
    """

    def __init__(self, data: str | bytes, fmt: str, *, summary: str | None = None):
        self.data = data
        self.format = fmt
        self.summary = summary

    def _repr_svg_(self) -> str | None:
        if self.format != "svg":
            return None
        svg = str(self.data)
        start = svg.index("<svg")
        end = svg.index(">", start)
        root = re.sub(r'\s(width|height)="[^"]*"', "", svg[start:end])
        return svg[:start] + root.replace("<svg", '<svg width="100%"', 1) + svg[end:]

    def _repr_png_(self) -> bytes | None:
        return self.data if self.format == "png" else None  # type: ignore[return-value]  # a PNG chart's data is bytes

    def _repr_html_(self) -> str | None:
        return Explorer(self.data, height=700)._repr_html_() if self.format == "html" else None  # type: ignore[arg-type]  # an HTML chart's data is text

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        shown = {"svg": ("image/svg+xml", self._repr_svg_), "png": ("image/png", self._repr_png_),
                 "html": ("text/html", self._repr_html_)}[self.format]
        return {shown[0]: shown[1](), "text/plain": self.summary or repr(self)}

    def __str__(self) -> str:
        return self.data if isinstance(self.data, str) else self.data.decode("latin-1")

    def __bytes__(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else self.data.encode("utf-8")

    def __repr__(self) -> str:
        return f"<kg chart, {self.format}, {len(self.data):,} {'characters' if isinstance(self.data, str) else 'bytes'}>"
