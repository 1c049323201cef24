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


# --- 14: an empty or wrong index is an error, not a verdict -----------------------------------------


EMPTY = "no documents are indexed in {} — run `clausewise ingest PATH`"


@pytest.fixture(scope="module")
def empty_service(tmp_path_factory: pytest.TempPathFactory) -> object:
    """A service over a data dir nothing was ingested into."""
    from assistant.service import ClausewiseService

    settings = Settings(data_dir=tmp_path_factory.mktemp("empty") / "data", api_keys=[], answerer="extractive")
    return ClausewiseService.from_settings(settings)


def test_empty_index_is_an_error_in_the_service_and_the_api(empty_service: object) -> None:
    from fastapi.testclient import TestClient

    from assistant.auth import create_key
    from assistant.models import Asker
    from assistant.service import ClausewiseService, IndexEmptyError
    from server import create_app

    svc = empty_service
    assert isinstance(svc, ClausewiseService)
    message = EMPTY.format(svc.settings.data_dir.resolve())
    asker = Asker(role="auditor", channel="cli")
    for call in (lambda: svc.ask("How often is the AI policy reviewed?", asker), lambda: svc.gaps("all", asker),
                 lambda: svc.checklist("A.6.2.6", asker)):  # fmt: skip
        with pytest.raises(IndexEmptyError) as caught:
            call()  # before: an abstention, "0 covered · 92 missing", a checklist of "missing"
        assert str(caught.value) == message
    with pytest.raises(ValueError, match="must not be empty"):  # bad input is still a 400, not a 503
        svc.ask("  ", asker)

    key = create_key(svc.settings, "auditor-key", "auditor")
    with TestClient(create_app(svc.settings, svc)) as client:
        headers = {"Authorization": f"Bearer {key}"}
        for method, path, body in (("POST", "/v1/ask", {"question": "How often is the AI policy reviewed?"}),
                                   ("POST", "/v1/gaps", {"scope": "all"}), ("GET", "/v1/gaps?format=md", None),
                                   ("POST", "/v1/checklists", {"ids": ["A.6.2.6"]})):  # fmt: skip
            response = client.request(method, path, json=body, headers=headers)
            assert (response.status_code, response.json()) == (503, {"detail": message}), path
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"] == {"model": True, "store": True, "catalog": True, "index": False}
        assert ready.json()["index"] == {"documents": 0, "chunks": 0, "reason": message}


def test_empty_index_in_the_cli(empty_service: object, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from assistant.cli import main
    from assistant.service import ClausewiseService

    assert isinstance(empty_service, ClausewiseService)
    data_dir = empty_service.settings.data_dir
    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(data_dir))
    message = EMPTY.format(data_dir.resolve())
    for argv in (["ask", "How often is the AI policy reviewed?"], ["gaps"], ["checklist", "A.6.2.6"],
                 ["clause", "6.1.4", "--evidence"]):  # fmt: skip
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        assert message in captured.err and "missing" not in captured.out, argv
    assert main(["clause", "6.1.4"]) == 0  # the catalog itself needs no index


def test_a_wrong_index_is_named(clone_ingested: Callable[..., Settings]) -> None:
    """A manifest with documents over a vector store without chunks (another collection or Chroma server)."""
    from assistant.models import Asker
    from assistant.service import ClausewiseService, IndexEmptyError

    settings = clone_ingested("front-door-wrong", chunk_collection="not_the_ingested_one")
    svc = ClausewiseService.from_settings(settings)
    with pytest.raises(IndexEmptyError, match="the vector store holds no chunks") as caught:
        svc.ask("How often is the AI policy reviewed?", Asker(role="staff", channel="cli"))
    assert str(caught.value).startswith(f"no documents are indexed in {settings.data_dir.resolve()} — ")
    assert "run `clausewise ingest PATH`" in str(caught.value)


