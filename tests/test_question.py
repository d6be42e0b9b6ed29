"""Controlled-English questions: the grammar, helpful errors, and the same answers from the
networkx index, from SPARQL in rdflib and from SPARQL in pyoxigraph."""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.errors import QueryError
from kg.ask.query import index_of
from kg.ask.question import answer, ask, parse_question
from kg.ask.sparql import answer_with_sparql, compile_question
from kg.rdf.sparql import with_values

BASE = "https://w3id.org/kg-timeline/stamos/"


@pytest.mark.parametrize(("text", "kind", "fields"), [
    ("who opposed disclosure before April 2017", "who", {"relation": "opposed", "target": "topic/disclosure"}),
    ("Who was against disclosure before April 2017?", "who", {"relation": "opposed"}),
    ("who warned about Russian interference in the US elections before 2017", "who",
     {"relation": "warned", "target": "topic/russian-interference"}),
    ("who held the chief security officer role in 2016", "holders", {"office": "office/chief-security-officer"}),
    ("who was COO of Facebook as of 2017-06", "holders",
     {"office": "office/chief-operating-officer", "organisation": "actor/facebook"}),
    ("what did Stamos do between December 2016 and September 2017", "what-did", {"actor": "actor/stamos"}),
    ("what happened between the warning and the public disclosure", "what-happened", {}),
    ("when did Facebook disclose", "when", {"relation": "disclosed", "actor": "actor/facebook"}),
    ("what had been publicly reported by 1 March 2018", "reported", {}),
    ("who urged Facebook since June 2015", "who", {"relation": "urged", "target": "actor/facebook"}),
])
def test_grammar(stamos_graph, text, kind, fields):
    q = parse_question(stamos_graph, text)
    assert q.kind == kind
    for name, value in fields.items():
        got = getattr(q, name)
        assert got == value or got == BASE + value, (name, got)


@pytest.mark.parametrize(("text", "when"), [
    ("what happened before April 2017", ("before", "2017-04-01", "2017-04-30")),
    ("what happened strictly before April 2017", ("strictly-before", "2017-04-01", "2017-04-30")),
    ("what happened after December 2016", ("after", "2016-12-01", "2016-12-31")),
    ("what happened in 2016", ("during", "2016-01-01", "2016-12-31")),
    ("what happened during spring 2017", ("during", "2017-03-01", "2017-05-31")),
    ("what happened since June 2015", ("since", "2015-06-01", "2015-06-30")),
    ("what happened as of 2017-06", ("as-of", "2017-06-01", "2017-06-30")),
    ("what happened by 1 March 2018", ("as-of", "2018-03-01", "2018-03-01")),
    ("what happened on 19 March 2018", ("during", "2018-03-19", "2018-03-19")),
    ("what happened in يونيه 2015", ("during", "2015-06-01", "2015-06-30")),  # Egyptian month name
    ("what happened in ۲۰۱۶", ("during", "2016-01-01", "2016-12-31")),  # Persian digits
    ("what happened between December 2016 and September 2017", ("between", "2016-12-01", "2016-12-31")),
])
def test_time_phrases(stamos_graph, text, when):
    f = parse_question(stamos_graph, text).when
    assert (f.kind, f.first.start_earliest.isoformat(), f.first.end_latest.isoformat()) == when


def test_event_names_as_times_are_left_out(stamos_graph):
    q = parse_question(stamos_graph, "what happened between the warning and the public disclosure")
    assert q.when.anchors == (BASE + "event/stamos-warning", BASE + "event/facebook-discloses-russian-activity")
    found = {a.iri for a in answer(stamos_graph, q)}
    assert BASE + "event/april-report-published" in found and BASE + "event/stamos-warning" not in found


@pytest.mark.parametrize(("text", "message"), [
    ("who oposed disclosure", "unknown relation 'oposed'; did you mean 'opposed'"),
    ("who opposed disclosur", "unknown actor or topic 'disclosur'; did you mean 'disclosure'"),
    ("who opposed disclosure before Aprill 2017", "'Aprill 2017' is not a date"),
    ("what happened between September 2017 and December 2016", "the second time ends before the first begins"),
    ("how are you", "questions start with 'who'"),
    ("who held the chief security officer role of nobody", "unknown actor or topic 'nobody'"),
    ("", "empty question"),
])
def test_errors_name_the_closest_known_words(stamos_graph, text, message):
    with pytest.raises(QueryError, match=message):
        parse_question(stamos_graph, text)


