"""The benchmark's scoring rules: matching, counts, leak, classification and category scores."""

import pytest
from benchmarks.scoring import (
    Counts,
    category_scores,
    classification_accuracy,
    confusions,
    jaccard,
    leak,
    map_predictions,
    match,
    score_spans,
)


def span(t, s, e, **extra):
    return {"type": t, "start": s, "end": e, **extra}


def test_jaccard_is_intersection_over_union_and_zero_when_apart():
    assert jaccard((0, 10), (0, 10)) == 1.0
    assert jaccard((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert jaccard((0, 5), (5, 10)) == 0.0


def test_exact_rule_needs_same_offsets_and_type():
    gold = [span("PERSON", 4, 16)]
    pairs, missed, spurious = match(gold, [span("PERSON", 0, 16)], "exact")
    assert (pairs, missed, spurious) == ([], [0], [0])
    pairs, _, _ = match(gold, [span("PERSON", 4, 16)], "exact")
    assert pairs == [(0, 0)]
    pairs, missed, spurious = match(gold, [span("UK_NHS", 4, 16)], "exact")
    assert (pairs, missed, spurious) == ([], [0], [0])


def test_overlap_rule_accepts_half_and_refuses_less():
    gold = [span("PERSON", 4, 16)]  # "Amina Hassan" after "Mrs "
    assert match(gold, [span("PERSON", 0, 16)], "overlap")[0] == [(0, 0)]  # 12/16 with title
    assert match(gold, [span("PERSON", 4, 9)], "overlap")[0] == []  # "Amina" only: 5/12
    assert match([span("X", 0, 10)], [span("X", 5, 10)], "overlap")[0] == [(0, 0)]  # exactly 0.5


def test_matching_is_one_to_one_and_prefers_the_best_overlap():
    gold = [span("PERSON", 0, 10)]
    pred = [span("PERSON", 0, 8), span("PERSON", 0, 10)]
    pairs, missed, spurious = match(gold, pred, "overlap")
    assert pairs == [(0, 1)]
    assert missed == []
    assert spurious == [0]


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown matching rule"):
        match([], [], "fuzzy")


def test_counts_precision_recall_f1_and_empty_cases():
    c = Counts(tp=8, fp=2, fn=8)
    assert c.precision == pytest.approx(0.8)
    assert c.recall == pytest.approx(0.5)
    assert c.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert Counts().f1 is None
    assert Counts(fn=3).f1 == 0.0
    assert Counts(fp=3).precision == 0.0
    assert Counts(fp=3).recall is None


def test_score_spans_counts_per_type_micro_and_ignores_other_types():
    docs = [
        {
            "id": "a",
            "text": "x" * 50,
            "spans": [span("PERSON", 0, 5), span("UK_NHS", 10, 20), span("ORGANIZATION", 30, 40)],
        },
        {"id": "b", "text": "y" * 20, "spans": [span("PERSON", 0, 5)]},
    ]
    preds = {
        "a": [span("PERSON", 0, 5), span("UK_NHS", 10, 19), span("DATE_TIME", 30, 40)],
        "b": [span("PERSON", 10, 15)],
    }
    exact = score_spans(docs, preds, ["PERSON", "UK_NHS"], "exact", keep_examples=5)
    assert exact.per_type["PERSON"].as_dict()["tp"] == 1
    assert (exact.per_type["PERSON"].fp, exact.per_type["PERSON"].fn) == (1, 1)
    assert (exact.per_type["UK_NHS"].tp, exact.per_type["UK_NHS"].fn) == (0, 1)
    assert (exact.micro.tp, exact.micro.fp, exact.micro.fn) == (1, 2, 2)
    assert {(m["id"], m["type"]) for m in exact.misses} == {("a", "UK_NHS"), ("b", "PERSON")}
    one_each = score_spans(docs, preds, ["PERSON", "UK_NHS"], "exact", keep_examples=1)
    assert sorted(m["type"] for m in one_each.misses) == ["PERSON", "UK_NHS"]
    overlap = score_spans(docs, preds, ["PERSON", "UK_NHS"], "overlap")
    assert overlap.per_type["UK_NHS"].tp == 1
    assert (overlap.micro.tp, overlap.micro.fp, overlap.micro.fn) == (2, 1, 1)


def test_missing_prediction_for_a_document_counts_every_gold_span_as_missed():
    docs = [{"id": "a", "text": "abcdef", "spans": [span("PERSON", 0, 3)]}]
    scores = score_spans(docs, {}, ["PERSON"], "overlap")
    assert scores.micro.fn == 1
    assert scores.micro.tp == 0


def test_map_predictions_direct_and_lenient():
    gold = [span("DATE_OF_BIRTH", 10, 20), span("PHONE_NUMBER", 30, 42)]
    pred = [
        span("PERSON", 0, 5),
        span("DATE_TIME", 9, 20),  # overlaps the birth date: kept as DATE_OF_BIRTH
        span("DATE_TIME", 30, 42),  # a phone number read as a date: dropped, not renamed
        span("NRP", 50, 55),  # not in either map: dropped
    ]
    out = map_predictions(pred, gold, {"PERSON": "PERSON"}, {"DATE_TIME": "DATE_OF_BIRTH"})
    assert [(p["type"], p["start"]) for p in out] == [("PERSON", 0), ("DATE_OF_BIRTH", 9)]


def test_leak_counts_uncovered_non_space_characters_of_wanted_types_only():
    text = "Dear Amina Hassan, NHS 943 476 5870."
    docs = [
        {
            "id": "a",
            "text": text,
            "spans": [span("PERSON", 5, 17), span("UK_NHS", 23, 35), span("ORGANIZATION", 0, 4)],
        }
    ]
    # The name is covered by a prediction of another type (still redacted); the NHS number only
    # half: "943 47" covered, "6 5870" left readable (5 characters, the space does not count).
    preds = {"a": [span("DATE_TIME", 5, 17), span("UK_NHS", 23, 29)]}
    result = leak(docs, preds, ["PERSON", "UK_NHS"])
    assert result["chars"] == 11 + 10
    assert result["readable"] == 5
    assert result["leak"] == pytest.approx(5 / 21)
    assert leak(docs, {}, ["PERSON"])["leak"] == 1.0
    assert leak([], {}, ["PERSON"])["leak"] is None


def test_classification_accuracy_counts_missing_as_wrong_and_reports_confusion():
    docs = [
        {"id": "a", "classification": "none"},
        {"id": "b", "classification": "sensitive"},
        {"id": "c", "classification": "personal"},
    ]
    result = classification_accuracy(docs, {"a": "none", "b": "personal"})
    assert result["accuracy"] == pytest.approx(1 / 3)
    assert result["confusion"]["sensitive->personal"] == 1
    assert result["confusion"]["personal->None"] == 1


def test_category_scores_are_micro_over_document_category_pairs():
    docs = [
        {"id": "a", "special_categories": ["health", "safeguarding"]},
        {"id": "b", "special_categories": []},
    ]
    result = category_scores(docs, {"a": ["health", "religion"], "b": ["health"]})
    assert (result["micro"]["tp"], result["micro"]["fp"], result["micro"]["fn"]) == (1, 2, 1)
    assert result["per_category"]["safeguarding"]["fn"] == 1
    assert result["per_category"]["health"]["fp"] == 1


def test_confusions_count_overlaps_with_a_different_gold_type():
    docs = [{"id": "a", "text": "t" * 40, "spans": [span("PHONE_NUMBER", 0, 12)]}]
    preds = {"a": [span("DATE_TIME", 0, 5), span("PHONE_NUMBER", 0, 12)]}
    assert confusions(docs, preds) == {"DATE_TIME->PHONE_NUMBER": 1}
