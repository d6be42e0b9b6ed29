"""The explorer's time slider draws what Python answers, on every day where anything changes.

Both sides come from the one table of time words (:mod:`kg.time.phrases`): the page gets
each item's day ranges from :func:`kg.time.phrases.slider_grades`, Python answers "as of
that day" through :func:`kg.ask.query.graph_as_of`. The test moves the slider to every day on
which some item's grade changes (and the day before), on the bundled Stamos timeline and on
a synthetic one, and compares every item.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_explorer import Page, browser  # noqa: F401  (the fixture)

from kg.time import Certainty
from kg.time.phrases import slider_grades

pytestmark = pytest.mark.browser
DRAWN = {Certainty.NOT: "hidden", Certainty.POSSIBLY: "possible", Certainty.LIKELY: "likely",
         Certainty.CERTAINLY: "certain"}


def _change_days(G) -> list[dt.date]:
    """Every day on which some item's drawn grade may change, and the day before it."""
    days = set()
    for _, _, d in G.edges(data=True):
        time = d["time"]
        ranges = slider_grades(time.span, nominal=time.nominal, state=d["kind"] == "position",
                               capped=d["status"] != "happened")
        for r in ranges:
            for n in r or ():
                if -10**8 < n < 10**8:
                    days |= {n - 1, n, n + 1}
    return [dt.date.fromordinal(n) for n in sorted(days)]


def _python_states(G, day: dt.date) -> dict[str, str]:
    from kg.ask.query import graph_as_of

    shown = {k: d["certainty"] for _, _, k, d in graph_as_of(G, day.isoformat()).edges(keys=True, data=True)}
    return {k: DRAWN[shown.get(k, Certainty.NOT)] for _, _, k in G.edges(keys=True)}


def _check_every_day(browser, graph, path):  # noqa: F811
    graph.render(path)
    page = Page(browser, path)
    G = graph.networkx
    first, last = page.js("() => [kgExplorer.state.first, kgExplorer.state.last]") or (None, None)
    checked = 0
    for day in _change_days(G):
        drawn_day = page.js("(iso) => { kgExplorer.setDate(iso); return kgExplorer.state.date; }", day.isoformat())
        shown = dt.date(1970, 1, 1) + dt.timedelta(days=drawn_day)
        drawn = page.js("() => Object.fromEntries(Object.keys(kgExplorer.data.items)"
                        ".map((iri) => [iri, kgExplorer.itemState(iri)]))")
        want = _python_states(G, shown)
        assert {k: drawn[k] for k in want} == want, shown
        checked += 1
    page.assert_clean()
    page.close()
    return checked


def test_the_stamos_slider_draws_the_python_answer(browser, tmp_path):  # noqa: F811
    from kg import load

    assert _check_every_day(browser, load(), tmp_path / "stamos.html") > 40


def test_a_synthetic_slider_draws_the_python_answer(browser, tmp_path):  # noqa: F811
    from kg import load
    from kg.timeline.synthetic import write_synthetic_timeline

    graph = load(write_synthetic_timeline(tmp_path / "data", events=40, seed=11))
    assert _check_every_day(browser, graph, tmp_path / "synthetic.html") > 100


def test_june_2015_shows_only_what_may_have_begun(browser, tmp_path):  # noqa: F811
    from kg import load

    graph = load()
    path = tmp_path / "stamos.html"
    graph.render(path)
    page = Page(browser, path)
    page.js("() => kgExplorer.setDate('2015-06-30')")
    drawn = page.js("() => Object.fromEntries(Object.keys(kgExplorer.data.items)"
                    ".map((iri) => [iri, kgExplorer.itemState(iri)]))")
    base = "https://w3id.org/kg-timeline/stamos/"
    assert drawn[base + "event/stamos-becomes-cso"] == "certain"
    for later in ("stamos-warning", "departure-reports", "stamos-posts-on-twitter", "security-team-reorganised",
                  "facebook-discloses-russian-activity", "april-report-published"):
        assert drawn[base + "event/" + later] == "hidden", later
    page.close()


def test_the_panel_shows_why_a_derived_date_is_what_it_is(browser, tmp_path):  # noqa: F811
    from kg import load

    path = tmp_path / "stamos.html"
    load().render(path)
    page = Page(browser, path)
    page.js("(iri) => kgExplorer.showItem(iri)", "https://w3id.org/kg-timeline/stamos/event/stamos-posts-on-twitter")
    panel = page.page.locator("#kg-panel").inner_text()
    assert "earliest start 2018-01-01" in panel  # the file gives no lower bound; the relations do
    assert "relation tweet-after-the-report" in panel and "relation reorganisation-before-the-report" in panel
    assert "Stated bounds" in panel and "As written" in panel
    page.assert_clean()
    page.close()
