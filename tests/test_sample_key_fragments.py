"""The sample key is the checked merge of its fragments, and it carries issue 10's everyday, register and
multi-turn questions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

from assistant.evaluation.key import load_key

REPO = Path(__file__).resolve().parents[1]
KEY = REPO / "corpus" / "org" / "expected.yaml"


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_build", REPO / "corpus" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_expected_yaml_is_the_checked_merge_of_the_fragments() -> None:
    build = _build()
    errors: list[str] = []
    fragments = [build.SOURCES / f"key_{w}.yaml" for w in "abc"]
    merged = build.merge_keys(fragments, errors)
    assert errors == []
    # Rebuilt content equals the committed file: a fragment edited without `corpus/build.py` fails here.
    assert yaml.safe_load(KEY.read_text(encoding="utf-8")) == yaml.safe_load(yaml.safe_dump(merged))


def test_sample_key_has_everyday_register_and_conversation_questions() -> None:
    key = load_key(KEY, known_roles=["staff", "compliance", "auditor"])
    everyday = [q for q in key.questions if "everyday" in q.tags]
    registers = [q for q in key.questions if q.type == "register"]
    conversations = key.conversations()
    assert len(everyday) >= 15 and {q.role for q in everyday} == {"staff", "compliance", "auditor"}
    assert len(registers) >= 8 and all(set(q.expected_rows) <= set(q.all_rows) for q in registers)
    assert len(conversations) >= 10 and all(len(turns) >= 3 for turns in conversations.values())
    assert len(key.follow_up_ids()) >= 25
    # Restricted text is expected only for auditors: the audit report is never a lower role's expected file.
    restricted = "org/audit/internal_audit_report_2025.pdf"
    assert all(q.role == "auditor" for q in key.questions if restricted in q.expected_files)


def test_register_check_names_a_row_missing_from_all_rows() -> None:
    build = _build()
    errors: list[str] = []
    question = {"id": "x", "all_rows": ["DS-01", "DS-02"], "expected_files": ["org/registers/data_inventory.csv"]}
    build._check_register_rows(question, build.extract_text(build.CORPUS / question["expected_files"][0]), errors)
    assert len(errors) == 1 and "DS-03" in errors[0] and "DS-11" in errors[0]
