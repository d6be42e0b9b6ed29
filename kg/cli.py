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

from ._version import __version__

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Turns kg's own errors into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import KgError

        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # e.g. `kg export | head`
            sys.stderr.close()
            ctx.exit(0)


def data_option(func: F) -> F:
    return click.option(
        "--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, metavar="PATH",
        help="A timeline file (.yaml) or RDF file (.ttl .trig .nq .jsonld) to use instead of the bundled "
             "Stamos timeline.",
    )(func)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="kg")
def cli() -> None:
    """kg: temporal knowledge graphs of news timelines.

    Every command works on the bundled Alex Stamos / Facebook timeline (2015-2018)
    unless --data names another timeline file or RDF file.

    \b
    Exit codes: 0 success; 1 bad data or an unanswerable question (one line
    naming file:line); 2 bad usage (unknown option, missing file, a SPARQL
    query that does not parse).
    """
    import logging

    # rdflib logs a traceback for each ill-typed literal it reads; kg reports those itself, in one line.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)


@cli.command(short_help="Render the graph as an interactive, offline HTML page.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page [default: in the current folder, the data file's name with .html, "
                   "e.g. stamos.html].")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True,
              help="Language of labels and of the page (ar: Arabic, right to left).")
@click.option("--title", default=None, help="Page heading [default: the timeline's title].")
@data_option
def render(output: Path | None, lang: str, title: str | None, data: Path | None) -> None:
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
    from .knowledge_graph import load
    from .timeline import bundled_timeline_path

    graph = load(data)
    target = output or Path((data or bundled_timeline_path()).stem + ".html")
    graph.render(target, lang=lang, title=title)
    counts = graph.counts()
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    click.echo(f"Wrote {target} ({plural(graph.networkx.number_of_nodes(), 'node')}, "
               f"{plural(counts['events'], 'event')}, {plural(counts['positions'], 'position')}); "
               "open it in a browser.")


@cli.command(short_help="Export the graph as TriG, N-Quads, Turtle, JSON-LD, GraphML or CSV.")
@click.option("-f", "--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "jsonld", "graphml", "csv"]),
              default="trig", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: standard output].")
@data_option
def export(fmt: str, output: Path | None, data: Path | None) -> None:
    """Export the graph for other tools.

    trig, nquads and jsonld keep each claim in its own named graph; turtle merges
    all graphs into one; graphml and csv hold the event graph (nodes and edges)
    and an events table.

    \b
    Example:
        kg export --format trig -o stamos.trig
        kg export --format csv | head
    """
    from .files import refuse_overwriting, write_text_atomic
    from .knowledge_graph import load

    graph = load(data)
    text = graph.export(fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    refuse_overwriting(output, *graph.input_files())
    write_text_atomic(output, text)
    click.echo(f"Wrote {output} ({fmt}).", err=True)


@cli.command(short_help="Check a timeline file: format, ids, dates, evidence, SHACL.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any warning).")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of the built RDF (faster).")
@data_option
def validate(strict: bool, no_shacl: bool, data: Path | None) -> None:
    """Check a timeline file and report every problem, one per line with file:line.

    Errors: the YAML and its keys, unknown ids, EDTF dates that do not parse, an end
    before a start, a changed source file, evidence text not at its offsets, SHACL
    violations. Warnings: a weekday beside a date that disagrees with the calendar.

    \b
    Exit codes: 0 valid (warnings allowed), 1 errors found (or warnings, with
    --strict), 2 usage error.

    \b
    Example:
        kg validate
        kg validate --data my-timeline.yaml --strict
    """
    from .validation import validate as run

    report = run(data, shacl=not no_shacl)
    for problem in report.problems:
        click.echo(str(problem), err=problem.severity == "error")
    click.echo(report.summary(strict=strict))
    if not report.ok or (strict and report.warnings):
        sys.exit(1)


@cli.command(short_help="Draw a timeline chart: a lane per actor, vague dates drawn vague (SVG, PNG, HTML).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The chart file; its ending picks the format: .svg, .png or .html.")
@click.option("--title", default=None, help="Chart title [default: the timeline's title].")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True,
              help="Language of the labels (Arabic is shaped and right to left).")
