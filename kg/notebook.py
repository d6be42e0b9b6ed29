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

__all__ = ["Explorer"]


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
