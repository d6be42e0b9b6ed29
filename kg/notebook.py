"""Showing kg pages inside notebooks: inline, self-contained, offline.

pyvis's own notebook display writes a file into the working folder and shows it in an
``<iframe src=...>``, which VS Code and Colab do not show. kg puts the whole page in the
iframe's ``srcdoc`` instead: nothing is written, nothing is fetched, and the page keeps
its own Content-Security-Policy. The iframe is sandboxed (scripts only, no same-origin
access to the notebook).

>>> e = Explorer("<p>hi & bye</p>", height=200)
>>> print(e._repr_html_())  # doctest: +ELLIPSIS
<iframe srcdoc="&lt;p&gt;hi &amp; bye&lt;/p&gt;" sandbox="allow-scripts" ... height="200" ...></iframe>
"""

from __future__ import annotations

import html

__all__ = ["Explorer", "Chart"]


class Explorer:
    """An HTML page to display inline (``_repr_html_``) in Jupyter, VS Code or Colab."""

    def __init__(self, page: str, *, height: int = 640):
        self.page = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'style="width: 100%; border: 1px solid #ddd;" height="{self.height}" '
                f'title="kg explorer"></iframe>')

    def __repr__(self) -> str:
        return f"<kg explorer page, {len(self.page):,} characters; display it in a notebook>"


class Chart:
    """A chart (SVG, PNG or an HTML page) that displays itself in a notebook.

    ``str(chart)`` is the SVG or HTML text, ``bytes(chart)`` the file's bytes.
    """

    def __init__(self, data: str | bytes, fmt: str):
        self.data = data
        self.format = fmt

    def _repr_svg_(self) -> str | None:
        return self.data if self.format == "svg" else None  # type: ignore[return-value]

    def _repr_png_(self) -> bytes | None:
        return self.data if self.format == "png" else None  # type: ignore[return-value]

    def _repr_html_(self) -> str | None:
        return Explorer(self.data, height=700)._repr_html_() if self.format == "html" else None  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.data if isinstance(self.data, str) else self.data.decode("latin-1")

    def __bytes__(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else self.data.encode("utf-8")

    def __repr__(self) -> str:
        return f"<kg chart, {self.format}, {len(self.data):,} {'characters' if isinstance(self.data, str) else 'bytes'}>"