@data_option
def timeline(output: Path, title: str | None, lang: str, data: Path | None) -> None:
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
    from .knowledge_graph import load

    if output.suffix.lower() not in (".svg", ".png", ".html"):
        raise click.BadParameter("the chart is written as .svg, .png or .html", param_hint="'-o'")
    graph = load(data)
    graph.timeline_chart(output, title=title, lang=lang)
    click.echo(f"Wrote {output}.")


@cli.command(short_help="Answer a question in controlled English (who / what / when ...).")
@click.argument("question")
@click.option("--possibly", is_flag=True, help="Include answers that are only possible, not certain.")
@click.option("--explain", is_flag=True, help="Show the parsed question and the equivalent SPARQL first.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json: an array of answers with iri, label and supporting events.")
@click.option("--engine", type=click.Choice(["networkx", "sparql"]), default="networkx", show_default=True,
              help="Answer with the networkx index or by running the SPARQL (same answers).")
@data_option
def ask(question: str, possibly: bool, explain: bool, fmt: str, engine: str, data: Path | None) -> None:
    """Answer QUESTION, saying whether each answer holds certainly or only possibly.

    \b
    Questions (see the README for the grammar):
      who RELATION [TARGET] [TIME]        who opposed disclosure before April 2017
      who held OFFICE [of ORG] [TIME]     who held the chief security officer role in 2016
      what did ACTOR do [TIME]            what did Stamos do between December 2016 and September 2017
      what happened [TIME]                what happened between the warning and the public disclosure
      when did ACTOR RELATION [TARGET]    when did Facebook disclose
      what had been publicly reported by DATE
    TIME: before, strictly before, after, in, on, during, since, as of, by DATE;
    between DATE and DATE. DATE: 2016, 2017-04, April 2017, 1 March 2018, spring
    2017, or an event ("the warning").

    \b
    Example:
        kg ask "who opposed disclosure before April 2017" --possibly
        kg ask "who held the chief security officer role in 2016" --format json
        kg ask "what had been publicly reported by 1 March 2018" --explain
    """
    from .knowledge_graph import load

    graph = load(data)
    if explain:
        click.echo(graph.explain(question) + "\n")
    answers = graph.ask(question, possibly=possibly, engine=engine)
    if fmt == "json":
        click.echo(answers.to_json(indent=2))
        return
    if not answers:
        click.echo("No answers." + ("" if possibly else " (Try --possibly for answers that are only possible.)"))
        return
    for a in answers:
        click.echo(f"{a.certainty.word:>9}  {a.label}")
        for s in a.support:
            if s.iri != a.iri:
                click.echo(f"{'':>11}{s.certainty.word}: {s.label} ({s.time.describe()}; {s.status})")
            else:
                click.echo(f"{'':>11}{s.time.describe()}; {s.status}")


@cli.command(short_help="Run a SPARQL 1.1 query over the graph (kg's prefixes predeclared).")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="json, csv and tsv are the SPARQL 1.1 results formats.")
@data_option
def sparql(query: str, fmt: str, data: Path | None) -> None:
    """Run QUERY (SPARQL text, a .rq file, or - for standard input) over the graph.

    The default graph is the union of all graphs; each claim's statement is also in its
    own named graph (GRAPH ?claim { ... }). The prefixes kg, kgt, sem, time, prov, oa,
    org, skos, rdf, rdfs, xsd, owl, foaf, dcterms and edtf are predeclared. A query that
    does not parse gets the parser's message and exit code 2; so does one that would read
    other data (FROM, FROM NAMED, SERVICE): load that with --data instead.

    \b
    Example:
        kg sparql examples/queries/who-opposed-before.rq
        kg sparql "SELECT ?e ?label WHERE { ?e a kg:Event ; rdfs:label ?label FILTER(lang(?label)='en') }"
        kg sparql examples/queries/timeline.rq --format csv
    """
    from .knowledge_graph import load
    from .sparql import SparqlSyntaxError

    text = sys.stdin.read() if query == "-" else query
    if query != "-" and query.endswith(".rq"):
        try:
            text = Path(query).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot read {query}: {exc.strerror}", param_hint="QUERY") from None
    graph = load(data)
    try:
        click.echo(graph.sparql_text(text, fmt), nl=False)
    except SparqlSyntaxError as exc:
        raise click.UsageError(str(exc)) from None


def main() -> None:
    """Entry point of the ``kg`` console script."""
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    main()