def test_last_ingest_failures_in_status_readyz_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from fastapi.testclient import TestClient

    from assistant.cli import main
    from assistant.models import Asker
    from assistant.service import ClausewiseService
    from ingestion.pipeline import ingest
    from server import create_app

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ai_policy.md").write_text(
        "---\nclassification: internal\n---\n# AI policy\n\nThe AI policy is reviewed every 12 months by the "
        "AI governance board.\n", encoding="utf-8")  # fmt: skip
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    settings = Settings(data_dir=tmp_path / "data", api_keys=[], answerer="extractive")
    report = ingest([docs], settings)
    assert [f.path.rsplit("/", 1)[-1] for f in report.failed] == ["broken.pdf"]

    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(settings.data_dir))
    assert main(["status", "--json"]) == 0
    last = json.loads(capsys.readouterr().out)["last_ingest"]
    assert [Path(f["path"]).name for f in last["failed"]] == ["broken.pdf"] and last["failed"][0]["error"]
    assert last["documents"] == 1 and last["new"] == 1
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "Failed in the last ingest" in out and "broken.pdf" in out

    svc = ClausewiseService.from_settings(settings)
    answer = svc.ask("How often is the AI policy reviewed?", Asker(role="staff", channel="cli"))
    assert answer.citations
    assert any(w.startswith("the last ingest failed for 1 file(s)") for w in answer.warnings), answer.warnings
    with TestClient(create_app(settings, svc)) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["index"] is True
    index = ready.json()["index"]
    assert index["documents"] == 1 and index["last_ingest"]["failed"] == 1
    assert [Path(p).name for p in index["last_ingest"]["failed_files"]] == ["broken.pdf"]

    # A clean ingest clears the warning.
    (docs / "broken.pdf").unlink()
    assert ingest([docs], settings).ok
    answer = svc.ask("How often is the AI policy reviewed?", Asker(role="staff", channel="cli"))
    assert not any("last ingest failed" in w for w in answer.warnings)


# --- 15: make run HOST/PORT, runtime-only install, README -------------------------------------------


