"""Synthetic timeline files: valid kg YAML of any size, with a source text to quote.

:func:`write_synthetic_timeline` writes ``timeline.yaml`` and ``source.txt`` into a folder.
The timeline has actors, topics, events of several types and statuses, positions, claims
whose evidence quotes the source by code-point offsets, links, and relations between times
(``after`` with ``P1M`` / ``P1M~`` offsets, ``within``, relations between single ends), with
dates in many EDTF forms (days, months, seasons, ``~``, ``?`` with bounds, sets, open
intervals, and times given only by their relations). Every date and relation holds for a
hidden true day of each event, in both readings (admissible and as written), so the file
always loads; the same seed gives the same file. Tests and benchmarks use it to check kg on
data nobody curated by hand.

With ``sources_per_event`` the file has the shape of a hand-curated timeline instead: each
event has its own short source (``sources/s<i>.txt``), which its claims, link and relation
quote, and every event's time and every relation carries a ``phrase`` (the source's own words
for the date) quoted from that source and distinct from every other. The events, dates and
relations are the same as without it for the same seed.

>>> import tempfile
>>> from kg.timeline.reader import load_timeline
>>> with tempfile.TemporaryDirectory() as folder:
...     t = load_timeline(write_synthetic_timeline(folder, events=40, seed=3))
>>> len(t.events), len(t.relations) > 10, len(t.positions) > 0
(40, True, True)
>>> with tempfile.TemporaryDirectory() as folder:
...     t = load_timeline(write_synthetic_timeline(folder, events=40, seed=3, sources_per_event=True))
>>> len(t.sources), t.events["e7"].time.phrase, t.events["e7"].time.phrase in t.sources["s7"].text
(40, 'in week 7 of the affair', True)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

__all__ = ["write_synthetic_timeline"]

_TYPES = ("urged", "opposed", "warned", "disclosed", "published", "reported", "decided", "rejected")
_START = dt.date(2015, 1, 1)


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _time(rng: random.Random, start: dt.date, end: dt.date) -> tuple[str, dict[str, str]]:
    """A time mapping (as YAML lines) that admits [start, end], nominal reading included."""
    form = rng.random()
    month = f"{start.year:04d}-{start.month:02d}"
    if start != end:
        if form < 0.5:
            return "interval", {"edtf": f"{start.isoformat()}/{end.isoformat()}"}
        return "open", {"edtf": f"{month}/.."}
    if form < 0.25:
        return "day", {"edtf": start.isoformat()}
    if form < 0.45:
        return "month", {"edtf": month}
    if form < 0.6:
        return "about", {"edtf": f"{month}~"}
    if form < 0.72:
        lo = start - dt.timedelta(days=rng.randint(0, 90))
        hi = start + dt.timedelta(days=rng.randint(0, 90))
        return "doubt", {"edtf": f"{month}?", "start_not_before": lo.isoformat(), "end_not_after": hi.isoformat()}
    if form < 0.82:
        other = start + dt.timedelta(days=rng.choice((-1, 1)))
        pair = sorted((start, other))
        return "set", {"edtf": f"'[{pair[0].isoformat()},{pair[1].isoformat()}]'"}
    if form < 0.9:
        return "year", {"edtf": str(start.year)}
    return "relative", {}  # only the relations (and claims) bound it


def _phrase(i: int) -> str:
    """The time phrase of event *i*: distinct for every event, quoted from its own source."""
    return f"in week {i} of the affair"


def _own_sources(folder: Path, sentences: list[str], later: dict[int, str], published: dt.date) -> list[str]:
    """Write one short source per event into ``folder/sources``; the YAML lines that list them."""
    (folder / "sources").mkdir(exist_ok=True)
    lines = []
    for i, sentence in enumerate(sentences):
        text = f"Report {i}. {sentence}" + (f" {later[i]}" if i in later else "") + "\n"
        (folder / "sources" / f"s{i}.txt").write_text(text, encoding="utf-8")
        lines += [f"  - id: s{i}", f"    title: {{en: Report {i}}}", "    language: en",
                  f"    date: {published.isoformat()}", f"    path: sources/s{i}.txt",
                  f"    sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}"]
    return lines


def write_synthetic_timeline(folder: str | Path, *, events: int = 100, seed: int = 0,
                             sources_per_event: bool = False) -> Path:
    """Write a synthetic timeline of *events* events into *folder*; returns the YAML's path.

    With *sources_per_event*, one short source per event and a distinct time phrase quoted
    from it on every event's time and every relation (see the module's docstring).
    """
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sentences: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = len("Synthetic Gazette. ")
    text_parts = ["Synthetic Gazette. "]
    truth: list[tuple[dt.date, dt.date]] = []
    for i in range(events):
        if i and rng.random() < 0.3:  # a month after an earlier event, as written
            j = rng.randrange(i)
            start = truth[j][1] + dt.timedelta(days=rng.randint(28, 31))
        else:
            start = _START + dt.timedelta(days=rng.randrange(0, 3000))
        end = start if rng.random() < 0.8 else start + dt.timedelta(days=rng.randint(1, 200))
        truth.append((start, end))
        if sources_per_event:  # the event's own source: "Report i. <sentence>" (written below)
            sentence = f"Event {i} happened {_phrase(i)}."
            offsets.append((len(f"Report {i}. "), len(f"Report {i}. ") + len(sentence)))
            sentences.append(sentence)
            continue
        sentence = f"Event {i} happened."
        sentences.append(sentence)
        offsets.append((position, position + len(sentence)))
        text_parts.append(sentence + " ")
        position += len(sentence) + 1
    published = max(e for _, e in truth) + dt.timedelta(days=1)
    actors = max(3, events // 10)
    lines = [
        "kg_timeline: 1", "id: synthetic", "base: https://example.org/synthetic/",
        "title: {en: A synthetic timeline, ar: خط زمني اصطناعي}",
        "sources:",
    ]
    if not sources_per_event:
        text = "".join(text_parts)
        (folder / "source.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        lines += ["  - id: gazette", "    title: {en: Synthetic Gazette}", "    language: en", "    publisher: null",
                  f"    date: {published.isoformat()}", "    path: source.txt", f"    sha256: {digest}"]
    source_lines = len(lines)  # the per-event sources go here, once their relation sentences are known
    later: dict[int, str] = {}  # event -> the sentence its relation's phrase is quoted from
    lines += [
        "actors:",
        *[f"  - {{id: a{k}, kind: {'person' if k % 3 else 'organisation'}, label: {{en: Actor {k}, ar: الفاعل {k}}}}}"
          for k in range(actors)],
        "topics:", *[f"  - {{id: t{k}, label: {{en: Topic {k}, ar: الموضوع {k}}}}}" for k in range(3)],
        "offices: [{id: chair, label: {en: chair, ar: رئيس}}]",
        "events:",
    ]

    def evidence(i: int, indent: str) -> list[str]:
        a, b = offsets[i]
        source = f"source: s{i}, " if sources_per_event else ""
        return [f"{indent}evidence:",
                f"{indent}  - {{{source}start: {a}, end: {b}, text: {_q(sentences[i])}, gloss: As written.}}"]

    def by(i: int) -> str:
        return f"by: [s{i}]" if sources_per_event else "by: [gazette]"

    relations: list[list[str]] = []
    for i, (start, end) in enumerate(truth):
        kind, time = _time(rng, start, end)
        status = rng.choice(("happened",) * 8 + ("planned", "reported"))
        lines += [f"  - id: e{i}", f"    label: {{en: Event {i}, ar: الحدث {i}}}", f"    type: {rng.choice(_TYPES)}",
                  f"    status: {status}", "    participants:",
                  f"      - {{actor: a{rng.randrange(actors)}, role: agent}}",
                  f"      - {{actor: t{rng.randrange(3)}, role: topic}}", "    time:"]
        lines += [f"      {k}: {v}" for k, v in time.items()]
        if sources_per_event:
            lines.append(f"      phrase: {_phrase(i)}")
        lines += ["      derivation: " + ("relative" if kind == "relative" else "stated"), "      basis: synthetic"]
        lines += ["    claims:", f"      - id: c{i}", f"        {by(i)}", "        stance: asserts",
                  *evidence(i, "        ")]
        # relations that hold for the true days
        if i and (kind == "relative" or rng.random() < 0.6):
            j = rng.randrange(i)  # an earlier event (O(1): a list of all earlier ones made this quadratic)
            (js, je) = truth[j]
            gap = (start - je).days
            if 28 <= gap <= 31:
                relations.append([f"  - id: r{i}", f"    from: e{i}", "    relation: after",
                                  f"    offset: {rng.choice(('P1M', 'P1M~'))}", f"    to: e{j}"])
            elif js <= start and end <= je:
                relations.append([f"  - id: r{i}", f"    from: e{i}", "    relation: within", f"    to: e{j}"])
            elif start > je:
                relations.append([f"  - id: r{i}", f"    from: e{i}", "    relation: after", f"    to: e{j}"])
            else:
                rel = "not-before" if start >= js else "before"
                relations.append([f"  - id: r{i}", f"    from: e{i}", "    from_point: start", f"    relation: {rel}",
                                  f"    to: e{j}", "    to_point: start"])
            relations[-1] += [*evidence(i, "    "), "    basis: synthetic"]
            if sources_per_event:
                later[i] = f"In its words, event {i} was timed against event {j}."
                relations[-1].append(f"    phrase: event {i} was timed against event {j}")
    lines.append("positions:")
    for k in range(min(actors, 3)):
        s = _START + dt.timedelta(days=rng.randrange(0, 1000))
        lines += [f"  - id: p{k}", f"    holder: a{k}", "    office: chair", f"    organisation: a{(k + 1) % actors}",
                  f"    time: {{edtf: {s.isoformat()[:7]}/.., derivation: stated, basis: synthetic}}",
                  "    claims:", f"      - id: pc{k}", f"        {by(k)}", "        stance: asserts",
                  *evidence(k, "        ")]
    lines.append("links:")
    made = 0
    for i in range(1, events):
        j = rng.randrange(i)
        if made < events // 10 and truth[i][0] >= truth[j][0]:
            lines += [f"  - id: l{i}", "    relation: response-to", f"    from: e{i}", f"    to: e{j}", "    claims:",
                      f"      - id: lc{i}", f"        {by(i)}", "        stance: asserts", *evidence(i, "        ")]
            made += 1
    if made == 0:
        lines[-1] = "links: []"
    lines.append("relations:" if relations else "relations: []")
    for block in relations:
        lines += block
    if sources_per_event:
        lines[source_lines:source_lines] = _own_sources(folder, sentences, later, published)
    path = folder / "timeline.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
