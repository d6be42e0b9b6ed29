"""The bad-input corpus: kg run as a careless or hostile user would, case by case.

Every case runs the command line in a child process forked from this one (so the heavy
imports are paid once), with an address-space limit and a timeout, in a fresh copy of the
minimal example timeline. Each asserts: the exit code; one line of error naming the problem
(no traceback, nothing logged); no input changed (every file hashed before and after, special
files included); no stray file left (the folder listed before and after). The files are in
tests/bad_input/; the timeline variants are edits of examples/minimal/timeline.yaml.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

DATA = Path(__file__).parent / "bad_input"
MINIMAL = (EXAMPLES / "minimal" / "timeline.yaml").read_text(encoding="utf-8")
TIME_LIMIT = 60.0  # seconds per case: a hang is a failure, not a stuck suite
MEMORY = 1536 << 20  # bytes of address space a case may add to this process's


@dataclass
class Case:
    id: str
    argv: list[str]
    exit: int
    message: str = ""  # must occur in the one error line (or in the output, for exit 0)
    setup: Callable[[Path], None] | None = None
    one_line: bool = True  # exactly one line of error (validate may list several problems)
    stdin: str | None = None
    check: Callable[[Path, str, str], None] | None = None
    creates: tuple[str, ...] = ()  # files the case may create (exit 0 only)
    marks: list = field(default_factory=list)


def timeline_edit(old: str, new: str, text: str = MINIMAL) -> Callable[[Path], None]:
    assert old in text, old

    def setup(ws: Path) -> None:
        (ws / "timeline.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


def timeline_bytes(data: bytes) -> Callable[[Path], None]:
    return lambda ws: (ws / "timeline.yaml").write_bytes(data)


def both(*setups: Callable[[Path], None] | None) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        for s in setups:
            if s is not None:
                s(ws)
    return setup


def fifo(name: str) -> Callable[[Path], None]:
    return lambda ws: os.mkfifo(ws / name)


def link(name: str, target: str) -> Callable[[Path], None]:
    return lambda ws: os.symlink(target, ws / name)


def write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            (ws / name).write_bytes(data)
        else:
            (ws / name).write_text(data, encoding="utf-8")
    return setup


SOURCE = "    path: source.txt\n"
OFFSETS = "{start: 98, end: 174,"
EDTF = "      edtf: 2024-04-30\n"
ALIAS_BOMB = ("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
              + "".join(f"x-{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                        for p, c in zip("abcdefgh", "bcdefghi")))

# -- timeline files: each edit is run through validate and render --------------------------
TIMELINES: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty-file", timeline_bytes(b""), "a timeline file"),
    ("not-a-mapping", timeline_bytes(b"- a\n- b\n"), "a timeline file"),
    ("yaml-syntax", timeline_bytes(b"kg_timeline: [1,\n"), "YAML syntax error"),
    ("tab-indent", timeline_bytes(b"kg_timeline: 1\nid: x\n\tbase: y\n"), "YAML syntax error"),
    ("control-char", timeline_bytes(b"kg_timeline: 1\nid: x\x07\n"), "U+0007"),
    ("escape-char", timeline_bytes(b"kg_timeline: 1\nid: \x1b[2Jx\n"), "U+001B"),
    ("not-utf8", timeline_bytes(MINIMAL.encode() + b"\n# caf\xe9\n"), "not UTF-8"),
    ("utf16", timeline_bytes(MINIMAL.encode("utf-16")), "not UTF-8"),
    ("duplicate-key", timeline_edit("id: harbour-pier\n", "id: harbour-pier\nid: again\n"), "duplicate key 'id'"),
    ("int-5000-digits", timeline_edit("kg_timeline: 1\n", "kg_timeline: " + "9" * 5000 + "\n"), "kg_timeline is"),
    ("int-offset-5000-digits", timeline_edit(OFFSETS, "{start: " + "9" * 5000 + ", end: 174,"), "start"),
    ("format-version-2", timeline_edit("kg_timeline: 1\n", "kg_timeline: 2\n"), "this kg reads format 1"),
    ("no-id", timeline_edit("id: harbour-pier\n", ""), "'id'"),
    ("bad-base", timeline_edit("base: https://example.org/harbour-pier/", "base: 'javascript:alert(1)'"), "base"),
    ("unknown-top-key", timeline_edit("id: harbour-pier\n", "id: harbour-pier\nscript: x\n"), "script"),
    ("unknown-actor", timeline_edit("{actor: residents, role: agent}", "{actor: residentz, role: agent}"),
     "unknown actor 'residentz'"),
    ("unknown-role", timeline_edit("{actor: residents, role: agent}", "{actor: residents, role: boss}"), "boss"),
    ("unknown-status", timeline_edit("status: planned", "status: rumoured"), "rumoured"),
    ("unknown-stance", timeline_edit("stance: confirms", "stance: shrugs"), "shrugs"),
    ("label-is-a-list", timeline_edit("label: {en: Dana Reyes}", "label: [Dana, Reyes]"), "label"),
    ("label-is-nested", timeline_edit("label: {en: Dana Reyes}", "label: {en: [Dana, Reyes]}"), "label"),
    ("id-with-space", timeline_edit("id: reyes\n", "id: dana reyes\n"), "dana reyes"),
    ("sha256-changed", timeline_edit("sha256: 227a7b85", "sha256: 127a7b85"), "has changed"),
    ("sha256-not-hex", timeline_edit("sha256: 227a7b85", "sha256: zz7a7b85"), "64 lower-case hex"),
    ("source-missing", timeline_edit(SOURCE, "    path: nowhere.txt\n"), "not found"),
    ("source-absolute", timeline_edit(SOURCE, "    path: /etc/passwd\n"), "outside the timeline's folder"),
    ("source-climbs", timeline_edit(SOURCE, "    path: ../../../../../../etc/passwd\n"), "outside the timeline's folder"),
    ("source-proc-environ", timeline_edit(SOURCE, "    path: /proc/self/environ\n"), "outside the timeline's folder"),
    ("source-dev-zero", timeline_edit(SOURCE, "    path: /dev/zero\n"), "outside the timeline's folder"),
    ("source-symlink-out", both(link("out.txt", "/etc/passwd"), timeline_edit(SOURCE, "    path: out.txt\n")),
     "outside the timeline's folder"),
    ("source-symlink-zero", both(link("zero.txt", "/dev/zero"), timeline_edit(SOURCE, "    path: zero.txt\n")),
     "outside the timeline's folder"),
    ("source-folder", timeline_edit(SOURCE, "    path: .\n"), "is a folder, not a file"),
    ("source-subfolder", both(lambda ws: (ws / "sub").mkdir(), timeline_edit(SOURCE, "    path: sub\n")),
     "is a folder, not a file"),
    ("source-fifo", both(fifo("pipe.txt"), timeline_edit(SOURCE, "    path: pipe.txt\n")), "FIFO"),
    ("source-nul", timeline_edit(SOURCE, '    path: "source\\0.txt"\n'), "not a usable file name"),
    ("source-empty-path", timeline_edit(SOURCE, "    path: ''\n"), "path"),
    ("source-huge", both(lambda ws: os.truncate(ws / "big.txt", 5 << 20) if (ws / "big.txt").touch() is None else None,
                         timeline_edit(SOURCE, "    path: big.txt\n")), "over kg's input limit"),
    ("offsets-reversed", timeline_edit(OFFSETS, "{start: 174, end: 98,"), "the start must be before the end"),
    ("offsets-negative", timeline_edit(OFFSETS, "{start: -5, end: 174,"), "-5"),
    ("offsets-beyond", timeline_edit(OFFSETS, "{start: 98, end: 17400,"), "outside source"),
    ("offsets-text", timeline_edit(OFFSETS, "{start: abc, end: 174,"), "start"),
    ("offsets-float", timeline_edit(OFFSETS, "{start: 98.5, end: 174,"), "start"),
    ("offsets-wrong-text", timeline_edit("text: 'Harbour Town council voted", "text: 'Harbour Town council vetoed"),
     "evidence text is not at"),
    ("alias-bomb", timeline_edit("kg_timeline: 1\n", "kg_timeline: 1\n" + ALIAS_BOMB), "aliases repeat"),
    ("recursive-alias", timeline_edit("kg_timeline: 1\n", "kg_timeline: 1\nx-r: &r [*r]\n"), "YAML"),
    ("merge-key-bomb", timeline_edit("kg_timeline: 1\n", "kg_timeline: 1\n" + ALIAS_BOMB.replace("[lol,", "[{a: 1},")
                                     .replace("x-i: &i", "x-j: {<<: *h}\nx-i: &i")), "aliases repeat"),
    ("deep-nesting", timeline_bytes(b"kg_timeline: 1\nx-deep: " + b"[" * 50000 + b"]" * 50000 + b"\n"), "nested"),
    ("python-tag", timeline_edit("id: harbour-pier\n", "id: !!python/object/apply:os.system [echo owned]\n"),
     "YAML syntax error"),
    ("binary-tag", timeline_edit("id: harbour-pier\n", "id: !!binary aGVsbG8=\n"), "id"),
    ("huge-file", timeline_bytes(MINIMAL.encode() + b"#" * (5 << 20) + b"\n"), "over kg's input limit"),
]

DATES = ["2017-13", "2024-02-30", "0000", "10000", "2018/2016", "xyz", "''", "null", "99999999999",
         "2017-21~?%", "'[..]'", "'{2017,2018'", "9" * 5000, "2017-01-01T25:00:00Z", "-2017"]

RDF = [  # (file, message); each is run through validate and render
    ("laughs.rdf", "refers to other entities"), ("external-entity.rdf", "external entity"),
    ("external-dtd.rdf", "external DTD"), ("parameter-entity.rdf", "parameter entity"),
    ("wide-entity.rdf", "would expand to"),
    ("remote-context.jsonld", "JSON-LD context 'http://127.0.0.1:9/context.jsonld' is not loaded"),
    ("file-context.jsonld", "JSON-LD context 'file:///etc/passwd' is not loaded"),
    ("list-context.jsonld", "is not loaded"), ("import-context.jsonld", "is not loaded"),
    ("scoped-context.jsonld", "is not loaded"), ("nested-context.jsonld", "is not loaded"),
    ("huge-number.jsonld", "not valid json-ld"), ("deep.jsonld", "not valid json-ld"),
    ("truncated.jsonld", "not valid json-ld"), ("ill-typed.ttl", "kg:notBefore must be an xsd:date"), ("syntax.ttl", "not valid turtle"),
    ("latin1.nq", "not UTF-8"), ("five-terms.nq", "not valid nquads"), ("unclosed.trig", "not valid trig"),
    ("deep.ttl", "not valid turtle"),
]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for name, setup, message in TIMELINES:
        for command in (["validate", "--no-shacl"], ["render", "-o", "out.html"]):
            many = command[0] == "validate"
            cases.append(Case(f"timeline-{name}-{command[0]}", [command[0], "--data", "timeline.yaml", *command[1:]],
                              1, message, setup, one_line=not many))
    for i, date in enumerate(DATES):
        cases.append(Case(f"date-{i}-{date[:12]}", ["validate", "--no-shacl", "--data", "timeline.yaml"], 1, "",
                          timeline_edit(EDTF, f"      edtf: {date}\n"), one_line=False))
    for file, message in RDF:
        for command in (["validate", "--no-shacl"], ["render", "-o", "out.html"]):
            cases.append(Case(f"rdf-{file}-{command[0]}", [command[0], "--data", f"in/{file}", *command[1:]], 1,
                              message))
    cases += _rdf_more() + _queries() + _questions() + _outputs() + _special() + _labels() + _tables()
    return cases


def _rdf_more() -> list[Case]:
    shacl = write("shacl.ttl", "@prefix kg: <https://w3id.org/kg-timeline/ontology#> .\n"
                               "<urn:x:e> a kg:Event .\n")
    out = [Case(f"rdf-fails-shacl-{c[0]}", [c[0], "--data", "shacl.ttl", *c[1:]], 1, "SHACL", shacl)
           for c in (["render", "-o", "out.html"], ["ask", "what happened"], ["export"], ["timeline", "-o", "t.svg"],
                     ["sparql", "ASK {}"])]
    out.append(Case("rdf-fails-shacl-validate", ["validate", "--data", "shacl.ttl"], 1, "SHACL", shacl, one_line=False))
    big = "9" * 5000
    prefixes = ("@prefix kg: <https://w3id.org/kg-timeline/ontology#> . @prefix oa: <http://www.w3.org/ns/oa#> .\n"
                "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix time: <http://www.w3.org/2006/time#> .\n")
    bigint = write("bigint.ttl", prefixes + "<urn:x:c> a kg:Claim ; kg:hasEvidence <urn:x:a> . <urn:x:a> oa:hasTarget "
                   f'<urn:x:t> . <urn:x:t> oa:hasSelector <urn:x:s> . <urn:x:s> a oa:TextPositionSelector ; oa:start "{big}"'
                   '^^xsd:integer ; oa:end "-1"^^xsd:integer .\n')
    negative = write("negative.ttl", prefixes + "<urn:x:e> a kg:Event ; time:hasTime <urn:x:t> . <urn:x:t> time:hasBeginning"
                     ' <urn:x:b> . <urn:x:b> kg:notBefore "-0001-01-01"^^xsd:date .\n')
    for command in (["validate"], ["render", "-o", "o.html"], ["ask", "what happened"]):
        out.append(Case(f"rdf-int-5000-digits-{command[0]}", [command[0], "--data", "bigint.ttl", *command[1:]], 1,
                        "oa:start must be an integer", bigint))
        out.append(Case(f"rdf-negative-year-{command[0]}", [command[0], "--data", "negative.ttl", *command[1:]], 1,
                        "must be an xsd:date", negative))
    out.append(Case("rdf-unknown-suffix", ["render", "--data", "notes.docx"], 1, "unknown kind of file",
                    write("notes.docx", "notes\n")))
    out.append(Case("prose-as-quadruples", ["render", "--data", "source.txt"], 1,  # .txt: read as a table
                    "source.txt:1: a quadruple line has 4 tab-separated columns"))
    out.append(Case("rdf-laughs-ask", ["ask", "--data", "in/laughs.rdf", "what happened"], 1, "refers to other"))
    out.append(Case("rdf-remote-context-export", ["export", "--data", "in/remote-context.jsonld"], 1, "is not loaded"))
    return out


def _queries() -> list[Case]:
    q = lambda name, args, code, message, setup=None: Case(f"sparql-{name}", ["sparql", *args], code, message, setup)  # noqa: E731
    return [
        q("latin1-file", ["in/latin1.rq"], 1, "not UTF-8"),
        q("syntax-file", ["in/syntax.rq"], 2, "Error"),
        q("from", ["in/from.rq"], 2, "FROM"),
        q("service", ["in/service.rq"], 2, "SERVICE"),
        q("empty-file", ["in/empty.rq"], 2, "Error"),
        q("missing-file", ["nothere.rq"], 2, "no such file"),
        q("folder-file", ["dir.rq"], 2, "is a folder", lambda ws: (ws / "dir.rq").mkdir()),
        q("fifo-file", ["pipe.rq"], 2, "FIFO", fifo("pipe.rq")),
        q("zero-file", ["zero.rq"], 2, "not a regular file", link("zero.rq", "/dev/zero")),
        q("huge-file", ["big.rq"], 2, "over kg's input limit", write("big.rq", "#" * (5 << 20))),
        q("escape-in-syntax-error", ["SELECT \x1b]0;owned\x07 WHERE"], 2, "\\x1b"),
        q("stdin-syntax", ["-"], 2, "Error"),
        q("graph-iri-file", ["SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }"], 0, "(0 rows)"),
        q("ends-in-rq", ["SELECT ?s WHERE { ?s a kg:Nothing } # x.rq"], 0, "(0 rows)"),
        q("load-update", ["LOAD <file:///etc/passwd>"], 2, "Error"),
        q("insert-update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }"], 2, "Error"),
    ]


def _questions() -> list[Case]:
    words = ["", "   ", "who", "who oposed disclosure", "what happened before 2017-13", "what did Nobody do",
             "what happened between 2018 and 2016", "when did", "\x1b[2J who", "who " * 3000,
             "what happened on the warning", "'; DROP TABLE events; --", "\u202ewho opposed"]
    return [Case(f"ask-{i}", ["ask", text], 1, "") for i, text in enumerate(words)]


def _outputs() -> list[Case]:
    out: list[Case] = []
    targets = [  # (name, -o value, setup, message)
        ("dev-null", "/dev/null", None, "is a character device, not a regular file"),
        ("fifo", "pipe.out", fifo("pipe.out"), "FIFO"),
        ("symlink-to-fifo", "link.out", both(fifo("pipe2"), link("link.out", "pipe2")), "FIFO"),
        ("symlink-to-dev-null", "null.out", link("null.out", "/dev/null"), "character device"),
        ("dangling-symlink", "dangling.out", link("dangling.out", "nowhere/x"), "symlink to a file that does not"),
        ("folder", "sub", lambda ws: (ws / "sub").mkdir(), "is a directory"),
        ("empty", "", None, "the output path is empty"),
        ("blank", "  ", None, "the output path is empty"),
        ("foreign-file", "notes.txt", write("notes.txt", "my notes\n"), "not written by kg; use --force"),
        ("other-timeline", "other.yaml", write("other.yaml", MINIMAL), "is a timeline file; use --force"),
        ("the-input", "timeline.yaml", None, "refusing to overwrite the input file"),
        ("the-source", "source.txt", None, "refusing to overwrite the input file"),
        ("proc-version", "/proc/version", None, "not written by kg"),
        ("missing-folder", "nowhere/x.out", None, "the folder nowhere does not exist"),
        ("inside-a-file", "source.txt/x.out", None, "is not a folder"),
        ("symlink-to-foreign", "mine.out", both(write("notes2.txt", "mine\n"), link("mine.out", "notes2.txt")),
         "not written by kg"),
        ("symlink-to-input", "in.out", link("in.out", "timeline.yaml"), "refusing to overwrite the input file"),
    ]
    commands = {"render": ["render", "--data", "timeline.yaml", "-o"], "export": ["export", "--data", "timeline.yaml",
                "-o"], "timeline": ["timeline", "--data", "timeline.yaml", "-o"]}
    for cname, argv in commands.items():
        for name, target, setup, message in targets:
            if cname == "timeline" and name == "dev-null":
                continue  # /dev/null has no chart ending (a usage error); symlink-to-dev-null covers it
            if cname == "timeline" and target not in ("", "  "):
                target = target + ".svg" if not target.endswith(".svg") else target
                if name in ("the-input", "the-source", "proc-version", "other-timeline"):
                    continue  # need the .svg ending; covered by render and export
                setup = _renamed(setup, target)
            code = 2 if name in ("empty", "blank", "folder") else 1
            out.append(Case(f"output-{cname}-{name}", [*argv, target], code, message, setup))
    out.append(Case("output-proc-version-force", ["export", "--data", "timeline.yaml", "-o", "/proc/version", "--force"],
                    1, "in /proc ("))  # "cannot create a file in /proc (...)" as root, "cannot write in ..." if not
    out.append(Case("output-input-force", ["render", "--data", "timeline.yaml", "-o", "timeline.yaml", "--force"],
                    1, "refusing to overwrite the input file"))
    return out


def _renamed(setup, target):  # type: ignore[no-untyped-def]
    """The setup of an output case with its file names given the .svg ending of a chart."""
    if setup is None:
        return None

    def run(ws: Path) -> None:
        setup(ws)
        base = target[:-4]
        if os.path.lexists(ws / base) and not os.path.lexists(ws / target):
            os.rename(ws / base, ws / target)
    return run


def _special() -> list[Case]:
    return [
        Case("rdf-bidi-literal-validate", ["validate", "--no-shacl", "--data", "b.ttl"], 0,
             "warning: literal of <urn:x> '[U+202E]evil' contains U+202E RIGHT-TO-LEFT OVERRIDE",
             write("b.ttl", '<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "\u202eevil" .\n')),
        Case("data-name-with-escapes", ["validate", "--data", "\x1b[2J\x1b]0;x\x07.yaml"], 2, "\\x1b[2J"),
        Case("output-name-with-escapes", ["export", "--data", "timeline.yaml", "-o", "\x1b[2J.ttl"], 0, "",
             creates=("\x1b[2J.ttl",), check=lambda ws, out, err: None if "\\x1b[2J" in err and "\x1b" not in err
             else pytest.fail(err)),
        Case("data-dev-zero", ["validate", "--data", "zero.yaml"], 1, "not a regular file", link("zero.yaml", "/dev/zero")),
        Case("data-dev-zero-render", ["render", "--data", "zero.ttl", "-o", "o.html"], 1, "not a regular file",
             link("zero.ttl", "/dev/zero")),
        Case("data-fifo", ["validate", "--data", "pipe.yaml"], 1, "FIFO", fifo("pipe.yaml")),
        Case("data-fifo-ask", ["ask", "--data", "pipe.ttl", "what happened"], 1, "FIFO", fifo("pipe.ttl")),
        Case("data-huge-ttl", ["export", "--data", "big.ttl"], 1, "over kg's input limit",
             write("big.ttl", "#" * (5 << 20))),
        Case("data-folder", ["validate", "--data", "."], 2, "is a directory"),
        Case("data-missing", ["validate", "--data", "nothere.yaml"], 2, "does not exist"),
        Case("data-proc-environ", ["render", "--data", "/proc/self/environ", "-o", "o.html"], 1, "unknown kind"),
        Case("data-symlink-environ", ["render", "--data", "env.ttl", "-o", "o.html"], 1, "not valid turtle",
             link("env.ttl", "/proc/self/environ")),
        Case("limit-lowered", ["--max-input-size", "1k", "validate", "--data", "timeline.yaml"], 1,
             "over kg's input limit"),
        Case("limit-not-a-size", ["--max-input-size", "lots", "validate"], 2, "is not a number of bytes"),
        Case("allow-sources-missing-dir", ["--allow-sources", "nowhere", "validate"], 2, "does not exist"),
    ]


ESCAPE_LABEL = "Dana \x1b]0;owned\x07\x1b[2J Reyes"


def _labels() -> list[Case]:
    hostile = timeline_edit("label: {en: Dana Reyes}", 'label: {en: "Dana \\e]0;owned\\a\\e[2J Reyes"}')
    bidi = timeline_edit("label: {en: Dana Reyes}", 'label: {en: "\\u202eevil\\u202c Reyes"}')

    def no_raw_controls(ws: Path, stdout: str, stderr: str) -> None:
        assert "\x1b" not in stdout and "\x07" not in stdout and "\u202e" not in stdout, stdout

    def escaped(ws: Path, stdout: str, stderr: str) -> None:
        no_raw_controls(ws, stdout, stderr)
        assert "\\x1b]0;owned\\x07" in stdout or "[U+202E]" in stdout, stdout

    def page_neutral(ws: Path, stdout: str, stderr: str) -> None:
        page = (ws / "p.html").read_text(encoding="utf-8")
        assert "\u202e" not in page and "[U+202E]evil" in page

    def csv_exact(ws: Path, stdout: str, stderr: str) -> None:
        assert ESCAPE_LABEL in stdout  # machine formats into a pipe keep the data as it is

    ask = ["ask", "--data", "timeline.yaml", "who held the chair"]
    query = ["sparql", "--data", "timeline.yaml", 'SELECT ?l WHERE { ?x rdfs:label ?l FILTER(CONTAINS(?l, "Reyes")) }']
    return [
        Case("label-escape-ask", ask, 0, "", hostile, check=escaped),
        Case("label-escape-ask-json", [*ask, "--format", "json"], 0, "", hostile, check=no_raw_controls),
        Case("label-escape-sparql-table", query, 0, "", hostile, check=escaped),
        Case("label-escape-sparql-csv", [*query, "--format", "csv"], 0, "", hostile, check=csv_exact),
        Case("label-bidi-ask", ask, 0, "", bidi, check=escaped),
        Case("label-bidi-sparql", query, 0, "", bidi, check=escaped),
        Case("label-bidi-validate", ["validate", "--no-shacl", "--data", "timeline.yaml"], 0,
             "warning: label '[U+202E]evil[U+202C] Reyes' contains U+202C POP DIRECTIONAL FORMATTING, U+202E", bidi),
        Case("label-bidi-render", ["render", "--data", "timeline.yaml", "-o", "p.html"], 0, "", bidi,
             check=page_neutral, creates=("p.html",)),
    ] + [
        Case(f"stdout-{fmt}", ["export", "--data", "timeline.yaml", "-f", fmt, "-o", "-"], 0, "")
        for fmt in ("trig", "nquads", "turtle", "jsonld", "graphml", "csv")
    ] + [
        Case("label-mathtext-chart", ["timeline", "--data", "timeline.yaml", "-o", "m.svg"], 0, "Wrote m.svg",
             timeline_edit("label: {en: Dana Reyes}", "label: {en: '$\\frac$ Reyes'}"), creates=("m.svg",)),
        Case("question-100k-chars", ["ask", "who opposed " + "x" * 100_000], 1, "at most 400 characters"),
        Case("question-3000-words", ["ask", "--explain", "who " * 3000], 1, "at most 400 characters"),
        Case("error-quotes-a-long-word", ["ask", "who opposed " + "x" * 300], 1, "(232 more)"),
        Case("stdout-render", ["render", "--data", "timeline.yaml", "-o", "-"], 0, "Generated by kg"),
        Case("stdout-timeline", ["timeline", "--data", "timeline.yaml", "-o", "-"], 0, "<svg"),
    ] + [
        Case(f"rewrite-own-{fmt}", ["export", "--data", "timeline.yaml", "-f", fmt, "-o", f"own.{fmt}"], 0, "Wrote",
             _own_export(fmt), creates=(f"own.{fmt}",))
        for fmt in ("trig", "nquads", "turtle", "jsonld", "graphml", "csv")
    ] + [
        Case(f"rewrite-own-chart-{fmt}", ["timeline", "--data", "timeline.yaml", "-o", f"own.{fmt}"], 0, "Wrote",
             _own_chart(fmt), creates=(f"own.{fmt}",))
        for fmt in ("svg", "png", "html")
    ] + [
        Case("rewrite-own-output", ["render", "--data", "timeline.yaml", "-o", "own.html"], 0, "Wrote own.html",
             write("own.html", "<!DOCTYPE html>\n<!-- Generated by kg -->\n"), creates=("own.html",)),
        Case("force-foreign", ["export", "--data", "timeline.yaml", "-o", "notes.ttl", "--force"], 0, "",
             write("notes.ttl", "mine\n"), creates=("notes.ttl",)),
    ]


def parquet(name: str, columns: dict[str, list]) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table(columns), ws / name)
    return setup


def _tables() -> list[Case]:
    """Event tables (kg.tables): each bad row named by file:line, through ask, validate and render."""
    good = "A\tReject\tB\t2014-01-01\n"
    rows = {"relation": ["Reject", "Reject"], "head": ["A", "C"], "tail": ["B", "B"]}
    bad: list[tuple[str, Callable[[Path], None], str, str]] = [
        ("three-columns", write("t.tsv", good + "A\tReject\tB\n"), "t.tsv", "t.tsv:2: a quadruple line has 4"),
        ("bad-date", write("t.tsv", good + good + "A\tReject\tB\t2014-13-01\n"), "t.tsv",
         "t.tsv:3: '2014-13-01' is not a date kg reads"),
        ("not-utf8", write("t.txt", good.encode() + b"A\tR\xe9ject\tB\t2014-01-01\n"), "t.txt", "t.txt:2: not UTF-8"),
        ("no-head", write("t.tsv", good + " \tReject\tB\t2014-01-01\n"), "t.tsv", "t.tsv:2: an event needs a head"),
        ("parquet-no-tail", parquet("t.parquet", {"relation": ["Reject"], "head": ["A"], "edtf": ["2014"]}),
         "t.parquet", "needs the columns relation, head and tail; tail missing"),
        ("parquet-no-date", parquet("t.parquet", rows), "t.parquet", "needs an edtf column or day bounds"),
        ("parquet-garbage", write("t.parquet", b"PAR1 not really"), "t.parquet", "not a Parquet file kg can read"),
        ("parquet-end-before-start", parquet("t.parquet", {**rows, "start_earliest": ["2014-01-01", "2014-05-01"],
                                                           "end_latest": ["2014-02-01", "2014-04-01"]}),
         "t.parquet", "t.parquet:2: impossible time span"),
        ("parquet-bad-day", parquet("t.parquet", {**rows, "start_earliest": ["2014-01-01", "soon"]}),
         "t.parquet", "t.parquet:2: start_earliest 'soon' is not a day"),
        ("parquet-bad-status", parquet("t.parquet", {**rows, "edtf": ["2014", "2014"], "status": [None, "rumoured"]}),
         "t.parquet", "t.parquet:2: status 'rumoured'"),
        ("map-bad-line", both(write("t.tsv", good), write("t.relations.tsv", "# CAMEO\nReject opposed\n")),
         "t.tsv", "t.relations.tsv:2: a relation map line is 'relation<TAB>event type'"),
        ("map-unknown-type", both(write("t.tsv", good), write("t.relations.tsv", "Reject\tsnubbed\n")),
         "t.tsv", "t.relations.tsv:1: 'snubbed' is not one of kg's event types"),
    ]
    cases = []
    for name, setup, file, message in bad:
        for command in (["ask", "who rejected B"], ["render", "-o", "out.html"], ["validate"]):
            cases.append(Case(f"table-{name}-{command[0]}", [command[0], "--data", file, *command[1:]], 1, message,
                              setup, one_line=command[0] != "validate"))
    tsv = write("t.tsv", good)
    return cases + [
        Case("table-ask-claims", ["ask", "--data", "t.tsv", "what had been publicly reported by 2015"], 1,
             "an event table has no claims or evidence quotes", tsv),
        Case("table-export-parquet-to-stdout", ["export", "--data", "t.tsv", "-f", "parquet"], 2,
             "parquet is written to a file", tsv),
        Case("table-export-over-input", ["export", "--data", "t.tsv", "-o", "t.tsv", "--force"], 1,
             "refusing to overwrite the input file", tsv),
        Case("table-ask-ok", ["ask", "--data", "t.tsv", "who reject B"], 0, "certainly  A", tsv),
    ]


def _own_export(fmt: str) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        from kg import load

        (ws / f"own.{fmt}").write_text(load(ws / "timeline.yaml").export(fmt), encoding="utf-8")
    return setup


def _own_chart(fmt: str) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        from kg import load

        chart = load(ws / "timeline.yaml").timeline_chart(fmt=fmt)
        (ws / f"own.{fmt}").write_bytes(bytes(chart) if fmt == "png" else str(chart).encode())
    return setup


CASES = _cases()


# -- running a case --------------------------------------------------------------------------

def _vm_size() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _run_forked(argv: list[str], cwd: Path, stdin: str | None) -> tuple[int, str, str, str | None, float]:
    """Run ``kg argv`` in a forked child with a memory limit; the parent enforces the time limit."""
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(read_end)
            os.chdir(cwd)
            limit = _vm_size() + MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            from click.testing import CliRunner

            from kg.cli import cli

            result = CliRunner().invoke(cli, argv, input=stdin, prog_name="kg")
            crash = None
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                import traceback
                crash = "".join(traceback.format_exception(result.exception))
            payload = pickle.dumps((result.exit_code, result.stdout, result.stderr, crash))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - report anything to the parent
            import traceback
            try:
                with os.fdopen(write_end, "wb") as out:
                    out.write(pickle.dumps((-1, "", "", traceback.format_exc())))
            except BaseException:  # noqa: BLE001
                code = 3
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    with os.fdopen(read_end, "rb") as pipe:
        while True:
            left = TIME_LIMIT - (time.monotonic() - started)
            ready, _, _ = select.select([pipe], [], [], max(left, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"kg {argv} took more than {TIME_LIMIT} s")
            chunk = pipe.read1(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    elapsed = time.monotonic() - started
    assert chunks, f"kg {argv}: the child died (status {status}; out of memory?)"
    code, out, err, crash = pickle.loads(b"".join(chunks))
    return code, out, err, crash, elapsed


def _snapshot(ws: Path) -> dict[str, str]:
    """Every entry under ``ws`` (never following symlinks or opening special files) with a digest."""
    found = {}
    for root, dirs, files in os.walk(ws):
        for name in dirs + files:
            path = Path(root) / name
            info = os.lstat(path)
            rel = str(path.relative_to(ws))
            if stat.S_ISLNK(info.st_mode):
                found[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = f"mode:{stat.S_IFMT(info.st_mode)}"
    return found


@pytest.fixture(scope="module")
def warm():
    """Import what the commands import, once, so that each forked case starts warm."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import networkx  # noqa: F401
    import pyshacl  # noqa: F401
    import pyvis.network  # noqa: F401
    import rdflib  # noqa: F401
    from rdflib.plugins.sparql import prepareQuery  # noqa: F401

    import kg.cli  # noqa: F401
    from kg import load
    load()  # the bundled vocabulary and shapes, parsed once


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 150 and len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, warm) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copy(EXAMPLES / "minimal" / "timeline.yaml", ws)
    shutil.copy(EXAMPLES / "minimal" / "source.txt", ws)
    shutil.copytree(DATA, ws / "in")
    if case.setup is not None:
        case.setup(ws)
    before = _snapshot(ws)
    outside = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in ("/etc/passwd",) if os.path.exists(p)}
    argv = [a.replace("out.html", str(ws / "out.html")) if a == "out.html" else a for a in case.argv]
    code, out, err, crash, _ = _run_forked(argv, ws, case.stdin)
    assert crash is None, f"a traceback:\n{crash}"
    assert "Traceback" not in out + err
    assert code == case.exit, f"exit {code}, not {case.exit}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
    after = _snapshot(ws)
    for name in case.creates:
        after.pop(name, None)
        before.pop(name, None)
    assert after == before, "an input changed or a stray file was left"
    assert outside == {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in outside}
    if case.exit == 0:
        assert case.message in out + err
        if case.check is not None:
            case.check(ws, out, err)
        return
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith(("Usage: ", "Try 'kg"))]
    if case.one_line:
        assert len(lines) == 1, f"not one line of error:\n{err}"
    assert lines, "no error shown"
    assert any(case.message in ln for ln in lines), f"{case.message!r} not in:\n{err}"
    assert all(len(ln) < 1000 for ln in lines), "an error line quotes too much"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", err), "raw control characters reached the terminal"


