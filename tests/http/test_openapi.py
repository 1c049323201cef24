"""The OpenAPI document tells the truth: every answer a probe gets is documented for its route, status and type."""

from __future__ import annotations

import re
from typing import Any

import pytest
from api_rig import Api

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _operation(spec: dict[str, Any], method: str, url: str) -> tuple[str, dict[str, Any]]:
    """The documented operation a request path falls under (path templates matched like the router)."""
    path = url.split("?", 1)[0]
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^?]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    raise AssertionError(f"{method} {path} is not documented")


@pytest.fixture(scope="module")
def spec(api: Api) -> dict[str, Any]:
    return dict(api.client.get("/openapi.json").json())


def test_every_v1_route_documents_its_errors_and_downloads(spec: dict[str, Any]) -> None:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            if path.startswith("/v1/"):
                assert {"401", "503"} <= codes, (method, path, codes)
                assert op["responses"]["401"]["headers"]["WWW-Authenticate"], (method, path)
                error = op["responses"]["401"]["content"]["application/json"]["schema"]
                assert error == {"$ref": "#/components/schemas/ErrorResponse"}, (method, path)
    upload = spec["paths"]["/v1/documents"]["post"]["responses"]
    assert {"201", "400", "401", "403", "409", "413", "415", "422"} <= set(upload)
    assert {"401", "403", "404"} <= set(spec["paths"]["/v1/documents/{doc_id}"]["delete"]["responses"])

    def media(path: str, method: str) -> set[str]:
        return set(spec["paths"][path][method]["responses"]["200"]["content"])

    assert media("/v1/gaps", "get") == {"application/json", "text/csv", "text/markdown", "application/oscal+json"}
    assert media("/v1/checklists", "post") == {"application/json", "text/csv", "text/markdown", XLSX}
    assert media("/v1/policy-drafts", "post") == {"application/json", "text/markdown"}
    # The JSON variants are described, not left as an empty schema.
    assert spec["paths"]["/v1/gaps"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/GapReport"}
    target = spec["components"]["schemas"]["TargetRequest"]
    assert target["anyOf"], "the 'ids or topic' rule is part of the schema"


def test_probed_answers_are_documented(api: Api, spec: dict[str, Any]) -> None:
    """Every error class the service produces, each checked against the document (status and media type)."""
    sc, co = api.headers("staff"), api.headers("compliance")
    probes: list[tuple[str, str, dict[str, Any], int]] = [
        ("POST", "/v1/ask", {"json": {"question": "x"}}, 401),
        ("POST", "/v1/ask", {"content": b"\xff\xfe{", "headers": {**sc, "Content-Type": "application/json"}}, 400),
        ("POST", "/v1/ask", {"json": {"question": " \t "}, "headers": sc}, 422),
        ("POST", "/v1/ask", {"json": {"question": "ok?", "doc_types": ["memo"]}, "headers": sc}, 400),
        ("POST", "/v1/ask", {"json": {}, "headers": sc}, 422),
        ("GET", "/v1/clauses?scope=nope", {"headers": sc}, 404),
        ("GET", "/v1/clauses/Z.9", {"headers": sc}, 404),
        ("POST", "/v1/gaps", {"json": {"scope": "nope"}, "headers": sc}, 404),
        ("GET", "/v1/gaps?scope=nope", {"headers": sc}, 404),
        ("GET", "/v1/gaps?scope=A.6&format=csv", {"headers": sc}, 200),
        ("GET", "/v1/gaps?scope=A.6&format=md", {"headers": sc}, 200),
        ("GET", "/v1/gaps?scope=A.6&format=pdf", {"headers": sc}, 422),
        ("POST", "/v1/checklists", {"json": {}, "headers": sc}, 422),
        ("POST", "/v1/checklists", {"json": {"ids": ["Z.9.9"]}, "headers": sc}, 404),
        ("POST", "/v1/checklists?format=xlsx", {"json": {"ids": ["A.6.2.4"]}, "headers": sc}, 200),
        ("POST", "/v1/checklists?format=csv", {"json": {"ids": ["A.6.2.4"]}, "headers": sc}, 200),
        ("POST", "/v1/policy-drafts?format=md", {"json": {"topic": "AI impact assessment"}, "headers": sc}, 200),
        ("POST", "/v1/feedback", {"json": {"interaction_id": "nope", "helpful": True}, "headers": sc}, 404),
        ("GET", "/v1/documents", {"headers": {"Authorization": "Bearer nope"}}, 401),
        ("POST", "/v1/documents", {"files": {"file": ("a.md", b"# a\n\ntext")}, "headers": sc}, 403),
        ("POST", "/v1/documents", {"files": {"file": ("a.exe", b"MZ")}, "headers": co}, 415),
        ("POST", "/v1/documents", {"files": {"file": ("a.md", b"")}, "headers": co}, 400),
        ("POST", "/v1/documents", {"files": {"file": ("a.pdf", b"%PDF-1.4 nope")}, "headers": co}, 422),
        ("POST", "/v1/documents", {"headers": co}, 422),
        ("POST", "/v1/documents",
         {"files": {"file": ("big.md", b"a" * int(api.settings.max_upload_mb * 1024 * 1024 + 1))}, "headers": co},
         413),
        ("DELETE", "/v1/documents/org/nope.md", {"headers": co}, 404),
        ("DELETE", "/v1/documents/org/policies/ai_policy.md", {"headers": sc}, 403),
    ]
    for method, url, kwargs, expected in probes:
        r = api.client.request(method, url, **kwargs)
        assert r.status_code == expected, (method, url, r.status_code, r.text[:300])
        template, op = _operation(spec, method, url)
        documented = op["responses"].get(str(r.status_code))
        assert documented is not None, f"{method} {template}: {r.status_code} is not documented"
        media = r.headers["content-type"].split(";")[0].strip()
        assert media in documented.get("content", {}), f"{method} {template} {r.status_code}: {media} undocumented"


def test_405_lists_every_method_of_the_path(api: Api) -> None:
    for path, methods in (("/v1/gaps", {"GET", "POST"}), ("/v1/documents", {"GET", "POST"})):
        r = api.client.put(path, headers=api.headers("staff"))
        assert r.status_code == 405
        assert {m.strip() for m in r.headers["allow"].split(",")} == methods
