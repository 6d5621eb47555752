"""The command line as a script would use it: in-process through ``cli.main`` (sharing the session's
model), plus one real subprocess to show the entry point itself works."""
import json
import os
import re
import subprocess
import sys

import pytest

from assistant import cli

from .conftest import ROOT


@pytest.fixture
def run(bot, bot_folders, capsys):
    """Run the CLI in-process against the session's (already built) corpus and index folders;
    returns (exit code, stdout, stderr)."""
    corpus, index = bot_folders

    def invoke(*args, corpus_dir=corpus, index_dir=index):
        code = cli.main(["--quiet", "--corpus", str(corpus_dir), "--index", str(index_dir), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def test_index_builds_then_reports_up_to_date(run, bot_folders, tmp_path):
    corpus, _ = bot_folders
    code, out, err = run("index", index_dir=tmp_path / "index")
    assert code == 0, err
    assert "indexed 5 documents" in out and "64 chunks, 312 answer units" in out and "build " in out
    code, out, _ = run("index", index_dir=tmp_path / "index")
    assert code == 0 and "is up to date" in out


def test_ask_prints_the_answer_and_its_marked_source(run):
    code, out, err = run("ask", "How much does a mid-level MLOps manager earn?")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Salary Range: $160,000 - $200,000 per year"
    assert re.fullmatch(r"\(confidence 0\.\d\d, (?:high|medium)\)", lines[1])
    assert "[1] Machine Learning DevOps Manager › Salary Ranges (US Market, 2024) › Mid-Level MLOps Manager" in out
    assert "»Salary Range: $160,000 - $200,000 per year«" in out


def test_an_out_of_scope_question_prints_what_the_documents_do_cover(run):
    code, out, err = run("ask", "mlops manager salary in the uk")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "The documents don't cover that."
    assert lines[1].startswith("The documents give salary figures for US Market, 2024 only (nothing on uk).")
    assert lines[2].startswith("(confidence 0.")


def test_ask_json_with_history(run):
    code, out, err = run("ask", "And for senior level?", "--history",
                         "What is the salary range for a mid-level MLOps manager?", "--json", "-k", "2")
    assert code == 0, err
    reply = json.loads(out)
    assert reply["answer"] == "Salary Range: $200,000 - $250,000+ per year"
    assert len(reply["citations"]) == 2 and reply["abstained"] is False
    assert reply["citations"][0]["breadcrumb"].endswith("Senior-Level MLOps Manager")


def test_batch_keeps_going_past_a_bad_line(run, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(row) for row in [
        {"question": "What tool automates cloud resource provisioning?"},
        {"question": ""},
        {"question": "And for senior level?", "history": ["How much does a mid-level MLOps manager earn?"]},
        {"question": "What is the capital of France?"},
    ]) + "\n")
    code, out, _ = run("ask", "--batch", str(batch))
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4
    assert "Terraform" in rows[0]["answer"]
    assert rows[1] == {"line": 2, "question": "", "error": "question is empty; type a question about the documents"}
    assert "$200,000" in rows[2]["answer"]
    assert rows[3]["abstained"] is True
    assert code == 1  # one line failed


def test_batch_answers_every_good_line_and_names_every_bad_one(run, tmp_path):
    batch = tmp_path / "batch.jsonl"
    lines = [
        '{"question": "\\udfff"}',  # a lone surrogate: nothing left once cleaned
        "not json at all",
        '["an", "array"]',
        '{"history": []}',
        '{"question": "What tool automates cloud resource provisioning?"}',
        '{"question": "What is MLOps?", "history": "not a list"}',
        '{"question": 42}',
    ]
    batch.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe broken bytes\n"
                      + b'{"question": "What is the CAGR of the MLOps market?"}\n')
    code, out, _ = run("ask", "--batch", str(batch))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row.get("line") for row in rows] == [1, 2, 3, 4, None, 6, 7, 8, None]
    assert rows[0]["error"] == "question is empty; type a question about the documents"
    assert rows[1]["error"].startswith("not valid JSON")
    assert rows[2]["error"] == "expected a JSON object, got list"
    assert rows[3]["error"] == 'expected {"question": ..., "history": [...]}'
    assert "Terraform" in rows[4]["answer"]
    assert rows[5]["error"] == "history must be a list of earlier questions, got str"
    assert rows[6]["error"] == "question must be a string, got int"
    assert rows[7]["error"] == "not UTF-8 (byte 0)"
    assert "43.2%" in rows[8]["answer"]
    assert code == 1


@pytest.mark.parametrize("args, message", [
    (["ask", ""], "error: question is empty"),
    (["ask", "x" * 1001], "error: question is 1,001 characters long; the limit is 1,000"),
    (["ask", "--batch", "missing.jsonl"], "error: batch file missing.jsonl does not exist"),
    (["eval", "missing.jsonl"], "error: question file missing.jsonl does not exist"),
])
def test_bad_input_gets_a_message_not_a_traceback(run, args, message):
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_corpus_is_reported_before_the_model_loads(run, tmp_path, monkeypatch):
    from assistant import embedding

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded for a command that can't run")

    monkeypatch.setattr(embedding, "shared_embedder", no_model)
    code, _, err = run("ask", "What is MLOps?", corpus_dir=tmp_path / "nothing", index_dir=tmp_path / "index")
    assert code == 1
    assert err.startswith("error: corpus folder") and "does not exist" in err


def test_eval_json(run, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({
        "id": "t1", "question": "What tool automates cloud resource provisioning?", "history": [],
        "answers": ["Terraform"], "evidence": ["Automate cloud resource provisioning"], "answerable": True,
        "category": "tools"}) + "\n")
    code, out, err = run("eval", str(questions), "--mode", "hybrid", "--json")
    assert code == 0, err
    report = json.loads(out)["modes"][0]
    assert report["metrics"]["hit@1"] == 1.0 and report["metrics"]["answer_accuracy"] == 1.0


def test_the_entry_point_runs_as_a_real_process(bot_folders):
    """One real subprocess: ``python -m assistant`` with its own interpreter and model."""
    corpus, index = bot_folders
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "assistant", "--quiet", "--corpus", str(corpus), "--index", str(index),
                           "ask", "What tool automates cloud resource provisioning?", "--json", "-k", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Terraform" in json.loads(done.stdout)["answer"]


def test_facts_prints_the_fact_table_with_sources(run):
    code, out, err = run("facts", "--attribute", "salary", "--subject", "mid-level")
    assert code == 0, err
    assert "Mid-Level MLOps Manager" in out and "$160,000 - $200,000" in out
    assert "Salary Ranges (US Market, 2024) › Mid-Level MLOps Manager" in out
    code, out, _ = run("facts", "--json", "--subject", "Director")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["subject"] == "Director of MLOps" and rows[0]["value"] == "between $198,125 and $237,500"
    assert rows[0]["quote"].startswith("Director of MLOps: Senior leadership role")