# -- the library, in a fresh interpreter: no logging, no traceback -------------------------------

@pytest.mark.parametrize("name", ["ill-typed.ttl", "laughs.rdf", "remote-context.jsonld", "huge-number.jsonld"])
def test_library_load_raises_one_kg_error_and_logs_nothing(name: str) -> None:
    code = ("import sys, kg\n"
            "try:\n    kg.load(sys.argv[1])\nexcept kg.KgError as exc:\n    print('KgError:', exc)\n")
    run = subprocess.run([sys.executable, "-c", code, str(DATA / name)], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert run.returncode == 0 and run.stdout.startswith("KgError: ") and run.stdout.count("\n") == 1, run
    assert run.stderr == "", f"the library wrote to stderr:\n{run.stderr}"


def test_library_sparql_with_an_ill_typed_literal_logs_nothing() -> None:
    code = ("import kg\nprint(len(kg.load().sparql('SELECT * WHERE { ?s ?p \"2017-02-30\"^^xsd:date }')"
            ".to_records()))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0 and run.stdout == "0\n" and run.stderr == "", run


def test_dev_stdout_into_a_pipe_is_refused_with_a_hint(tmp_path: Path) -> None:
    """As root, `-o /dev/stdout` used to replace the pipe's /proc entry and print nothing."""
    kg_command = [sys.executable, "-c", "from kg.cli import main; main()"]
    run = subprocess.run([*kg_command, "export", "-o", "/dev/stdout"], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert run.returncode == 1 and run.stdout == "", run
    assert run.stderr.strip().splitlines() == [
        "Error: /dev/stdout: is a FIFO (named pipe), not a regular file; kg writes only regular files "
        "(for standard output, use -o -)"]
    assert list(tmp_path.iterdir()) == []


def test_big_timeline_int_in_library_is_a_kg_error(tmp_path: Path) -> None:
    import kg

    (tmp_path / "t.yaml").write_text(MINIMAL.replace("kg_timeline: 1", "kg_timeline: " + "9" * 5000), encoding="utf-8")
    shutil.copy(EXAMPLES / "minimal" / "source.txt", tmp_path)
    with pytest.raises(kg.KgError, match="kg_timeline is"):
        kg.load(tmp_path / "t.yaml")


def test_allow_sources_reads_a_named_folder(tmp_path: Path, runner) -> None:
    from kg.cli import cli

    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(EXAMPLES / "minimal" / "source.txt", shared)
    home = tmp_path / "home"
    home.mkdir()
    (home / "t.yaml").write_text(MINIMAL.replace(SOURCE, "    path: ../shared/source.txt\n"), encoding="utf-8")
    refused = runner.invoke(cli, ["validate", "--no-shacl", "--data", str(home / "t.yaml")])
    assert refused.exit_code == 1 and "outside the timeline's folder" in refused.stderr
    allowed = runner.invoke(cli, ["--allow-sources", str(shared), "validate", "--no-shacl", "--data", str(home / "t.yaml")])
    assert allowed.exit_code == 0, allowed.output


def test_the_limit_is_set_by_environment_and_option(tmp_path: Path, runner, monkeypatch) -> None:
    from kg.cli import cli
    from kg.inputs import DEFAULT_MAX_INPUT_SIZE, max_input_size

    assert max_input_size() == DEFAULT_MAX_INPUT_SIZE == 4 << 20
    shutil.copy(EXAMPLES / "minimal" / "timeline.yaml", tmp_path)  # about 3.7 kB
    shutil.copy(EXAMPLES / "minimal" / "source.txt", tmp_path)
    args = ["validate", "--no-shacl", "--data", str(tmp_path / "timeline.yaml")]
    monkeypatch.setenv("KG_MAX_INPUT_SIZE", "2k")
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 1 and "over kg's input limit of 2048 bytes" in refused.stderr
    assert runner.invoke(cli, ["--max-input-size", "8k", *args]).exit_code == 0  # the option wins


# -- hostile labels in a real browser ---------------------------------------------------------

SPOOFS = {  # label -> what the page must show instead of the raw characters
    "Dana Reyes": "\u202eevil\u202c <img src=x onerror=alert(1)> {{7*7}} ${alert(2)}",
    "The old ferry pier": "\u2067\u202dfake\u2069 \"><svg onload=alert(3)></svg> javascript:alert(4)",
    "Residents oppose the closure": "</script><script>alert(5)</script>\u2028\u202eesolc",
}


@pytest.mark.browser
def test_hostile_labels_in_chromium_run_no_script_request_nothing_and_spoof_nothing(tmp_path: Path) -> None:
    from test_explorer import FLAGS, Page

    from conftest import need
    from kg import load

    need("chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    text = MINIMAL
    for plain, hostile in SPOOFS.items():
        quoted = hostile.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\L")
        text = text.replace(f"label: {{en: {plain}}}", f'label: {{en: "{quoted}", ar: "{quoted}"}}', 1)
    text = text.replace("title: {en: The Harbour Town ferry pier (fictional example)}",
                        'title: {en: "\\u202eegap efas"}')
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLES / "minimal" / "source.txt", tmp_path)
    graph = load(tmp_path / "t.yaml")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        try:
            for lang in ("en", "ar"):
                path = graph.render(tmp_path / f"hostile-{lang}.html", lang=lang)
                page = Page(chromium, path)
                try:
                    nodes = page.js("() => kgExplorer.nodes.get()")
                    for iri in [n["id"] for n in nodes]:
                        page.js("(id) => kgExplorer.showNode(id)", iri)
                        shown = page.js("() => document.body.innerText")
                        assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
                    for key in page.js("() => Object.keys(kgExplorer.data.items || {})") or []:
                        page.js("(k) => kgExplorer.showItem(k)", key)
                    page.page.locator("#kg-search").fill("evil")
                    shown = page.js("() => document.body.innerText")
                    assert "[U+202E]evil[U+202C]" in shown and "{{7*7}}" in shown and "49" not in shown
                    assert page.js("() => document.title").startswith("[U+202E]egap")
                    labels = " ".join(str(n.get("label", "")) + str(n.get("title", "")) for n in nodes)
                    assert "\u202e" not in labels and "[U+2067][U+202D]fake[U+2069]" in labels
                    assert page.js("() => document.querySelectorAll('img, svg[onload], script:not([type])').length") \
                        == page.js("() => document.querySelectorAll('script:not([type])').length")
                    page.page.wait_for_timeout(300)
                    page.assert_clean()  # no dialog (no alert ran), no request left the page, no error
                finally:
                    page.close()
        finally:
            chromium.close()


@pytest.mark.browser
def test_the_slider_shows_the_year_0050_as_0050(tmp_path: Path) -> None:
    """Date.UTC reads the years 0-99 as 1900-1999; the explorer must not."""
    from test_explorer import FLAGS, Page

    from conftest import need
    from kg import load

    need("chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    old = MINIMAL.replace(EDTF, "      edtf: 0050-04-30\n")
    old = old[: old.index("\nrelations:")] + "\n"  # the example's relation would contradict a year-50 vote
    (tmp_path / "t.yaml").write_text(old, encoding="utf-8")
    shutil.copy(EXAMPLES / "minimal" / "source.txt", tmp_path)
    path = load(tmp_path / "t.yaml").render(tmp_path / "old.html")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = Page(chromium, path)
        try:
            page.js("() => kgExplorer.setDate('0050-04-30')")
            assert page.js("() => document.body.dataset.date") == "0050-04-30"
            assert page.page.locator("#kg-date").inner_text().endswith(" 50")
            page.assert_clean()
        finally:
            page.close()
            chromium.close()
