"""Graded answers: those collect_answers makes (their support built on first read) are the ones
built eagerly, field for field, in every output."""

from __future__ import annotations

import copy
import pickle

import pytest

from kg.ask.answers import Answer, Answers, collect_answers, grade_of, support_of
from kg.ask.forms import form_named
from kg.ask.index import index_of
from kg.ask.query import time_filter
from kg.ask.question import parse_question
from kg.ask.runners import run_who
from kg.graph.synthetic import synthetic_graph
from kg.time import Certainty


def eager_answers(index, rows, kind, at_least, question):
    """The answers as they were first built: a Support for every (answer, item) at once."""
    best = {}
    floor = max(grade_of(at_least), Certainty.POSSIBLY)
    for answer, item, certainty in rows:
        if certainty >= floor and ((answer, item.key) not in best or certainty > best[answer, item.key][1]):
            best[answer, item.key] = (item, certainty)
    grouped = {}
    for (answer, _), (item, certainty) in best.items():
        grouped.setdefault(answer, []).append(support_of(index, item, certainty))
    answers = []
    for iri, support in grouped.items():
        support.sort(key=lambda s: (-s.certainty, s.time.span.ordinals[0], s.iri))
        answers.append(Answer(iri, kind, index.labels_of(iri), max(s.certainty for s in support), tuple(support)))
    answers.sort(key=lambda a: (-a.certainty, a.support[0].time.span.ordinals[0], a.label, a.iri))
    return Answers(answers, question)


def assert_same(lazy: Answers, eager: Answers) -> None:
    assert repr(lazy) == repr(eager)  # read before any support is: the grades and labels alone
    assert lazy.question == eager.question and len(lazy) == len(eager)
    for a, b in zip(lazy, eager):
        assert type(a) is Answer
        for name in ("iri", "kind", "labels", "certainty", "notes", "detail", "label"):
            assert getattr(a, name) == getattr(b, name), name
        assert len(a.support) == len(b.support)
        for s, t in zip(a.support, b.support):
            for name in ("iri", "kind", "labels", "relation", "status", "time", "certainty", "claims", "about",
                         "label"):
                assert getattr(s, name) == getattr(t, name), name
            assert s.claim_lines() == t.claim_lines() and s.derivation_lines() == t.derivation_lines()
        assert a == b and a.to_dict() == b.to_dict() and repr(a) == repr(b)
    assert list(lazy) == list(eager)
    assert lazy.to_json() == eager.to_json() and lazy.to_records() == eager.to_records()
    assert lazy.keyed() == eager.keyed() and lazy._repr_html_() == eager._repr_html_()


QUESTIONS = [
    "who opposed disclosure before April 2017",
    "who reported that Stamos was preparing to leave",
    "whom did Stamos email",
    "what did Stamos do in December 2016",
    "what happened in 2017",
    "when was Stamos's security team reorganised",
    "why is Stamos leaving",
    "what had been publicly reported by 1 March 2018",
    "who held chief security officer in 2016",
    "what was internal before 2018",
]


@pytest.mark.parametrize("text", QUESTIONS)
@pytest.mark.parametrize("at_least", ["possibly", "likely", "certainly"])
def test_answers_of_the_bundled_timeline_are_the_eagerly_built_ones(stamos_graph, text, at_least):
    index = index_of(stamos_graph)
    q = parse_question(stamos_graph, text)
    form = form_named(q.kind)
    rows = list(form.run(index, q))
    assert rows or at_least != "possibly"
    assert_same(collect_answers(index, rows, form.answers, at_least, text),
                eager_answers(index, rows, form.answers, at_least, text))


def test_answers_with_many_rows_an_item_and_repeated_rows_are_the_eagerly_built_ones():
    G = synthetic_graph(40, 300, seed=4)
    index = index_of(G)
    relation = max(index.by_relation, key=lambda r: len(index.by_relation[r]) if r else 0)
    target = max((t for r, t in index.by_pair if r == relation), key=lambda t: len(index.by_pair[relation, t]))
    for when in (None, time_filter(before="2015"), time_filter(during="2012")):
        for rows in (list(run_who(index, relation, target, when)), list(run_who(index, relation, None, when)),
                     list(run_who(index, relation, None, when, role="others"))):
            rows = rows + rows[::3]  # the same (answer, item) twice: the surer grade is kept
            assert len({a for a, _, _ in rows}) < len(rows)  # answers with several events
            lazy = collect_answers(index, rows, "actor", "possibly", "q")
            assert_same(lazy, eager_answers(index, rows, "actor", "possibly", "q"))


def test_an_answer_copied_or_pickled_before_its_support_is_read_keeps_it(stamos_graph):
    index = index_of(stamos_graph)
    rows = list(run_who(index, "opposed", None, None))

    def fresh():
        return collect_answers(index, rows, "actor", "possibly", "who opposed")[0]

    eager = eager_answers(index, rows, "actor", "possibly", "who opposed")[0]
    for made in (copy.copy(fresh()), copy.deepcopy(fresh()), pickle.loads(pickle.dumps(fresh()))):
        assert made == eager and made.support == eager.support and made.to_dict() == eager.to_dict()
    answer = fresh()
    assert answer.support is answer.support  # built once
    with pytest.raises(AttributeError):
        answer.no_such_field  # noqa: B018