def test_ask_grades_every_answer_and_at_least_narrows(stamos_graph):
    text = "who opposed disclosure before April 2017"
    assert [(a.label, a.certainty.word) for a in ask(stamos_graph, text)] == [("Facebook's policy team", "possibly")]
    assert [a.label for a in ask(stamos_graph, text, at_least="likely")] == []
    # the email is dated "a month after" the elections: about December 2016, so likely in December
    december = ask(stamos_graph, "what did Stamos do in December 2016")
    grades = {a.iri.rsplit("/", 1)[1]: a.certainty.word for a in december}
    assert grades["stamos-emails-executives"] == "likely" and grades["stamos-warning"] == "likely"
    assert grades["stamos-centre-of-response"] == "certainly"
    # his tweet answers the 2018 reports: it cannot have been in December 2016
    assert "stamos-posts-on-twitter" not in grades


# ---- every question form through three engines ----------------------------------------

TIMES = ["", "before April 2017", "strictly before April 2017", "after December 2016", "in 2016",
         "during 2017", "between December 2016 and September 2017", "since June 2015", "as of 2017-06",
         "by 1 March 2018", "between the warning and the public disclosure"]


def battery(G):
    index = index_of(G)
    questions = []
    for relation in sorted(index.by_relation):
        label = G.graph["relations"][relation]["labels"]["en"]
        questions += [f"who {label} {t}".strip() for t in TIMES]
    for office in ("chief security officer", "chief operating officer", "head", "president"):
        questions += [f"who held the {office} role {t}".strip() for t in TIMES]
    for actor in ("Stamos", "Facebook", "the policy team", "Russia"):
        questions += [f"what did {actor} do {t}".strip() for t in TIMES]
    questions += [f"what happened {t}".strip() for t in TIMES if t]
    questions += [f"what had been publicly reported by {d}" for d in ("1 March 2018", "2017", "2018-03-20")]
    questions += [f"what had been claimed by {d}" for d in ("2017", "2018-03-20")]
    questions += ["who opposed disclosure before April 2017", "who urged Facebook", "who warned Zuckerberg",
                  "when did Facebook disclose", "when did Stamos leave Facebook", "when did Stamos warn",
                  "who clashed with the policy team", "who was COO of Facebook as of 2017-06",
                  "what happened on 19 March 2018", "who was head of Facebook's policy team on 2018-03-19"]
    from kg.ask.forms import FORMS

    questions += [f.example for f in FORMS]
    for clause in ("that Stamos was preparing to leave", "that Stamos's role changed", "that Russia interfered"):
        questions += [f"who {verb} {clause} {t}".strip() for verb in ("reported", "confirmed", "relayed", "claimed")
                      for t in ("", "before 2018", "by 2018-03-20")]
    for claimant in ("The Wall Street Journal", "Stamos", "Stamos's tweet", "the email", "Facebook"):
        questions += [f"what did {claimant} {verb} {t}".strip() for verb in ("report", "confirm", "leave unaddressed")
                      for t in ("", "in 2017", "as of 2018-03")]
    questions += ["which claims cite people familiar", "what sources did Reuters cite", "what was public by 2017",
                  "what was public before 2018", "what was internal", "which events are happened before 2016",
                  "which events are planned", "what was planned", "which events are only reported since 2018",
                  "whom did Stamos warn", "who received the email", "who did Cambridge Analytica work for",
                  "who reorganised the security team", "what was disclosed in 2017", "when did Stamos leave Facebook",
                  "when was the security team reorganised", "why did Stamos decide to leave",
                  "what led to calls for investigations", "what followed from the April report",
                  "what followed from the push", "did Stamos deny that he was leaving",
                  "did the elections end before the warning", "did Facebook disclose before the April report",
                  "did the warning happen after the elections", "how long between the warning and the public disclosure",
                  "how long after the elections did Stamos warn", "what did Stamos say on Twitter"]
    return questions


