"""The query index: kept in networkx's own cache, and the same answers as a scan of every edge."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph.from_rdf import TARGET_ROLES
from kg.ask.query import index_of, run_who, time_filter, who_did
from kg.graph.synthetic import synthetic_graph
from kg.time import Certainty


def test_an_edit_that_keeps_the_counts_rebuilds_the_index(minimal):
    import kg

    G = kg.load(minimal.timeline).networkx.copy()
    council = "https://example.org/harbour-pier/actor/council"
    assert [a.iri for a in who_did(G, "voted", "old-pier")] == [council]
    old = index_of(G)
    (u, v, key, data), = [e for e in G.edges(keys=True, data=True) if e[3].get("relation") == "voted"]
    someone = next(n for n in G if n not in (u, v) and G.nodes[n].get("kind") != "event")
    counts = G.number_of_nodes(), G.number_of_edges()
    G.remove_edge(u, v, key)
    G.add_edge(someone, v, key=key, **{**data, "participants": {**data["participants"], "agent": [someone]}})
    assert (G.number_of_nodes(), G.number_of_edges()) == counts  # same size: counting could not tell
    assert index_of(G) is not old
    assert [a.iri for a in who_did(G, "voted", "old-pier")] == [someone]


def test_the_index_lives_in_the_networkx_cache(minimal):
    import kg

    G = kg.load(minimal.timeline).networkx.copy()
    index = index_of(G)
    assert index is index_of(G)
    assert index in G.__networkx_cache__.values()
    assert "_kg_index" not in G.graph
    H = G.copy()  # a copy has a cache of its own
    assert index_of(H) is not index and index_of(H).G is H


def _brute_force(G, relation, target, when):
    """(agent, event, grade) for every event edge, judged one by one: no index at all."""
    found = set()
    for _, _, key, d in G.edges(keys=True, data=True):
        if d["kind"] != "event" or d["relation"] != relation:
            continue
        roles = d["participants"]
        if target not in {iri for role in TARGET_ROLES for iri in roles.get(role, ())}:
            continue
        capped = d["status"] != "happened"
        grade = when.judge(d["time"].span, nominal=d["time"].nominal, capped=capped)
        if grade >= Certainty.POSSIBLY:
            found.update((agent, key, grade.word) for agent in roles.get("agent", ()))
    return found


KINDS = st.sampled_from(["before", "after", "during", "since", "as_of", "strictly"])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), kind=KINDS, days=st.integers(0, 7300), pick=st.integers(0, 10**6))
def test_index_answers_equal_a_scan_of_every_edge(seed, kind, days, pick):
    G = synthetic_graph(12, 150, seed=seed)
    edges = [d for _, _, d in G.edges(data=True)]
    chosen = edges[pick % len(edges)]
    relation, target = chosen["relation"], chosen["participants"]["target"][0]
    day = (dt.date(2000, 1, 1) + dt.timedelta(days=days)).isoformat()
    when = time_filter(before=day, strictly=True) if kind == "strictly" else time_filter(**{kind: day})
    index = index_of(G)
    got = {(agent, item.key, grade.word) for agent, item, grade in run_who(index, relation, target, when)
           if grade >= Certainty.POSSIBLY}
    assert got == _brute_force(G, relation, target, when)
    if kind == "before":  # a prefix: no candidate starts on or after the day
        first = dt.date.fromisoformat(day).toordinal()
        assert all(item.ordinals[0] < first for item in index.candidates(relation, when, target))


_TABLE: dict = {}


def _table_graph(tmp_path_factory):
    if not _TABLE:
        from kg.graph.synthetic_table import write_synthetic_table
        from kg.tables import load_table

        path = write_synthetic_table(tmp_path_factory.mktemp("table") / "facts.tsv", 3000, seed=3, actors=40)
        _TABLE["G"] = load_table(path).networkx
    return _TABLE["G"]


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(["before", "after", "during", "since", "as_of", "strictly", "between"]),
       days=st.integers(-400, 6000), span=st.integers(0, 800), pick=st.integers(0, 10**6))
def test_one_day_events_of_a_pair_graded_by_stretches_equal_a_scan(tmp_path_factory, kind, days, span, pick):
    """Event tables take the fast path (each stretch between two condition days judged once):
    the same agents, events and grades as judging every edge."""
    G = _table_graph(tmp_path_factory)
    index = index_of(G)
    first = min(i.start for i in index.events)
    pairs = sorted(index.by_pair, key=lambda p: (-len(index.by_pair[p]), p))[:30]  # popular and less so
    relation, target = pairs[pick % len(pairs)]
    assert index.pair_columns((relation, target)) is not None  # one day each, happened, one agent: the fast path
    day = dt.date.fromordinal(first + days)
    if kind == "between":
        when = time_filter(between=(day.isoformat(), (day + dt.timedelta(days=span)).isoformat()))
    elif kind == "strictly":
        when = time_filter(before=day.isoformat(), strictly=True)
    else:
        when = time_filter(**{kind: day.isoformat()})
    got = {(agent, item.key, grade.word) for agent, item, grade in run_who(index, relation, target, when)
           if grade >= Certainty.POSSIBLY}
    assert got == _brute_force(G, relation, target, when)


def test_the_claims_items_are_built_once_and_only_for_what_needs_them(stamos_graph):
    from kg.ask.index import NO_AGENT, NO_AGENT_LABELS, QueryIndex
    from kg.ask.query import who_did

    index = QueryIndex(stamos_graph)
    event = next(iter(index.items))
    assert index.labels_of(NO_AGENT) == NO_AGENT_LABELS and index.item(event) is index.items[event]
    assert index._claims is None  # neither looked among the claims
    claim = next(c["iri"] for item in index.events for c in item.data["claims"])
    assert index.item(claim) is index.claims[claim] and index.claims is index.claims
    assert index.item(claim).data["about"] in index.items
    assert who_did(stamos_graph, "opposed")  # questions still find them through index_of


def test_reading_answers_support_looks_up_sources_without_building_the_claims(stamos_graph):
    from kg.ask.answers import collect_answers
    from kg.ask.index import QueryIndex
    from kg.ask.runners import run_events

    index = QueryIndex(stamos_graph)
    answers = collect_answers(index, list(run_events(index)), "event", "possibly", "what happened")
    answers.to_json()  # every support, its claims, their claimants and documents (sources among them)
    assert index._claims is None
    rows = [list(r) for r in run_events(index)]  # any 3-item sequence is a row
    assert collect_answers(index, rows, "event", "possibly", "q").keyed() == answers.keyed()
