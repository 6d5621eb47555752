"""The command line as a script would use it (real subprocesses, a temporary index folder)."""
import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli") / "index"


def run(index_dir, *args, stdin=None):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "assistant", "--quiet", "--index", str(index_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, input=stdin)


def test_index_then_ask(index_dir):
    built = run(index_dir, "index")
    assert built.returncode == 0, built.stderr
    assert "indexed 5 documents" in built.stdout and "chunks" in built.stdout and "build " in built.stdout
    again = run(index_dir, "index")
    assert "up to date" in again.stdout
    asked = run(index_dir, "ask", "How much does a mid-level MLOps manager earn?")
    assert asked.returncode == 0, asked.stderr
    lines = asked.stdout.splitlines()
    assert lines[0] == "Salary Range: $160,000 - $200,000 per year"
    assert any(line.startswith("[1] Machine Learning DevOps Manager › Salary Ranges (US Market, 2024) › "
                               "Mid-Level MLOps Manager") for line in lines)
    assert "»Salary Range: $160,000 - $200,000 per year«" in asked.stdout


def test_ask_json_with_history(index_dir):
    out = run(index_dir, "ask", "And for senior level?", "--history",
              "What is the salary range for a mid-level MLOps manager?", "--json", "-k", "2")
    assert out.returncode == 0, out.stderr
    reply = json.loads(out.stdout)
    assert "$200,000 - $250,000+" in reply["answer"]
    assert len(reply["citations"]) == 2 and reply["abstained"] is False


def test_batch_keeps_going_past_a_bad_line(index_dir, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(row) for row in [
        {"question": "What tool automates cloud resource provisioning?"},
        {"question": ""},
        {"question": "And for senior level?", "history": ["How much does a mid-level MLOps manager earn?"]},
        {"question": "What is the capital of France?"},
    ]) + "\n")
    out = run(index_dir, "ask", "--batch", str(batch))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 4
    assert "Terraform" in rows[0]["answer"]
    assert rows[1] == {"line": 2, "question": "", "error": "question is empty; type a question about the documents"}
    assert "$200,000" in rows[2]["answer"]
    assert rows[3]["abstained"] is True
    assert out.returncode == 1  # one line failed


@pytest.mark.parametrize("args, message", [
    (["ask", ""], "error: question is empty"),
    (["ask", "x" * 1001], "error: question is 1,001 characters long; the limit is 1,000"),
    (["ask", "--batch", "missing.jsonl"], "error: batch file missing.jsonl does not exist"),
    (["eval", "missing.jsonl"], "error: question file missing.jsonl does not exist"),
])
def test_bad_input_gets_a_message_not_a_traceback(index_dir, args, message):
    out = run(index_dir, *args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_missing_corpus_is_reported(tmp_path):
    out = run(tmp_path / "index", "--corpus", str(tmp_path / "nothing"), "ask", "What is MLOps?")
    assert out.returncode == 1
    assert "error: corpus folder" in out.stderr and "does not exist" in out.stderr
    assert "Traceback" not in out.stderr


def test_eval_json(index_dir, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({
        "id": "t1", "question": "What tool automates cloud resource provisioning?", "history": [],
        "answers": ["Terraform"], "evidence": ["Automate cloud resource provisioning"], "answerable": True,
        "category": "tools"}) + "\n")
    out = run(index_dir, "eval", str(questions), "--mode", "hybrid", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)["modes"][0]
    assert report["metrics"]["hit@1"] == 1.0 and report["metrics"]["answer_accuracy"] == 1.0