@pytest.fixture(scope="module")
def oxigraph_store(stamos_dataset):
    """The union of all graphs as pyoxigraph's default graph.

    (pyoxigraph's own use_default_graph_as_union gives the same answers, but is two orders
    of magnitude slower on these queries.)
    """
    from kg.rdf.build import union_graph

    store = pyoxigraph.Store()
    store.load(union_graph(stamos_dataset).serialize(format="nt").encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def _oxigraph_rows(store, question, G):
    """Run the question's SPARQL (bindings written as VALUES) in pyoxigraph."""
    from kg.namespace import PREFIXES
    from kg.time import Certainty

    index = index_of(G)
    query, bindings = compile_question(question, index)
    text = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n" + with_values(query, bindings)
    rows = []
    for solution in store.query(text):
        item = index.item(solution["item"].value)
        certain = solution["certain"] is not None and solution["certain"].value == "true"
        likely = solution["likely"] is not None and solution["likely"].value == "true"
        grade = Certainty.CERTAINLY if certain else Certainty.LIKELY if likely else Certainty.POSSIBLY
        rows.append((solution["answer"].value, item, grade))
    return rows


def test_the_battery_is_broad(stamos_graph):
    questions = battery(stamos_graph)
    assert len(questions) > 300
    kinds = {parse_question(stamos_graph, q).kind for q in questions}
    from kg.ask.forms import FORMS

    assert kinds == {f.name for f in FORMS}  # the parity battery covers every form


def test_networkx_and_sparql_give_identical_answers(stamos_graph, stamos_dataset, oxigraph_store):
    from kg.ask.sparql import collect_rows, sparql_rows
    from kg.rdf.build import union_graph

    union = union_graph(stamos_dataset)
    checked = nonempty = 0
    for text in battery(stamos_graph):
        q = parse_question(stamos_graph, text)
        rdflib_rows, oxigraph_rows = sparql_rows(union, stamos_graph, q), _oxigraph_rows(oxigraph_store, q, stamos_graph)
        for floor in ("certainly", "likely", "possibly"):
            mine = answer(stamos_graph, q, at_least=floor).keyed()
            assert collect_rows(stamos_graph, q, rdflib_rows, at_least=floor).keyed() == mine, (text, floor)
            assert collect_rows(stamos_graph, q, oxigraph_rows, at_least=floor).keyed() == mine, (text, floor)
            checked += 1
            nonempty += bool(mine)
    assert checked > 900 and nonempty > 400


def test_sparql_engine_over_the_dataset_with_named_graphs(stamos_graph, stamos_dataset):
    q = parse_question(stamos_graph, "who opposed disclosure before April 2017")
    assert answer_with_sparql(stamos_dataset, stamos_graph, q).keyed() == \
        answer(stamos_graph, q).keyed()


SYNTHETIC_TIMES = ["before 2017", "strictly before 2016-06", "in 2016", "between 2015-06 and 2016-01", "as of 2016-12-31"]


def test_networkx_and_sparql_agree_on_a_synthetic_timeline(tmp_path):
    """The parity battery, every grade, on data with every time form and derived bounds."""
    from kg import load
    from kg.ask.sparql import collect_rows, sparql_rows
    from kg.timeline.synthetic import write_synthetic_timeline

    g = load(write_synthetic_timeline(tmp_path, events=40, seed=7))
    G = g.networkx
    labels = sorted({d["labels"]["en"] for d in G.graph["relations"].values()})
    questions = [f"who {label} {t}".strip() for label in labels for t in SYNTHETIC_TIMES]
    questions += [f"what did Actor {k} do {t}" for k in range(2) for t in SYNTHETIC_TIMES]
    questions += ["what had been publicly reported by 2019", "who held the chair role since 2016"]
    about = sorted({d["time"].edtf[:7] for _, _, d in G.edges(data=True) if (d["time"].edtf or "").endswith(("~", "?"))})
    questions += [f"what happened in {month}" for month in about[:4]]  # likely on the date as written
    grades = set()
    for text in questions:
        q = parse_question(G, text)
        rows = sparql_rows(g.union, G, q)
        for floor in ("certainly", "likely", "possibly"):
            mine = answer(G, q, at_least=floor)
            assert collect_rows(G, q, rows, at_least=floor).keyed() == mine.keyed(), (text, floor)
            grades |= {a.certainty.word for a in mine}
    assert grades == {"certainly", "likely", "possibly"}  # every grade is exercised
