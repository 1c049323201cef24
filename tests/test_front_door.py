"""The front door: the CLI from any directory, the installed wheel, empty settings, help texts, progress."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingestion.settings import Settings

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: What a wheel must carry besides code: the top-level folders the project keeps at the checkout's root.
SHIPPED = {"prompts": "ingestion/_data/prompts", "corpus/standard": "ingestion/_data/standard"}


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh shell: no CLAUSEWISE_* settings, offline, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSEWISE_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               TOKENIZERS_PARALLELISM="false")  # fmt: skip
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """The installed ``clausewise`` console script, as a user types it."""
    return subprocess.run(
        [str(BIN / "clausewise"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


# --- 13: any directory, package data, empty settings ------------------------------------------------


def test_cli_works_outside_the_checkout(tmp_path: Path, clone_ingested: Callable[..., Settings]) -> None:
    settings = clone_ingested("front-door-cwd")
    env = clean_env(CLAUSEWISE_DATA_DIR=str(settings.data_dir))
    clause = run_cli("clause", "6.1.4", cwd=tmp_path, env=env)
    assert clause.returncode == 0, clause.stderr
    assert clause.stdout.startswith("# 6.1.4 AI system impact assessment")

    # Before the fix: "prompts directory prompts does not exist (setting CLAUSEWISE_PROMPTS_DIR)".
    ask = run_cli("ask", "How often is the AI policy reviewed?", "--json", cwd=tmp_path, env=env)
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout)
    assert answer["answer"] and answer["citations"]
    assert "org/policies/ai_policy.md" in {c["doc_id"] for c in answer["citations"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing is written into the working directory"


def test_empty_settings_mean_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("DATA_DIR", "CATALOG_DIR", "PROMPTS_DIR"):
        monkeypatch.setenv(f"CLAUSEWISE_{name}", "")
    settings = Settings()
    assert settings.data_dir == Path(".clausewise")
    assert settings.catalog_dir == REPO / "corpus" / "standard"
    assert settings.prompts_dir == REPO / "prompts"
    assert Settings(data_dir="", prompts_dir=" ").prompts_dir == REPO / "prompts"

    # Before the fix, `CLAUSEWISE_DATA_DIR= clausewise status` created chroma/ and manifest.sqlite3 here.
    assert main(["status", "--json"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".clausewise"]
    assert (tmp_path / ".clausewise" / "manifest.sqlite3").is_file()


def _copy_sources(target: Path) -> Path:
    """The files a wheel is built from (code, pyproject, README, the shipped folders), copied out of the tree."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in ("assistant", "ingestion", "prompts", "corpus/standard"):
        shutil.copytree(REPO / folder, target / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md", "server.py"):
        shutil.copy2(REPO / name, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A wheel built from a copy of the sources (offline: the venv's setuptools), and the build output."""
    work = tmp_path_factory.mktemp("wheel")
    src = _copy_sources(work / "src")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(src)],
        capture_output=True, text=True, timeout=300, env=clean_env(PIP_NO_INPUT="1"),
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = (work / "dist").glob("clausewise-*.whl")
    yield path, built.stdout + built.stderr


def test_wheel_ships_prompts_catalog_and_every_package(wheel: tuple[Path, str]) -> None:
    path, output = wheel
    assert "warning" not in output.lower(), output  # e.g. "`project.license` as a TOML table is deprecated"
    names = set(zipfile.ZipFile(path).namelist())
    for folder, inside in SHIPPED.items():
        shipped = sorted(p.name for p in (REPO / folder).iterdir() if p.is_file())
        assert shipped, folder
        missing = [n for n in shipped if f"{inside}/{n}" not in names]
        assert not missing, f"{folder}: not in the wheel: {missing}"
    # Every module and data file of the packages, so that a new subpackage or data folder is not left out.
    sources = sorted(
        p.relative_to(REPO).as_posix()
        for top in ("assistant", "ingestion")
        for p in (REPO / top).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert [p for p in sources if p not in names] == [], "add them to pyproject `packages` / `package-data`"
    metadata = zipfile.ZipFile(path).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: Apache-2.0" in metadata


def test_installed_wheel_runs_from_another_directory(wheel: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = wheel
    site = tmp_path / "site"
    zipfile.ZipFile(path).extractall(site)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    # PYTHONPATH comes before the editable install's finder: the code and data below are the wheel's.
    env = clean_env(PYTHONPATH=str(site))
    probe = (
        "import assistant, json; from ingestion.settings import Settings; from assistant.prompts import PromptSet;"
        "from assistant.catalog import load_catalog; s = Settings(); PromptSet.load(s.prompts_dir);"
        "print(json.dumps([assistant.__file__, str(s.prompts_dir), str(s.catalog_dir), len(load_catalog(s))]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    module, prompts, catalog, entries = json.loads(out.stdout)
    assert Path(module).is_relative_to(site)
    assert Path(prompts) == site / SHIPPED["prompts"] and Path(catalog) == site / SHIPPED["corpus/standard"]
    from assistant.catalog import load_catalog

    assert entries == len(load_catalog(Settings())) > 0
    clause = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "clause", "A.6.2.4"], cwd=cwd, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert clause.returncode == 0, clause.stderr
    assert clause.stdout.startswith("# A.6.2.4")