def _make_dry_run(target: str, *variables: str) -> str:
    # -B: every target out of date, so the install recipes are printed too; -n: nothing is run.
    done = subprocess.run(["make", "-n", "-B", target, *variables], cwd=REPO, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_run_uses_host_and_port_and_installs_runtime_only() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    run = _make_dry_run("run", "HOST=0.0.0.0", "PORT=9123")
    assert "clausewise serve --host 0.0.0.0 --port 9123" in run
    assert "pip install -q -e ." in run and "[dev]" not in run
    assert "clausewise serve --host 127.0.0.1 --port 8000" in _make_dry_run("run")
    assert "pip install -q -e '.[dev]'" in _make_dry_run("test")


def test_readme_front_door() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make run HOST=" in readme and "PORT=" in readme
    assert "clausewise keys create --name" in readme and "--role staff|compliance|auditor" in readme
    export, curl = readme.find("export KEY="), readme.find("curl -s http://127.0.0.1:8000/v1/ask")
    assert 0 <= export < curl, "the key is exported before the curl that uses it"


# --- 16: progress, Slack settings, help texts -------------------------------------------------------


def _write_corpus(root: Path, files: int, paragraphs: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    words = ["risk", "assessment", "impact", "model", "data", "review", "owner", "control", "evidence", "monitor"]
    for n in range(files):
        body = "\n\n".join(
            f"## Section {p}\n\n" + " ".join(words[(n + p + i) % len(words)] for i in range(120)) + "."
            for p in range(paragraphs)
        )
        (root / f"doc_{n}.md").write_text(f"---\nclassification: internal\n---\n# Document {n}\n\n{body}\n",
                                          encoding="utf-8")  # fmt: skip
    return root


def test_progress_advances_per_file_and_within_an_embedding_round(tmp_path: Path) -> None:
    from ingestion.pipeline import ProgressEvent, ingest

    corpus = _write_corpus(tmp_path / "corpus", files=5, paragraphs=12)
    # 4-text embedding batches: a round of up to 128 chunks is embedded (and reported) 4 texts at a time.
    settings = Settings(data_dir=tmp_path / "data", embedding_batch_size=4, api_keys=[])
    events: list[ProgressEvent] = []
    report = ingest([corpus], settings, progress=events.append)
    assert report.ok and report.chunks_written > 16
    reads = sorted({e.files_read for e in events})
    assert reads == list(range(0, 6)) or reads == list(range(1, 6)), reads  # each file moves the bar
    embedded = sorted({e.chunks_embedded for e in events})
    assert len(embedded) > report.chunks_written // 8, embedded  # many steps within one round
    assert embedded[-1] == report.chunks_written == events[-1].chunks_total


@pytest.mark.slow
def test_progress_lines_without_a_terminal(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus", files=3, paragraphs=4)
    env = clean_env(CLAUSEWISE_DATA_DIR=str(tmp_path / "data"))
    done = run_cli("ingest", str(corpus), "--progress-every", "0.5", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("ingest: ")]
    assert len(lines) >= 3, done.stderr  # the model load alone takes seconds: lines keep coming meanwhile
    assert "Ingest summary" in done.stdout and "\x1b[" not in done.stderr
    assert any(" files read, " in line for line in lines)
    assert run_cli("ingest", str(corpus), "--quiet", cwd=tmp_path, env=env).stderr.count("ingest: ") == 0


@pytest.mark.slow
def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import pty

    corpus = _write_corpus(tmp_path / "corpus", files=3, paragraphs=4)
    env = clean_env(CLAUSEWISE_DATA_DIR=str(tmp_path / "data"), COLUMNS="120", TERM="xterm")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(BIN / "clausewise"), "ingest", str(corpus)], cwd=tmp_path, env=env,
                            stdout=follower, stderr=subprocess.PIPE, text=False)  # fmt: skip
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        output += chunk
    proc.wait(timeout=180)
    os.close(leader)
    text = output.decode("utf-8", "replace")
    assert proc.returncode == 0, text
    assert "read" in text and "embedded" in text and "3/3" in text, text[-2000:]
    assert "Ingest summary" in text


def test_slack_without_tokens_names_every_missing_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from assistant.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "APP_TOKEN", "SIGNING_SECRET"):
        monkeypatch.delenv(f"CLAUSEWISE_SLACK_{name}", raising=False)
    assert main(["slack", "--socket"]) == 2
    err = capsys.readouterr().err
    assert "CLAUSEWISE_SLACK_BOT_TOKEN" in err and "CLAUSEWISE_SLACK_APP_TOKEN" in err
    assert "docs/deployment.md" in err
    assert main(["slack"]) == 2
    err = capsys.readouterr().err
    assert all(v in err for v in ("CLAUSEWISE_SLACK_APP_TOKEN", "CLAUSEWISE_SLACK_SIGNING_SECRET", "deployment.md"))
    monkeypatch.setenv("CLAUSEWISE_SLACK_BOT_TOKEN", "xoxb-test")
    assert main(["slack", "--socket"]) == 2
    err = capsys.readouterr().err
    assert "not set: CLAUSEWISE_SLACK_APP_TOKEN." in err and "BOT_TOKEN" not in err.split(".")[0]


def test_every_cli_option_has_help_with_its_default() -> None:
    import argparse

    from assistant.cli import build_parser

    def walk(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        yield path, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, f"{path} {name}")

    problems: list[str] = []
    parsers = list(walk(build_parser(), "clausewise"))
    assert len(parsers) > 15
    for path, parser in parsers:
        formatter = parser._get_formatter()
        parser.format_help()  # renders: no stray % in a help text
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            name = "/".join(action.option_strings) or action.dest
            if not action.help:
                problems.append(f"{path} {name}: no help text")
                continue
            has_default = not action.required and (
                bool(action.option_strings) or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE)
            )
            shown = formatter._get_help_string(action) or ""
            if has_default and "default" not in shown:
                problems.append(f"{path} {name}: help does not state the default ({action.default!r})")
    assert problems == []
    serve = dict(parsers)["clausewise serve"].format_help()
    assert "(default: 8000)" in serve and "(default: 127.0.0.1)" in serve
