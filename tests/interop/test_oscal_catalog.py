"""The OSCAL catalog export parses back through compliance-trestle's OSCAL models."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from trestle.oscal.catalog import Catalog as OscalCatalog

from assistant.catalog import load_catalog
from assistant.oscal import catalog_document, oscal_id
from ingestion.settings import Settings

_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")  # OSCAL token (ASCII subset)


def _walk(controls: list[dict]) -> list[dict]:
    out: list[dict] = []
    for control in controls:
        out.append(control)
        out += _walk(control.get("controls", []))
    return out


def test_oscal_id_mapping() -> None:
    assert oscal_id("A.6.2.4") == "a-6.2.4"
    assert oscal_id("6.1.4") == "c-6.1.4"
    assert oscal_id("4") == "c-4"


def test_catalog_validates_with_trestle_and_keeps_every_entry() -> None:
    catalog = load_catalog(Settings())
    doc = catalog_document(catalog)
    parsed = OscalCatalog.model_validate(doc["catalog"])
    assert parsed.model_dump(mode="json", by_alias=True)["metadata"]["oscal-version"].startswith("1.1.")
    controls = _walk(doc["catalog"]["controls"])
    ids = [c["id"] for c in controls]
    assert len(ids) == len(set(ids)) == len(catalog)
    assert all(_TOKEN.match(i) for i in ids)
    labels = {p["value"] for c in controls for p in c["props"] if p["name"] == "label"}
    assert labels == set(catalog.ids)
    # our own summary is the guidance prose
    entry = catalog["A.6.2.4"]
    a624 = next(c for c in controls if c["id"] == "a-6.2.4")
    assert a624["parts"][0]["prose"] == entry.summary


def test_cli_export_writes_file(tmp_path: Path) -> None:
    out = tmp_path / "cat.json"
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "export", "oscal-catalog", "--out", str(out)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    OscalCatalog.model_validate(json.loads(out.read_text())["catalog"])
    bad = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "export", "oscal-catalog", "--out", str(tmp_path / "no" / "x.json")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert bad.returncode == 1 and "x.json" in bad.stderr
