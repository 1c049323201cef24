"""The clause catalog: the shipped YAML against the reference structure, and the loader's validation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.catalog import Catalog, CatalogError, load_catalog
from ingestion.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CATALOG_DIR = REPO / "corpus" / "standard"
REFERENCE = (REPO / ".." / "shared" / "reference" / "iso42001_structure.json").resolve()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(CATALOG_DIR)


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, Any]]:
    if not REFERENCE.is_file():
        pytest.skip(f"reference structure not found at {REFERENCE} (the shared reference folder is absent)")
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    audited: dict[str, dict[str, Any]] = {}
    for row in data["entries"]:
        is_clause = row["kind"] == "clause" and int(row["id"].split(".")[0]) >= 4
        if is_clause or row["kind"] in ("annex_a_objective", "annex_a_control"):
            audited[row["id"]] = row
    return audited


# --- the shipped catalog against the reference list ----------------------------------------------------
def test_every_reference_id_present_and_no_extra(catalog: Catalog, reference: dict[str, dict[str, Any]]) -> None:
    ours = set(catalog.ids)
    assert sorted(set(reference) - ours) == [], "ids missing from the catalog"
    assert sorted(ours - set(reference)) == [], "ids in the catalog that the standard does not have"
    assert len(catalog.controls()) == 38
    assert {e.id for e in catalog.clauses()} >= {"6.1.1", "6.1.4", "7.5.3", "9.2.2", "9.3.3", "10.2"}


def test_titles_kinds_and_parents_equal_reference(catalog: Catalog, reference: dict[str, dict[str, Any]]) -> None:
    for entry in catalog:
        ref = reference[entry.id]
        assert entry.title == ref["title"], entry.id
        assert entry.kind == ref["kind"], entry.id
        # The reference hangs A.2..A.10 under the annex itself ("A"); the catalog has no such entry.
        expected_parent = None if ref["parent"] == "A" else ref["parent"]
        assert entry.parent == expected_parent, entry.id


def test_entry_content_within_limits(catalog: Catalog) -> None:
    problems = []
    for entry in catalog:
        words = len(entry.summary.split())
        if not 60 <= words <= 150:
            problems.append(f"{entry.id}: summary has {words} words")
        if not 2 <= len(entry.obligations) <= 8:
            problems.append(f"{entry.id}: {len(entry.obligations)} obligations")
        if not entry.evidence:
            problems.append(f"{entry.id}: no expected evidence")
        if not entry.keywords:
            problems.append(f"{entry.id}: no keywords")
        problems.extend(f"{entry.id}: related id {r} unknown" for r in entry.related if r not in catalog)
    assert problems == []


def test_catalog_api(catalog: Catalog) -> None:
    ids = list(catalog.ids)
    # Document order: clauses numerically (10 after 9), then Annex A numerically (A.10 after A.9).
    assert ids.index("9.3.3") < ids.index("10") < ids.index("A.2") < ids.index("A.9.4") < ids.index("A.10")
    assert ids[0] == "4"
    assert "A6.2.4" in catalog and catalog.get("a.6.2.4") is catalog.get("A.6.2.4")
    assert "A.11.2" not in catalog and catalog.get("6.5") is None
    assert [e.id for e in catalog.children("6.1")] == ["6.1.1", "6.1.2", "6.1.3", "6.1.4"]
    assert [e.id for e in catalog.children("A.6")] == ["A.6.1", "A.6.2"]
    assert catalog.ids_in_scope("6.1") == ["6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4"]
    assert catalog.ids_in_scope("A.6")[:4] == ["A.6", "A.6.1", "A.6.1.2", "A.6.1.3"]
    assert len(catalog.ids_in_scope("all")) == len(catalog)
    assert all(not i.startswith("A.") for i in catalog.ids_in_scope("clauses"))
    assert all(i.startswith("A.") for i in catalog.ids_in_scope("annex-a"))
    assert catalog.ids_in_scope("a6.2") == catalog.ids_in_scope("A.6.2")
    with pytest.raises(ValueError, match=r"'A\.11'"):
        catalog.ids_in_scope("A.11")
    with pytest.raises(KeyError):
        catalog.children("6.5")
    entry = catalog["6.1.4"]
    assert entry.label == "clause 6.1.4" and catalog["A.10.3"].label == "control A.10.3"
    assert isinstance(entry.obligations, tuple) and entry.to_dict()["obligations"] == list(entry.obligations)


def test_scope_prefix_does_not_match_longer_numbers(tmp_path: Path) -> None:
    # "1" is a prefix of "10" as a string but not as an id: only the id and its descendants match.
    entries = [_entry("1"), _entry("10"), _entry("10.1", parent="10"), _entry("1.1", parent="1")]
    _write(tmp_path, "c.yaml", entries)
    cat = Catalog.load(tmp_path)
    assert cat.ids_in_scope("1") == ["1", "1.1"]
    assert cat.ids_in_scope("10") == ["10", "10.1"]


def test_load_catalog_is_cached_per_directory_and_notices_edits(tmp_path: Path) -> None:
    _write(tmp_path, "c.yaml", [_entry("4"), _entry("4.1", parent="4")])
    settings = Settings(catalog_dir=tmp_path, data_dir=tmp_path / "data")
    first = load_catalog(settings)
    assert load_catalog(settings) is first
    _write(tmp_path, "c.yaml", [_entry("4"), _entry("4.1", parent="4"), _entry("4.2", parent="4")])
    second = load_catalog(settings)
    assert second is not first and "4.2" in second
    assert second.content_hash != first.content_hash


def test_content_hash_ignores_comments_and_file_split(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    _write(one, "all.yaml", [_entry("4"), _entry("A.2", kind="annex_a_objective")])
    _write(two, "a.yaml", [_entry("A.2", kind="annex_a_objective")], comment="# Annex A\n")
    _write(two, "b.yaml", [_entry("4")])
    assert Catalog.load(one).content_hash == Catalog.load(two).content_hash
    _write(two, "b.yaml", [_entry("4", summary="A different summary of the clause.")])
    assert Catalog.load(one).content_hash != Catalog.load(two).content_hash


# --- validation errors name the file, the entry and the field ------------------------------------------
def _bad(**fields: Any) -> list[dict[str, Any]]:
    base: dict[str, Any] = {"id": "4", "title": "T", "kind": "clause", "summary": "S", "obligations": ["o"]}
    base["evidence"] = ["e"]
    base.update(fields)
    return [{k: v for k, v in base.items() if v is not _DROP}]


_DROP = object()


@pytest.mark.parametrize(
    ("entries", "pattern"),
    [
        (_bad(kind="chapter"), r"entry '4'.*field 'kind'.*'chapter' is not one of"),
        (_bad(evidence=_DROP), r"entry '4'.*field 'evidence'.*missing"),
        (_bad(id="4.1", parent="5"), r"entry '4\.1'.*field 'parent'.*not a prefix"),
        (_bad(id="4.1", parent="4"), r"entry '4\.1'.*field 'parent'.*unknown id '4'"),
        (_bad(related=["A.11.2"]), r"entry '4'.*field 'related'.*unknown id 'A\.11\.2'"),
        (_bad(related=["4"]), r"entry '4'.*field 'related'.*itself"),
        (_bad(id="A.2"), r"entry 'A\.2'.*field 'kind'.*does not fit"),
        (_bad(id=9.2), r"entry '9\.2'.*field 'id'.*quoted"),
        (_bad(id="clause four"), r"entry 'clause four'.*field 'id'"),
        (_bad(obligations="o"), r"field 'obligations'.*list"),
        (_bad(obligations=[]), r"field 'obligations'.*empty"),
        (_bad(title="  "), r"field 'title'.*non-empty"),
        (_bad(obligation=["typo"]), r"field 'obligation'.*unknown field"),
    ],
)
def test_invalid_entries_are_rejected_with_location(
    tmp_path: Path, entries: list[dict[str, Any]], pattern: str
) -> None:
    path = _write(tmp_path, "bad.yaml", entries)
    with pytest.raises(CatalogError, match=pattern) as info:
        Catalog.load(tmp_path)
    assert str(path) in str(info.value)


def test_duplicate_id_across_files_names_both_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", [_entry("4")])
    second = _write(tmp_path, "b.yaml", [_entry("4")])
    with pytest.raises(CatalogError, match=r"entry '4': field 'id': duplicate id") as info:
        Catalog.load(tmp_path)
    assert str(second) in str(info.value) and "a.yaml" in str(info.value)


def test_yaml_syntax_and_shape_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("entries:\n  - id: '4'\n    title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.yaml: invalid YAML"):
        Catalog.load(tmp_path)
    (tmp_path / "broken.yaml").write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.yaml: expected a mapping with an 'entries' list"):
        Catalog.load(tmp_path)
    with pytest.raises(CatalogError, match="catalog directory not found"):
        Catalog.load(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CatalogError, match=r"no \*\.yaml catalog files"):
        Catalog.load(empty)


# --- helpers -------------------------------------------------------------------------------------------
def _entry(entry_id: str, *, kind: str = "clause", parent: str | None = None, summary: str = "") -> dict[str, Any]:
    return {
        "id": entry_id,
        "title": f"Title {entry_id}",
        "kind": kind,
        "parent": parent,
        "summary": summary or f"What entry {entry_id} asks for, in a sentence.",
        "obligations": [f"Obligation of {entry_id} is met."],
        "evidence": [f"Record for {entry_id}"],
        "related": [],
        "keywords": [f"keyword {re.sub(r'[^0-9A-Z]', '', entry_id)}"],
        "suggested_owner": "AI governance lead",
    }


def _write(folder: Path, name: str, entries: list[dict[str, Any]], comment: str = "") -> Path:
    path = folder / name
    path.write_text(comment + yaml.safe_dump({"entries": entries}, sort_keys=False), encoding="utf-8")
    return path


# --- `clausewise clause ID` ----------------------------------------------------------------------------
def _run_clause(argv: list[str], settings: Settings) -> int:
    import argparse

    from assistant.cli import catalog_cmds

    parser = argparse.ArgumentParser(prog="clausewise")
    catalog_cmds.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args, settings)
    return code


def test_clause_command_prints_complete_entries(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    settings = Settings(catalog_dir=CATALOG_DIR, data_dir=tmp_path)
    cat = Catalog.load(CATALOG_DIR)
    for entry_id in ("6.1.4", "A.10.3"):
        assert _run_clause(["clause", entry_id], settings) == 0
        out = capsys.readouterr().out
        entry = cat[entry_id]
        assert out.startswith(f"# {entry.id} {entry.title}\n")
        for section in ("## Summary", "## Obligations", "## Expected evidence", "## Related", "## Keywords"):
            assert section in out
        assert entry.summary in out
        assert all(o in out for o in entry.obligations) and all(e in out for e in entry.evidence)
        # related ids are shown with their titles
        assert all(f"- {r} {cat[r].title}" in out for r in entry.related)
        assert "not evidence of your organization" in out
    assert _run_clause(["clause", "6.1"], settings) == 0
    assert "## Sub-clauses\n\n- 6.1.1 General" in capsys.readouterr().out


def test_clause_command_accepts_loose_ids_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    settings = Settings(catalog_dir=CATALOG_DIR, data_dir=tmp_path)
    assert _run_clause(["clause", "a6.2.4", "--json"], settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "A.6.2.4" and data["parent"] == "A.6.2" and data["parent_title"] == "AI system life cycle"
    assert data["obligations"] and data["evidence"] and set(data["related_titles"]) == set(data["related"])
    assert _run_clause(["clause", "cl.", "8"], settings) == 0
    assert capsys.readouterr().out.startswith("# 8 Operation")


def test_clause_command_unknown_id_exits_2_with_nearest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    settings = Settings(catalog_dir=CATALOG_DIR, data_dir=tmp_path)
    assert _run_clause(["clause", "A.11.2"], settings) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "A.11.2 does not exist in ISO/IEC 42001; did you mean A.10.2, A.10.3, A.10.4?" in captured.err
    assert _run_clause(["clause", "internal", "audit"], settings) == 2
    assert "nearest: 9.2 (Internal audit)" in capsys.readouterr().err


def test_clause_command_reports_a_broken_catalog(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _write(tmp_path, "bad.yaml", [{"id": "4", "title": "T", "kind": "chapter"}])
    assert _run_clause(["clause", "4"], Settings(catalog_dir=tmp_path, data_dir=tmp_path)) == 1
    assert "bad.yaml: entry '4'" in capsys.readouterr().err


def test_clause_command_is_registered() -> None:
    from assistant.cli import COMMAND_MODULES

    assert "assistant.cli.catalog_cmds" in COMMAND_MODULES


def test_relative_catalog_dir_falls_back_to_the_project(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    # A relative catalog_dir absent from the working directory is the checkout's.
    settings = Settings(data_dir=tmp_path / "data", catalog_dir=Path("corpus/standard"))
    assert load_catalog(settings).source == CATALOG_DIR.resolve()
    (tmp_path / "corpus" / "standard").mkdir(parents=True)
    _write(tmp_path / "corpus" / "standard", "own.yaml", [_entry("4")])
    # a folder in the working directory named by the setting wins over the shipped one
    assert load_catalog(settings).ids == ("4",)
    # the default is the shipped catalog wherever the command runs, whatever the working directory holds
    assert load_catalog(Settings(data_dir=tmp_path / "data")).source == CATALOG_DIR.resolve()
    with pytest.raises(CatalogError, match="catalog directory not found"):
        load_catalog(Settings(catalog_dir=Path("no/such/dir"), data_dir=tmp_path))
