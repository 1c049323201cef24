"""Crosswalks end to end: refs, the service's views and derived coverage, the CLI, the HTTP routes and questions.

Real parts: the sample corpus ingested once (tests/conftest.py), the real model, real Chroma, FastAPI's
TestClient over the real app, the ``clausewise`` entry point in-process.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assistant.crosswalk import VERDICT_RANK, UnknownRefError, find_refs, parse_ref
from assistant.intent import route
from assistant.models import Asker
from ingestion.settings import CLASSIFICATION_ORDER, Settings

ROLES = ("staff", "compliance", "auditor")


# --- references (no index) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "framework", "ref"),
    [
        ("GOVERN 1.1", "nist-ai-rmf", "GOVERN 1.1"),
        ("GV-1.1", "nist-ai-rmf", "GOVERN 1.1"),
        ("govern 1.1", "nist-ai-rmf", "GOVERN 1.1"),
        ("NIST MS 2.11", "nist-ai-rmf", "MEASURE 2.11"),
        ("Art. 9", "eu-ai-act", "Art. 9"),
        ("Article 9", "eu-ai-act", "Art. 9"),
        ("art 9(2)", "eu-ai-act", "Art. 9"),
        ("Article 27 of the AI Act", "eu-ai-act", "Art. 27"),
    ],
)
def test_parse_ref_spellings(text: str, framework: str, ref: str) -> None:
    parsed = parse_ref(text)
    assert parsed is not None and (parsed.framework, parsed.id) == (framework, ref)


def test_parse_ref_leaves_42001_ids_and_prose_alone() -> None:
    assert parse_ref("A.6.2.4") is None and parse_ref("6.1.2") is None and parse_ref("risk assessment") is None
    assert parse_ref("art 9(2)").paragraph == 2  # type: ignore[union-attr]


def test_find_refs_in_questions() -> None:
    """Framework ids in questions; a lower-case function word counts only when NIST / AI RMF is named."""
    assert [r.id for r in find_refs("are we covered for NIST govern 1.1 and Article 9?")] == ["GOVERN 1.1", "Art. 9"]
    assert find_refs("how do we map 6.1 to our risks?") == []
    assert find_refs("what does article 6.1.2 require?") == []  # a 42001 id after the word
    assert find_refs("we use state of the art 3 stage models") == []
    assert [r.id for r in find_refs("what does art 5 of the AI Act ban?")] == ["Art. 5"]
    assert [r.id for r in find_refs("are we ok on art. 73?")] == ["Art. 73"]
    assert [r.id for r in find_refs("status of GV-3.2")] == ["GOVERN 3.2"]
    assert route("what does Article 9 need from us?") == "crosswalk"
    assert route("what does clause 6.1.2 ask?") == "interpretation"


# --- the service --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(ingested_settings: Settings) -> Any:
    from assistant.service import ClausewiseService

    return ClausewiseService.from_settings(ingested_settings, audit=None)


@pytest.fixture(scope="module")
def gap_items(service: Any) -> dict[str, dict[str, Any]]:
    """role → 42001 id → gap item, from the ordinary gap report (what every derived verdict must agree with)."""
    return {role: {i.id: i for i in service.gaps("all", Asker(role=role)).items} for role in ROLES}


def _weakest(statuses: list[str]) -> str:
    return min(statuses, key=lambda s: VERDICT_RANK[s])


@pytest.mark.parametrize("ref", ["GOVERN 1.1", "MEASURE 2.7", "Art. 9", "Art. 12", "Art. 73"])
def test_framework_ref_coverage_is_the_weakest_mapped_verdict(service: Any, gap_items: Any, ref: str) -> None:
    for role in ("staff", "auditor"):
        view = service.crosswalk(ref, Asker(role=role))
        mapped = [m.id for m in view.mapped]
        assert mapped and [v.id for v in view.verdicts] == list(dict.fromkeys(mapped))
        for v in view.verdicts:  # the same verdicts as the gap report for that role
            assert v.status == gap_items[role][v.id].status, (ref, role, v.id)
        assert view.coverage == _weakest([v.status for v in view.verdicts])
        assert all(m.rationale.strip() for m in view.mapped)


def test_eu_rationales_cite_the_article_and_42001_ref_maps_back(service: Any) -> None:
    view = service.crosswalk("Article 26", Asker(role="auditor"))
    assert view.ref == "Art. 26" and view.framework == "eu-ai-act" and view.title
    assert all("Art. 26" in m.rationale for m in view.mapped)
    back = service.crosswalk("a6.2.8", Asker(role="auditor"))
    assert back.framework == "iso-42001" and back.ref == "A.6.2.8"
    assert {"Art. 12", "Art. 19", "Art. 26"} <= {m.id for m in back.mapped if m.framework == "eu-ai-act"}
    assert any(m.framework == "nist-ai-rmf" for m in back.mapped)
    assert back.coverage == back.verdicts[0].status
    group = service.crosswalk("6.1", Asker(role="auditor"))  # sub-ids count, each framework entry once
    ids = [(m.framework, m.id) for m in group.mapped]
    assert len(ids) == len(set(ids)) and all(m.via for m in group.mapped)


def test_staff_never_sees_evidence_above_its_clearance(service: Any, ingested_settings: Settings) -> None:
    allowed = set(ingested_settings.clearance_for("staff"))
    assert set(CLASSIFICATION_ORDER) - allowed, "the staff role must be below some level for this test to mean much"
    for ref in ("Art. 17", "GOVERN 1.2", "A.6.2.6"):
        view = service.crosswalk(ref, Asker(role="staff"))
        assert all(c.classification in allowed for v in view.verdicts for c in v.citations), ref


def test_unknown_refs_name_the_nearest(service: Any) -> None:
    with pytest.raises(UnknownRefError) as nist:
        service.crosswalk("GOVERN 1.9", Asker())
    assert "GOVERN 1.7" in nist.value.suggestions
    with pytest.raises(UnknownRefError) as eu:
        service.crosswalk("Art. 5", Asker())
    assert "Art. 4" in eu.value.suggestions and "not in the crosswalk" in str(eu.value)
    with pytest.raises(UnknownRefError) as iso:
        service.crosswalk("A.6.2.9", Asker())
    assert "A.6.2.8" in iso.value.suggestions


@pytest.mark.parametrize("framework", ["nist-ai-rmf", "eu-ai-act"])
def test_framework_coverage_derives_every_item(service: Any, gap_items: Any, framework: str) -> None:
    coverage = service.framework_coverage(framework, Asker(role="compliance"))
    items = gap_items["compliance"]
    assert coverage.items and sum(coverage.counts.values()) == len(coverage.items)
    for item in coverage.items:
        assert all(m.status == items[m.id].status for m in item.mapped)
        assert item.status == _weakest([m.status for m in item.mapped])
        assert item.weakest and all(items[i].status == item.status for i in item.weakest)
    if framework == "nist-ai-rmf":
        assert len(coverage.items) == 72
    with pytest.raises(ValueError, match="framework"):
        service.framework_coverage("iso-27001", Asker())


# --- questions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "ref"),
    [("are we covered for NIST GOVERN 1.1?", "GOVERN 1.1"), ("what does Article 9 need from us?", "Art. 9")],
)
def test_questions_are_answered_through_the_crosswalk(service: Any, question: str, ref: str) -> None:
    asker = Asker(role="compliance")
    answer = service.ask(question, asker)
    view = service.crosswalk(ref, asker)
    assert answer.intent == "crosswalk"
    assert answer.verdict == view.coverage
    assert set(answer.clauses) == {v.id for v in view.verdicts}
    assert ref in answer.answer and all(m.id in answer.answer for m in view.mapped)
    assert answer.citations, "the 42001 evidence is cited"
    chunks = service.retriever.get_chunks([c.chunk_id for c in answer.citations], service.clearance(asker))
    for c in answer.citations:  # verbatim quotes of stored chunks, each marked in the text
        assert c.quote in chunks[c.chunk_id].text and f"[{c.n}]" in answer.answer


def test_question_about_an_unmapped_article_abstains(service: Any) -> None:
    answer = service.ask("what does Article 5 require from us?", Asker(role="staff"))
    assert answer.intent == "crosswalk" and answer.abstained and not answer.citations
    assert "Art. 4" in answer.answer  # the nearest mapped articles are named


# --- CLI -----------------------------------------------------------------------------------------------------


@pytest.fixture()
def cli(ingested_settings: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:  # fmt: skip
    """Run the ``clausewise`` entry point in-process against the ingested data dir."""
    from assistant.cli import main

    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(ingested_settings.data_dir))
    monkeypatch.setenv("CLAUSEWISE_CATALOG_DIR", str(ingested_settings.catalog_dir))

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_cli_crosswalk_text_json_and_unknown(cli: Callable[..., tuple[int, str, str]], service: Any) -> None:
    code, out, _ = cli("crosswalk", "GOVERN 1.1", "--role", "staff")
    view = service.crosswalk("GOVERN 1.1", Asker(role="staff"))
    assert code == 0 and f"Derived coverage: {view.coverage}" in out and all(m.id in out for m in view.mapped)
    code, out, _ = cli("crosswalk", "Art.", "9", "--format", "json", "--role", "staff")
    data = json.loads(out)
    assert code == 0 and data["ref"] == "Art. 9" and data["coverage"] == service.crosswalk(
        "Art. 9", Asker(role="staff")).coverage  # fmt: skip
    code, out, _ = cli("crosswalk", "A.6.2.4", "--mapping-only", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["coverage"] is None and data["verdicts"] == [] and data["warnings"] == []
    assert {"GOVERN 4.3", "Art. 15"} <= {m["id"] for m in data["mapped"]}
    code, _, err = cli("crosswalk", "MAP 9.9")
    assert code == 2 and "nearest: MAP 5.2" in err


@pytest.mark.slow  # runs in CI (make test with CI set); one of the slowest locally
def test_cli_gaps_framework(cli: Callable[..., tuple[int, str, str]], service: Any, tmp_path: Any) -> None:
    out_file = tmp_path / "eu.json"
    code, _, _ = cli("gaps", "--framework", "eu-ai-act", "--format", "json", "--role", "staff", "--out", str(out_file))
    data = json.loads(out_file.read_text(encoding="utf-8"))
    expected = service.framework_coverage("eu-ai-act", Asker(role="staff"))
    assert code == 0 and [(i["ref"], i["status"]) for i in data["items"]] == [
        (i.ref, i.status) for i in expected.items]  # fmt: skip
    code, out, _ = cli("gaps", "--framework", "nist-ai-rmf", "--format", "md")
    assert code == 0 and "| GOVERN 1.1 " in out and "weakest verdict" in out
    code, out, _ = cli("gaps", "--framework", "nist-ai-rmf", "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 1 + 280
    code, _, err = cli("gaps", "--framework", "eu-ai-act", "--format", "oscal")
    assert code == 2 and "oscal" in err


def test_cli_help_text(capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import main

    for command, example in (("crosswalk", 'clausewise crosswalk "GOVERN 1.1"'),
                             ("gaps", "clausewise gaps --framework nist-ai-rmf")):  # fmt: skip
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        assert example in capsys.readouterr().out


# --- HTTP ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def http(clone_ingested: Callable[..., Settings]) -> Iterator[tuple[Any, dict[str, dict[str, str]]]]:
    from fastapi.testclient import TestClient

    from assistant.auth import create_key
    from assistant.service import ClausewiseService
    from server import create_app

    settings = clone_ingested("crosswalk-http")
    svc = ClausewiseService.from_settings(settings)
    keys = {r: {"Authorization": f"Bearer {create_key(settings, f'{r}-key', r)}"} for r in ROLES}
    with TestClient(create_app(settings, svc)) as client:
        yield client, keys


def test_http_crosswalk(http: Any, service: Any) -> None:
    client, keys = http
    assert client.get("/v1/crosswalk", params={"ref": "GOVERN 1.1"}).status_code == 401
    for role in ("staff", "auditor"):
        r = client.get("/v1/crosswalk", params={"ref": "govern 1.1"}, headers=keys[role])
        assert r.status_code == 200, r.text
        body = r.json()
        expected = service.crosswalk("GOVERN 1.1", Asker(role=role))
        assert body["ref"] == "GOVERN 1.1" and body["coverage"] == expected.coverage
        assert [v["status"] for v in body["verdicts"]] == [v.status for v in expected.verdicts]
    allowed = set(service.settings.clearance_for("staff"))
    body = client.get("/v1/crosswalk", params={"ref": "Art. 17"}, headers=keys["staff"]).json()
    assert all(c["classification"] in allowed for v in body["verdicts"] for c in v["citations"])
    missing = client.get("/v1/crosswalk", params={"ref": "GOVERN 1.9"}, headers=keys["staff"])
    assert missing.status_code == 404 and "GOVERN 1.7" in missing.json()["suggestions"]
    assert client.get("/v1/crosswalk", params={"ref": " "}, headers=keys["staff"]).status_code == 422


@pytest.mark.slow
def test_http_framework_coverage_and_oscal(http: Any, service: Any) -> None:
    client, keys = http
    r = client.get("/v1/frameworks/eu-ai-act/coverage", headers=keys["compliance"])
    assert r.status_code == 200, r.text
    expected = service.framework_coverage("eu-ai-act", Asker(role="compliance"))
    assert [(i["ref"], i["status"]) for i in r.json()["items"]] == [(i.ref, i.status) for i in expected.items]
    csv_r = client.get("/v1/frameworks/nist-ai-rmf/coverage", params={"format": "csv"}, headers=keys["staff"])
    assert csv_r.status_code == 200 and csv_r.headers["content-type"].startswith("text/csv")
    assert len(csv_r.text.strip().splitlines()) == 1 + 280
    assert client.get("/v1/frameworks/iso-27001/coverage", headers=keys["staff"]).status_code == 422
    oscal = client.get("/v1/gaps", params={"format": "oscal", "scope": "A.6"}, headers=keys["auditor"])
    assert oscal.status_code == 200, oscal.text
    assert oscal.headers["content-type"].startswith("application/oscal+json")
    results = oscal.json()["assessment-results"]
    findings = results["results"][0]["findings"]
    report = service.gaps("A.6", Asker(role="auditor"))
    assert len(findings) == len(report.items)
