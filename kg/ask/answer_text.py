"""Answers as lines of text, the way ``kg ask`` prints them.

>>> from kg import load
>>> g = load()
>>> for line in answer_lines(g.ask("who left unaddressed that Stamos was leaving")):  # doctest: +ELLIPSIS
...     print(line)
certainly  Alex Stamos
           leaves-unaddressed: Alex Stamos (March 2018 (uncertain); public)
             «لم يذكر أو يعلق على جزء من التقرير حول مغادرته عملاق وسائل التواصل الاجتماعي.» (He did not mention ...)
             «على الرغم من الشائعات ، ما زلت مشاركًا بشكل كامل في عملي على Facebook.» (Despite the rumours, ...)
             about: Stamos leaves Facebook
"""

from __future__ import annotations

from kg.display import terminal_text as safe
from kg.ask.answers import Answers

__all__ = ["answer_lines"]


def answer_lines(answers: Answers, *, explain: bool = False) -> list[str]:
    """Each answer with its grade, then what supports it: events with their times and status,
    claims with their claimants, stance, date and the source's words; with ``explain``, the
    chain behind every derived bound and each event's claims. Labels are data: control
    characters are shown escaped."""
    lines: list[str] = []
    group = None
    for a in answers:
        if group is not None and a.certainty is not group:
            lines.append("")
        group = a.certainty
        word = "no" if a.kind == "verdict" and a.label == "no" else a.certainty.word
        lines.append(f"{word:>9}  {safe(a.label)}" if word != a.label else f"{word:>9}")
        lines += [f"{'':>11}{safe(n)}" for n in a.notes]
        for s in a.support:
            when, bounds = s.time.describe(), s.time.describe_bounds()
            if s.time.edtf and s.time.stated_span is not None and bounds != when:  # as written, and what the other times made of it
                when += f"; derived: {bounds}"
            if s.kind == "claim":
                lines += [f"{'':>11}{safe(line)}" for line in s.claim_lines()]
                if a.kind != "event" and s.about:
                    lines.append(f"{'':>13}about: {safe(s.about)}")
            elif s.iri != a.iri:
                lines.append(f"{'':>11}{s.certainty.word}: {safe(s.label)} ({safe(when)}; {s.status})")
                if s.kind == "link":
                    lines += [f"{'':>13}{safe(line)}" for line in s.claim_lines()]
            else:
                lines.append(f"{'':>11}{safe(when)}; {s.status}")
            if explain:
                lines += [f"{'':>13}{safe(line)}" for line in s.derivation_lines()]
                if s.kind == "event":
                    lines += [f"{'':>13}{safe(line)}" for line in s.claim_lines()]
    return lines
