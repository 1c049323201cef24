"""Key extensions of the development corpora: register rows, conversations and tags load, and misuse is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.key import AnswerKeyError, load_key

REPO = Path(__file__).resolve().parents[2]
DEV_KEYS = sorted((REPO / "corpus" / "dev").glob("*/expected.yaml"))

KEY = """\
version: 1
corpus_root: docs
questions:
  - id: r1
    type: register
    question: which risks are open?
    expected_files: [risks.csv]
    expected_rows: [RSK-02, RSK-03]
    all_rows: [RSK-01, RSK-02, RSK-03]
    tags: [register]
  - id: c1
    conversation: m1
    question: who owns RSK-02?
  - id: z1
    question: an unrelated question between the turns
  - id: c2
    conversation: m1
    question: and when is it due?
    tags: [follow_up]
  - id: c3
    conversation: m1
    question: separate question - how long are records kept?
  - id: n1
    conversation: 7
    question: a one-turn conversation named by a number
    tags: [everyday, paraphrase]
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "risks.csv").write_text("id,status\nRSK-01,closed\nRSK-02,open\nRSK-03,open\n")
    key = tmp_path / "expected.yaml"
    key.write_text(text, encoding="utf-8")
    return key


def test_extensions_parse(tmp_path: Path) -> None:
    key = load_key(write(tmp_path, KEY), known_roles=["staff"])
    assert key.root == (tmp_path / "docs").resolve()
    r1 = key.question("r1")
    assert r1.type == "register" and r1.expected_rows == ["RSK-02", "RSK-03"] and len(r1.all_rows) == 3
    # File order within a conversation, other questions between the turns do not matter.
    assert [q.id for q in key.conversations()["m1"]] == ["c1", "c2", "c3"]
    assert key.question("n1").conversation == "7"
    # Every later turn is a follow-up, tagged or not; the first turn is not.
    assert key.follow_up_ids() == {"c2", "c3"}
    assert key.tags_of(key.question("c3")) == ["follow_up"]
    assert key.tags_of(key.question("c1")) == []
    assert key.tags_of(key.question("n1")) == ["everyday", "paraphrase"]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("expected_rows: [RSK-02, RSK-03]", "expected_rows: [RSK-02, RSK-09]",
         "questions[0] (id r1).expected_rows: RSK-09 not in all_rows"),
        ("    all_rows: [RSK-01, RSK-02, RSK-03]\n", "",
         "questions[0] (id r1).all_rows: a register question needs every row id"),
        ("all_rows: [RSK-01, RSK-02, RSK-03]", "all_rows: [RSK-01, RSK-02, RSK-03, RSK-02]",
         "questions[0] (id r1).all_rows: duplicate ids RSK-02"),
        ("    type: register\n", "", "questions[0] (id r1).expected_rows: only register questions"),
        ("tags: [register]", "tags: [registers]", "questions[0] (id r1).tags[0]: Input should be 'paraphrase'"),
        ("    question: who owns RSK-02?\n", "    question: who owns RSK-02?\n    tags: [follow_up]\n",
         "questions[1] (id c1).tags: follow_up, but the question is the first turn of 'm1'"),
        ("    question: an unrelated question between the turns\n",
         "    question: an unrelated question between the turns\n    tags: [follow_up]\n",
         "questions[2] (id z1).tags: follow_up, but the question has no conversation"),
    ],
)  # fmt: skip
def test_misuse_is_named(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    assert replace in KEY
    with pytest.raises(AnswerKeyError) as err:
        load_key(write(tmp_path, KEY.replace(replace, by)))
    assert expected in str(err.value)
    assert str(tmp_path / "expected.yaml") in str(err.value)


@pytest.mark.parametrize("path", DEV_KEYS, ids=[p.parent.name for p in DEV_KEYS])
def test_development_keys_load_with_their_extensions(path: Path) -> None:
    key = load_key(path, known_roles=["staff", "compliance", "auditor"])
    assert key.root == (path.parent / "docs").resolve()
    assert len(key.questions) >= 40
    registers = [q for q in key.questions if q.type == "register"]
    assert registers and all(q.all_rows and set(q.expected_rows) <= set(q.all_rows) for q in registers)
    assert len(key.conversations()) >= 10
    assert key.coverage, "a development key carries a full coverage map"
    tags = {t for q in key.questions for t in q.tags}
    assert {"paraphrase", "register", "absent", "follow_up"} <= tags


def test_development_corpora_are_not_part_of_the_sample_corpus() -> None:
    """`make run` ingests corpus/ and the sample key's eval indexes corpus/: neither may take in corpus/dev/."""
    from ingestion.discovery import discover

    sample = load_key(REPO / "corpus" / "org" / "expected.yaml")
    found = [c.doc_id for c in discover([sample.root]).candidates]
    assert found and all(d.startswith("org/") for d in found), sorted({d.split("/")[0] for d in found})
    for path in DEV_KEYS:
        key = load_key(path)
        docs = [c.doc_id for c in discover([key.root]).candidates]
        # A dev corpus root is its own docs/ folder: the sample corpus's ignore file does not reach it.
        assert docs and not any(d.endswith("expected.yaml") or d.endswith(".py") for d in docs)
        for q in key.questions:
            for rel in q.expected_files:
                assert rel in docs, (path, q.id, rel)
