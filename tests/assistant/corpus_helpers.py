"""A small invented corpus ingested for one test module: settings with the shipped catalog and prompts."""

from __future__ import annotations

from pathlib import Path

from ingestion.pipeline import ingest
from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def ingest_corpus(root: Path, data_dir: Path) -> Settings:
    """Ingest everything under ``root`` into ``data_dir`` (extractive, no API keys); every file must load."""
    settings = Settings(
        data_dir=data_dir,
        catalog_dir=REPO_ROOT / "corpus" / "standard",
        prompts_dir=REPO_ROOT / "prompts",
        answerer="extractive",
        api_keys=[],
    )
    report = ingest([root], settings)
    assert report.ok, [str(f) for f in report.failed]
    return settings


#: One-line documents of the rest of a governance corpus: with them a supplier's or system's name is a name,
#: because few passages carry it (``named_entities`` ignores a term in most chunks).
FILLER_DOCS = {
    "model_monitoring": "Drift is measured every week against the training baseline by the Analytics Lead.",
    "incident_response": "An AI incident is reported to the Operations Board within 24 hours of detection.",
    "staff_training": "Every dispatcher completes the AI awareness course before using a model.",
    "impact_assessment": "An impact assessment is completed before a model affects customers.",
    "data_retention": "Training data is kept for 24 months and then deleted by the Data Steward.",
    "ai_policy": "The AI policy is approved by the Operations Board and reviewed every year.",
}


def write_filler_docs(root: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Write :data:`FILLER_DOCS` under ``root`` as internal procedures (Markdown with front matter), less ``skip``."""
    for name, line in FILLER_DOCS.items():
        if name in skip:
            continue
        title = name.replace("_", " ").title()
        (root / f"{name}.md").write_text(
            f"---\ntitle: {title}\ndoc_type: procedure\nclassification: internal\n---\n# {title}\n\n{line}\n",
            encoding="utf-8",
        )
