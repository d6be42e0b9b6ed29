"""Labels by language: the one rule every stage uses to pick a label to show."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["pick_label"]


def pick_label(labels: Mapping[str, str], lang: str = "en", fallback: str = "") -> str:
    """The label in ``lang``, else the English one, else ``fallback``.

    >>> pick_label({"en": "Alex Stamos", "ar": "أليكس ستاموس"}, "ar"), pick_label({"en": "Facebook"}, "ar")
    ('أليكس ستاموس', 'Facebook')
    >>> pick_label({}, "ar", fallback="urn:x:unnamed")
    'urn:x:unnamed'
    """
    return labels.get(lang) or labels.get("en") or fallback
