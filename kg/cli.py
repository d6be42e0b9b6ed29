"""The ``kg`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints the result.
Heavy modules (rdflib, networkx, pyvis) are imported inside the commands, so that
``kg --help`` starts instantly.

Exit codes: 0 success; 1 the data is bad or a question cannot be answered, with a one-line
error naming the file and line; 2 the command was used wrongly (unknown option, missing
file, a SPARQL query that does not parse).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg._version import __version__
from kg.errors import KgError
from kg.formats import INPUT_KINDS, LANGUAGES, OUTPUT_KINDS

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """The one place errors become exit codes: kg's own errors (:class:`kg.errors.KgError`,
    each carrying its ``exit_code``) and click's usage errors print one line on stderr, never
    a traceback, and end the command with their code (:data:`kg.errors.EXIT_CODES`)."""

    def invoke(self, ctx: click.Context) -> Any:
        from kg.display import message_line, terminal_text

        try:
            return super().invoke(ctx)
        except KgError as exc:  # the message may quote data: one line, no control character, not too long
            text = terminal_text(str(exc), keep="\n") if exc.multiline else message_line(str(exc))
            if not text:  # already reported (kg validate's report)
                ctx.exit(exc.exit_code)
            error = click.UsageError(text, ctx) if exc.exit_code == 2 else click.ClickException(text)
            error.exit_code = exc.exit_code  # type: ignore[misc]  # click reads it from the instance
            raise error from None
        except click.ClickException as exc:  # click's own messages quote file names and values
            exc.message = message_line(exc.message)  # type: ignore[misc]  # click declares it Final; we only clean it
            raise
        except BrokenPipeError:  # e.g. `kg export | head`: the reader has all it wanted
            sys.stderr.close()
            ctx.exit(0)


def data_option(func: F) -> F:
    return click.option(
        "--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, metavar="PATH",
        help="A file to use instead of the bundled Stamos timeline: "
             + "; ".join(f"{k.holds} ({' '.join(k.suffixes)})" for k in INPUT_KINDS.values()) + ".",
    )(func)


def endpoint_option(func: F) -> F:
    return click.option(
        "--endpoint", default=None, metavar="URL",
        help="A SPARQL 1.1 query endpoint to run against instead of the local data, e.g. "
             "http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql?default-graph-uri=IRI (Virtuoso).",
    )(func)


def timeout_option(func: F) -> F:
    from kg.stores.workers import DEFAULT_TIME_LIMIT

    return click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIME_LIMIT, show_default=True,
                         metavar="SECONDS", help="Stop a query that runs longer (0: no limit).")(func)


def store_option(func: F) -> F:
    from kg.stores.sparql_store import LARGE, STORES

    return click.option("--store", type=click.Choice(STORES), default="auto", show_default=True,
                        help=f"The SPARQL store: rdflib, oxigraph (pyoxigraph, for large data), or auto: oxigraph "
                             f"from {LARGE:,} events when installed.")(func)


def force_option(func: F) -> F:
    return click.option(
        "--force", is_flag=True,
        help="Overwrite the output even if kg did not write it (never the input, a folder or a special file).",
    )(func)


def _stdout_text(text: str) -> None:
    """Print machine-readable output: exactly as is into a pipe or file, control characters
    escaped when it goes to a terminal."""
    from kg.display import terminal_text

    if sys.stdout.isatty():
        click.echo(terminal_text(text, keep="\n\t\r"), nl=False)
    else:  # color=True: click would otherwise strip what looks like ANSI codes from the data
        click.echo(text, nl=False, color=True)


def _export_formats() -> list[str]:
    from kg.formats import EXPORT_FORMATS

    return list(EXPORT_FORMATS)


def _shown(path: Path) -> str:
    from kg.display import terminal_text

    return terminal_text(str(path))


def _output_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("the output path is empty; name a file, or - for standard output")
    return Path(value)


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    from kg.errors import KgError
    from kg.inputs import parse_size

    try:
        return None if value is None else parse_size(value)
    except KgError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="kg")
@click.option("--max-input-size", metavar="SIZE", callback=_size, expose_value=True, default=None,
              help="Largest file kg reads, e.g. 64M [default: 4M, or $KG_MAX_INPUT_SIZE].")
@click.option("--allow-sources", "allow_sources", multiple=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also read timeline sources from DIR (by default only from the timeline's own folder).")
@click.pass_context
def cli(ctx: click.Context, max_input_size: int | None, allow_sources: tuple[Path, ...]) -> None:
    """kg: temporal knowledge graphs of news timelines.

    Every command works on the bundled Alex Stamos / Facebook timeline (2015-2018)
    unless --data names another timeline file or RDF file.

    \b
    Exit codes: 0 success; 1 bad data or an unanswerable question (one line
    naming file:line); 2 bad usage (unknown option, missing file, a SPARQL
    query that does not parse).
    """
    from kg.inputs import input_limits

    ctx.with_resource(input_limits(max_size=max_input_size, source_dirs=allow_sources))


@cli.command(short_help="Render the graph as an interactive, offline HTML page.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), callback=_output_path, default=None,
              help="Where to write the page, or - for standard output [default: in the current folder, the data "
                   "file's name with .html, e.g. stamos.html].")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default="en", show_default=True,
              help="Language of labels and of the page (ar: Arabic, right to left).")
@click.option("--title", default=None, help="Page heading [default: the timeline's title].")
@force_option
@data_option
def render(output: Path | None, lang: str, title: str | None, force: bool, data: Path | None) -> None:
    """Render the graph as one self-contained HTML file that needs no network.

    Nodes are actors, topics and documents, coloured by kind; each event is an edge
    labelled with its relation and date. A time slider shows the graph as it stood
    on a date; clicking an event shows its claims and the Arabic evidence quotes.

    \b
    Example:
        kg render -o stamos.html
        kg render --lang ar -o stamos-ar.html
        kg render --data my-timeline.yaml -o my.html
    """
    from kg.knowledge_graph import load
    from kg.timeline.reader import bundled_timeline_path

    graph = load(data)
    if str(output) == "-":
        _stdout_text(graph.render_html(lang=lang, title=title))
        return
    target = output if output is not None else Path((data or bundled_timeline_path()).stem + ".html")
    graph.render(target, lang=lang, title=title, force=force)
    counts = graph.counts()
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    click.echo(f"Wrote {_shown(target)} ({plural(graph.networkx.number_of_nodes(), 'node')}, "
               f"{plural(counts['events'], 'event')}, {plural(counts['positions'], 'position')}); "
               "open it in a browser.")


def _export_help() -> str:
    from kg.formats import EXPORT_FORMATS

    return "; ".join(f"{f.name} ({' '.join(f.suffixes) or 'a folder'})" for f in EXPORT_FORMATS.values())


@cli.command(short_help="Export the graph as TriG, N-Quads, Turtle, JSON-LD, GraphML, CSV or event tables.")
@click.option("-f", "--format", "fmt", type=click.Choice(list(_export_formats())), default=None,
              help="Output format [default: from the file's ending, trig on standard output]: " + _export_help() + ".")
@click.option("-o", "--output", type=click.Path(dir_okay=False), callback=_output_path, default=None,
              help="File to write, or - for standard output [default: standard output].")
@force_option
@data_option
def export(fmt: str | None, output: Path | None, force: bool, data: Path | None) -> None:
    """Export the graph for other tools.

    trig, nquads and jsonld keep each claim in its own named graph and every statement
    in the default graph too (so any SPARQL engine answers alike); turtle merges all
    graphs into one; graphml and csv hold the event graph (nodes and edges) and an
    events table. The format comes from the file's ending unless --format names it.
    tsv (head, relation, tail, day quadruples, as ICEWS), parquet (one row per event) and
    tkbc (a folder: integer ids with entity2id.txt, relation2id.txt) hold the events only;
    a vague date becomes its earliest possible start day in tsv and tkbc.

    \b
    Example:
        kg export -o stamos.trig
        kg export --format csv | head
        kg export --data events.parquet -o events.tsv
        kg export --format tkbc -o benchmark-folder
    """
    from kg.views.exports import format_for
    from kg.files import check_output
    from kg.formats import EXPORT_FORMATS
    from kg.knowledge_graph import load

    to_stdout = output is None or str(output) == "-"
    try:
        chosen = EXPORT_FORMATS[format_for(None if to_stdout else str(output), fmt)]
    except KgError as exc:
        raise click.BadParameter(str(exc), param_hint="'-o'") from None
    if to_stdout and not chosen.to_stdout:
        raise click.BadParameter(f"{chosen.name} is written to a {'folder' if chosen.folder else 'file'}; name it",
                                 param_hint="'-o'")
    graph = load(data)
    if to_stdout:
        _stdout_text(graph.export(chosen.name))
        return
    assert output is not None
    if not chosen.folder:
        check_output(output, inputs=graph.input_files(), force=force)  # before the work
    note = chosen.write_to(graph, output, force=force)
    click.echo(f"Wrote {_shown(output)} ({chosen.name}{'; ' + note if note else ''}).", err=True)


@cli.command(short_help="Check a timeline file: format, ids, dates, evidence, SHACL.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any warning).")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of the built RDF (faster).")
@data_option
def validate(strict: bool, no_shacl: bool, data: Path | None) -> None:
    """Check a timeline file and report every problem, one per line with file:line.

    Errors: the YAML and its keys, unknown ids, EDTF dates that do not parse, an end
    before a start, a changed source file, evidence text not at its offsets,
    relations with unknown items or bad offsets, times that contradict each other
    (every step named with its line), SHACL violations. Warnings: a weekday beside a
    date that disagrees with the calendar. Notes (never an error, even with
    --strict): a hand-written bound that the relations tighten.

    \b
    Exit codes: 0 valid (warnings allowed), 1 errors found (or warnings, with
    --strict), 2 usage error.

    \b
    Example:
        kg validate
        kg validate --data my-timeline.yaml --strict
    """
    from kg.display import message_line
    from kg.validation import validate as run

    from kg.errors import InvalidData

    report = run(data, shacl=not no_shacl)
    for problem in report.problems:
        click.echo(message_line(str(problem)), err=problem.severity == "error")
    click.echo(message_line(report.summary(strict=strict)))
    if not report.ok or (strict and report.warnings):
        raise InvalidData("")  # reported above; exit code 1


@cli.command(short_help="Draw a timeline chart: a lane per actor, vague dates drawn vague (SVG, PNG, HTML).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), callback=_output_path, required=True,
              help="The chart file; its ending picks the format: .svg, .png or .html (- : SVG on standard output).")
@click.option("--title", default=None, help="Chart title [default: the timeline's title].")
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default="en", show_default=True,
              help="Language of the labels (Arabic is shaped and right to left).")
@force_option
@data_option
def timeline(output: Path, title: str | None, lang: str, force: bool, data: Path | None) -> None:
    """Draw the timeline: a lane per actor, each event a bar over the days it may have
    occupied (solid where certain, fading where vague), planned events hollow,
    only-reported ones hatched, positions as grey bars, and each claim a tick at the
    date it was made.

    \b
    Example:
        kg timeline -o stamos-timeline.png
        kg timeline -o stamos-timeline.svg --data my-timeline.yaml
        kg timeline --lang ar -o stamos-timeline-ar.png
    """
    from kg.knowledge_graph import load

    if str(output) != "-" and output.suffix.lower().lstrip(".") not in OUTPUT_KINDS["chart"]:
        *most, last = ("." + k for k in OUTPUT_KINDS["chart"])
        raise click.BadParameter(f"the chart is written as {', '.join(most)} or {last}", param_hint="'-o'")
    graph = load(data)
    if str(output) == "-":
        _stdout_text(str(graph.timeline_chart(fmt="svg", title=title, lang=lang)))
        return
    graph.timeline_chart(output, title=title, lang=lang, force=force)
    click.echo(f"Wrote {_shown(output)}.")


@cli.command(short_help="Answer a question in controlled English (who / what / when ...).")
@click.argument("question")
@click.option("--at-least", "at_least", type=click.Choice(["possibly", "likely", "certainly"]), default="possibly",
              show_default=True, help="Keep only answers graded so or surer (every answer by default).")
@click.option("--explain", is_flag=True, help="Show the parsed question, its SPARQL, and why each derived date is what it is.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_KINDS["ask"]), default="text", show_default=True,
              help="text for people; json: an array of answers with iri, label, grade and supporting events.")
@click.option("--engine", type=click.Choice(["networkx", "sparql"]), default="networkx", show_default=True,
              help="Answer with the networkx index or by running the SPARQL (same answers).")
@store_option
@endpoint_option
@data_option
def ask(question: str, at_least: str, explain: bool, fmt: str, engine: str, store: str, endpoint: str | None,
        data: Path | None) -> None:
    """Answer QUESTION, grading each answer certainly, likely or possibly.

    \b
    certainly: every reading of the dates the text allows agrees (and it happened);
    likely:    true on the dates as written (before "about", "?" and offsets widen them);
    possibly:  some reading the text allows makes it true.
    Answers come most certain first, grouped by grade. "No answers" means nothing is
    even possible; kg then says what came closest and what ruled it out.

    \b
    Questions (one line a form; see the README for the grammar):
      who held|was|is OFFICE [of|at|for ORG] | who was ORG's OFFICE
          who was Facebook's chief security officer in 2016
      who reported|claimed|confirmed|denied|relayed|left unaddressed [that] CLAUSE
          who reported that Stamos was preparing to leave
      who RELATION [TARGET] [on DOCUMENT] | who ROLE CLAUSE | who was TARGET RELATION by
          who reorganised Stamos's security team
      whom did ACTOR RELATION
          whom did Stamos email
      what did ACTOR do
          what did Stamos do in December 2016
      what did CLAIMANT report|claim|confirm|deny|leave unaddressed | did CLAIMANT deny [that] CLAUSE
          what did Stamos's tweet leave unaddressed
      what did ACTOR RELATION [about|for|to|on]
          what did Stamos warn about
      which claims cite|rest on SOURCE
          which claims rest on anonymous sources
      what sources did CLAIMANT|CLAUSE cite
          what sources did The Wall Street Journal cite
      what was public|internal
          what was internal before 2018
      which events are happened|planned|only reported | what was planned
          which events are only reported
      what happened | what was RELATION
          what happened in January 2018
      when did ACTOR RELATION [TARGET] | when was CLAUSE | when did CLAUSE happen
          when was Stamos's security team reorganised
      why did|was|is CLAUSE | what led to CLAUSE
          why is Stamos leaving
      what followed from CLAUSE
          what followed from the reorganisation
      what had been [publicly] reported|claimed [by WHEN]
          what had been publicly reported by 1 March 2018
      did CLAUSE happen before|after|during|strictly before|since EVENT [ended] | did CLAUSE overlap [with] EVENT
          did the reorganisation happen before the reports
      how long between [the end of] EVENT and [the end of] EVENT | how long after CLAUSE did CLAUSE
          how long after the warning did Facebook disclose
    TIME (after a question that takes one): before, strictly before, after, in,
    on, during, since, as of, by WHEN; between WHEN and WHEN. WHEN: 2016,
    2017-04, April 2017, 1 March 2018, spring 2017, or an event ("the warning").
    CLAUSE: events by actor and relation ("Stamos was leaving"), passive ("the
    security team was reorganised"), a relation ("the reorganisation") or a name.

    \b
    Example:
        kg ask "who opposed disclosure before April 2017"
        kg ask "what did Stamos do in December 2016" --at-least likely
        kg ask "who held the chief security officer role in 2016" --format json
        kg ask "what had been publicly reported by 1 March 2018" --explain
        kg ask "who warned Zuckerberg" --endpoint http://127.0.0.1:7878/query
    """
    from kg.knowledge_graph import load

    from kg.display import terminal_text as safe

    graph = load(data)
    if explain:
        click.echo(safe(graph.explain(question), keep="\n") + "\n")
    if endpoint:  # the question is read against --data (names, dates), answered by the store
        from kg.stores.remote import ask_endpoint

        answers = ask_endpoint(endpoint, graph, question, at_least=at_least)
    else:
        answers = graph.ask(question, at_least=at_least, engine=engine, store=store)
    if fmt == "json":
        _stdout_text(answers.to_json(indent=2) + "\n")
        return
    if not answers:
        click.echo("No answers." if at_least == "possibly" else f"No answers graded {at_least} or surer.")
        miss = graph.nearest_miss(question)
        if miss:
            click.echo(safe(miss))
        return
    from kg.ask.answer_text import answer_lines

    for line in answer_lines(answers, explain=explain):
        click.echo(line)


@cli.command(short_help="Run a SPARQL 1.1 query over the graph (kg's prefixes predeclared).")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_KINDS["sparql"]), default="table",
              show_default=True, help="json, csv and tsv are the SPARQL 1.1 results formats.")
@timeout_option
@store_option
@endpoint_option
@data_option
def sparql(query: str, fmt: str, timeout: float, store: str, endpoint: str | None, data: Path | None) -> None:
    """Run QUERY (SPARQL text, a .rq file, or - for standard input) over the graph.

    QUERY is read as a file when it names an existing file, or when it ends in .rq and
    has no space or brace in it; otherwise it is the query text.

    The default graph is the union of all graphs; each claim's statement is also in its
    own named graph (GRAPH ?claim { ... }). The prefixes kg, kgt, sem, time, prov, oa,
    org, skos, rdf, rdfs, xsd, owl, foaf, dcterms and edtf are predeclared. A query that
    does not parse gets the parser's message and exit code 2; so does one that would read
    other data (FROM, FROM NAMED, SERVICE): load that with --data instead. Updates are
    refused as read-only (exit 2). A query running past --timeout is stopped (exit 1).
    With --endpoint the query runs at that SPARQL 1.1 endpoint instead.

    \b
    Example:
        kg sparql examples/queries/who-opposed-before.rq
        kg sparql "SELECT ?e ?label WHERE { ?e a kg:Event ; rdfs:label ?label FILTER(lang(?label)='en') }"
        kg sparql examples/queries/timeline.rq --format csv
        kg sparql examples/queries/timeline.rq --endpoint http://127.0.0.1:7878/query
    """
    from kg.display import terminal_text
    from kg.knowledge_graph import load
    from kg.stores.workers import run_limited

    text = _query_text(query)
    if endpoint:
        from kg.stores.remote import remote_sparql_text

        result = remote_sparql_text(endpoint, text, fmt, timeout=timeout or 3600)
    else:
        result = run_limited(load(data).sparql_text, text, fmt, store, seconds=timeout)
    if fmt == "table":  # a table is for people: control characters in the data are shown escaped
        click.echo(terminal_text(result, keep="\n"), nl=False)
    else:
        _stdout_text(result)


def _query_text(query: str) -> str:
    """The SPARQL text QUERY stands for: standard input (-), a query file, or itself."""
    from kg.errors import KgError
    from kg.inputs import InputError, read_input

    if query == "-":
        return sys.stdin.read()
    looks_like_file = query.endswith(".rq") and not any(c in query for c in " \t\n{}")
    try:
        is_file = Path(query).is_file()
    except (OSError, ValueError):
        is_file = False
    if not (is_file or looks_like_file):
        return query
    try:
        raw = read_input(query)
    except InputError as exc:
        raise click.BadParameter(f"cannot read {query}: {exc.reason}", param_hint="QUERY") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KgError(f"{query}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


@cli.command(short_help="Serve the graph as a read-only SPARQL 1.1 endpoint with a query page.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines query.")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True, help="Port (0: any free one).")
@timeout_option
@click.option("--row-limit", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) an answer keeps; a cut answer carries the header X-KG-Truncated.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query processes (each holds the data; a query past the time limit is killed).")
@data_option
def serve(host: str, port: int, timeout: float, row_limit: int, workers: int, data: Path | None) -> None:
    """Serve the graph over the SPARQL 1.1 Protocol, read-only, until Ctrl-C.

    GET or POST /sparql (form-encoded or application/sparql-query); answers as JSON, XML,
    CSV or TSV (CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD) by Accept; GET
    /sparql alone gives the service description, and / an offline query page with the
    example queries. Updates, FROM, SERVICE are refused.

    \b
    Example:
        kg serve
        kg serve --data my-timeline.yaml --port 8000 --timeout 5
    """
    from kg.stores.serve import serve as run

    run(data, host=host, port=port, time_limit=timeout or 3600, row_limit=row_limit, workers=workers,
        say=lambda line: click.echo(line, err=line.startswith("warning")))


@cli.command(short_help="Load the graph into a SPARQL 1.1 store (Graph Store Protocol).")
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) or "
                   "http://127.0.0.1:8890/sparql-graph-crud (Virtuoso).")
@click.option("--default-graph", default=None, metavar="IRI",
              help="Put the default graph's triples in this named graph (for stores such as Virtuoso whose "
                   "default graph is the union of all graphs).")
@data_option
def push(endpoint: str, default_graph: str | None, data: Path | None) -> None:
    """PUT the graph into a store, graph by graph: the default graph (every statement,
    as the exports hold it) and one named graph per claim. Each PUT replaces that graph.

    \b
    Example:
        kg push --endpoint http://127.0.0.1:7878/store
        kg push --endpoint http://127.0.0.1:8890/sparql-graph-crud --default-graph https://example.org/kg
    """
    from kg.knowledge_graph import load
    from kg.stores.remote import push as run

    report = run(load(data).dataset, endpoint, default_graph=default_graph)
    click.echo(f"Pushed {report.graphs} graphs ({report.triples} triples) to {endpoint}.")


def main() -> None:
    """Entry point of the ``kg`` console script."""
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    main()
