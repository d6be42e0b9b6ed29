"""Labels by language: the one rule every stage uses to pick a label to show."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["pick_label", "label_order"]


def pick_label(labels: Mapping[str, str], lang: str = "en", fallback: str = "") -> str:
    """The label in ``lang``, else the English one, else ``fallback``.

    >>> pick_label({"en": "Alex Stamos", "ar": "أليكس ستاموس"}, "ar"), pick_label({"en": "Facebook"}, "ar")
    ('أليكس ستاموس', 'Facebook')
    >>> pick_label({}, "ar", fallback="urn:x:unnamed")
    'urn:x:unnamed'
    """
    return labels.get(lang) or labels.get("en") or fallback


def label_order(labels: Mapping[str, str], iri: str) -> tuple[str, str]:
    """The key that puts answers otherwise tied in order: the English label (else the IRI), then the IRI.

    >>> sorted([("urn:x:2", {"en": "Bo"}), ("urn:x:1", {}), ("urn:x:3", {"en": "Bo"})], key=lambda a: label_order(a[1], a[0]))
    [('urn:x:2', {'en': 'Bo'}), ('urn:x:3', {'en': 'Bo'}), ('urn:x:1', {})]
    """
    return pick_label(labels, fallback=iri), iri