def test_an_answer_is_read_only_and_equal_by_its_fields(stamos_graph):
    index = index_of(stamos_graph)
    made = collect_answers(index, list(run_who(index, "opposed", None, None)), "actor", "possibly", "who opposed")[0]
    for name in ("iri", "kind", "labels", "certainty", "support", "notes", "detail", "label", "other"):
        with pytest.raises(AttributeError):
            setattr(made, name, None)
    built = Answer(made.iri, made.kind, made.labels, made.certainty, made.support)
    assert made == built and made.detail == {} and made.notes == ()
    assert Answer(made.iri, made.kind, made.labels, made.certainty, made.support, notes=("why",), detail={"x": 1}) == made
    assert made != Answer(made.iri, made.kind, made.labels, Certainty.POSSIBLY, made.support)
    assert made != (made.iri, made.kind, made.labels, made.certainty, made.support)
    with pytest.raises(TypeError):
        hash(made)  # equal by value, with a dict of labels: as the dataclass it was
    assert repr(made).startswith(f"Answer(iri={made.iri!r}, kind='actor', ")


@pytest.fixture(scope="module")
def table_index(tmp_path_factory):
    from kg.graph.synthetic_table import write_synthetic_table
    from kg.tables import load_table

    path = write_synthetic_table(tmp_path_factory.mktemp("table") / "facts.tsv", 3000, seed=3, actors=40)
    return index_of(load_table(path).networkx)


@pytest.mark.parametrize("when", [{"before": "2010"}, {"during": "2008"}, {"after": "2006-03-15"},
                                  {"between": ("2007-01", "2012-06")}, {"as_of": "2011-02-01"}])
def test_an_event_tables_answers_grouped_by_stretches_are_the_eagerly_built_ones(table_index, when):
    """An event table's pair gives its rows as stretches (kg.ask.runners.StretchRows), grouped a
    stretch at a time: the same answers, in the same order, as grouping every row."""
    from kg.ask.runners import StretchRows

    index = table_index
    pairs = sorted(index.by_pair, key=lambda p: (-len(index.by_pair[p]), p))[:8]
    several = 0
    for relation, target in pairs:
        rows = run_who(index, relation, target, time_filter(**when))
        assert isinstance(rows, StretchRows)
        for at_least in ("possibly", "certainly"):
            lazy = collect_answers(index, rows, "actor", at_least, "q")
            assert_same(lazy, eager_answers(index, list(rows), "actor", at_least, "q"))
        several += sum(len(a.support) > 1 for a in lazy)
    assert several  # answers with several events


def test_an_event_tables_answers_tied_on_their_day_are_in_order_of_label(tmp_path):
    from kg.tables import load_table

    facts = ["Zed\taccuse\tT\t2010-01-05", "Abe\taccuse\tT\t2010-01-05", "Mia\taccuse\tT\t2010-01-05",
             "Abe\taccuse\tT\t2010-01-03", "Bo\taccuse\tT\t2010-01-04", "Cy\taccuse\tT\t2010-01-07",
             "Ann\taccuse\tT\t2010-01-07", "Zed\taccuse\tT\t2009-12-30", "Eve\taccuse\tT\t2010-02-01",
             "A:\taccuse\tT\t2010-01-09", "A-\taccuse\tT\t2010-01-09"]  # by label A- < A:, by IRI A%3A < A-
    (tmp_path / "t.tsv").write_text("\n".join(facts) + "\n", encoding="utf-8")
    G = load_table(tmp_path / "t.tsv").networkx
    index = index_of(G)
    rows = run_who(index, index.relation("accuse"), index.entity("T"), time_filter(before="2010-02"))
    answers = collect_answers(index, rows, "actor", "possibly", "q")
    assert [a.label for a in answers] == ["Zed", "Abe", "Bo", "Mia", "Ann", "Cy", "A-", "A:"]
    assert sorted(a.iri for a in answers[-2:]) != [a.iri for a in answers[-2:]]  # the label's order, not the IRI's
    assert [len(a.support) for a in answers] == [2, 2, 1, 1, 1, 1, 1, 1]
    assert_same(answers, eager_answers(index, list(rows), "actor", "possibly", "q"))


def test_stretches_of_several_grades_give_each_answer_its_surest_and_earliest(table_index):
    from kg.ask.runners import StretchRows

    index = table_index
    columns = index.pair_columns(max(index.by_pair, key=lambda p: (len(index.by_pair[p]), p)))
    n = len(columns)
    cuts = [(0, n // 4, Certainty.LIKELY), (n // 4, n // 2, Certainty.POSSIBLY), (n // 2, 3 * n // 4, Certainty.CERTAINLY),
            (3 * n // 4, n, Certainty.POSSIBLY)]
    rows = StretchRows(columns, cuts)
    assert len(rows) == n and [g for _, _, g in rows][n // 4 - 1: n // 4 + 1] == [Certainty.LIKELY, Certainty.POSSIBLY]
    for at_least in ("possibly", "likely", "certainly"):
        lazy = collect_answers(index, rows, "actor", at_least, "q")
        assert_same(lazy, eager_answers(index, list(rows), "actor", at_least, "q"))
    grades = {a.certainty for a in collect_answers(index, rows, "actor", "possibly", "q")}
    assert grades == {Certainty.CERTAINLY, Certainty.LIKELY, Certainty.POSSIBLY}
