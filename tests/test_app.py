"""The chat app on a free loopback port, driven with gradio_client (no browser)."""
import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from gradio_client import Client

import app as chat_app


def client(url) -> Client:
    return Client(url, verbose=False)


def test_ask_endpoint_returns_the_reply_json(server):
    url, _ = server
    reply = client(url).predict(question="How much does a mid-level MLOps manager earn?", api_name="/ask")
    assert reply["answer"] == "Salary Range: $160,000 - $200,000 per year"
    assert reply["abstained"] is False
    top = reply["citations"][0]
    assert top["breadcrumb"].endswith("Mid-Level MLOps Manager")
    assert top["text"][top["answer_start"]:top["answer_end"]] == reply["answer"]


def test_ask_endpoint_follow_up_and_abstention(server):
    url, _ = server
    c = client(url)
    follow = c.predict(question="And for senior level?",
                       history=["What is the salary range for a mid-level MLOps manager?"], api_name="/ask")
    assert "$200,000 - $250,000+" in follow["answer"]
    out = c.predict(question="What is the capital of France?", history=[], k=2, api_name="/ask")
    assert out["abstained"] is True and out["answer"] is None and len(out["citations"]) == 2


def test_chat_answers_with_sources_and_highlight(server):
    url, _ = server
    messages = client(url).predict(message="What degree does an AI Python Engineer need?", api_name="/chat")
    answer, more = messages[0]["content"], messages[1]
    assert answer.startswith("Bachelor's degree is often required; master's degree recommended for advanced roles")
    assert "Confidence: high" in answer
    assert "[1] AI Python Engineer › Education and Career Path" in answer
    assert "<mark>Bachelor&#x27;s degree is often required" in answer
    assert more["metadata"] == {"title": "More sources (4)", "status": "done"}
    assert "[2] " in more["content"] and "<mark>" not in more["content"]


def test_chat_follow_up_uses_the_session_history(server):
    url, _ = server
    c = client(url)
    c.predict(message="What is the salary range for a mid-level MLOps manager?", api_name="/chat")
    messages = c.predict(message="And for senior level?", api_name="/chat")
    assert "$200,000 - $250,000" in messages[0]["content"]


def test_chat_abstention_reads_plainly_with_collapsed_passages(server):
    url, _ = server
    messages = client(url).predict(message="How do I bake sourdough bread?", api_name="/chat")
    assert messages[0]["content"].startswith("The documents don't cover that.")
    assert messages[1]["metadata"]["status"] == "done"  # collapsed
    assert messages[1]["metadata"]["title"].startswith("Closest passages")


def test_bad_input_gets_a_readable_message(server):
    url, _ = server
    c = client(url)
    reply = c.predict(message="   ", api_name="/chat")
    assert reply == "⚠️ question is empty; type a question about the documents"
    with pytest.raises(Exception, match="question is empty"):
        c.predict(question="", api_name="/ask")


def test_two_clients_keep_separate_histories(server):
    url, _ = server
    alice, bob = client(url), client(url)

    def conversation(c, first, expected):
        c.predict(message=first, api_name="/chat")
        return c.predict(message="And for senior level?", api_name="/chat")[0]["content"], expected

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda args: conversation(*args), [
            (alice, "What is the salary range for a mid-level MLOps manager?", "$200,000 - $250,000"),
            (bob, "How many years of experience does a mid-level MLOps manager need?", "7+ years"),
        ]))
    for content, expected in results:
        assert expected in content


def test_healthz_and_the_interaction_log(server):
    url, log_dir = server
    health = httpx.get(f"{url}/healthz", timeout=10).json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["chunks"] > 0
    assert "AI Python Engineer" in health["titles"]
    events = [json.loads(line) for line in (log_dir / "interactions.jsonl").read_text().splitlines()]
    asked = [e for e in events if e["event"] == "question" and "latency_ms" in e]
    assert asked and {"confidence", "abstained", "latency_ms", "session"} <= set(asked[0])


def test_oversized_request_is_refused(server):
    url, _ = server
    response = httpx.post(f"{url}/gradio_api/queue/join", content=b"x" * (chat_app.MAX_REQUEST_BYTES + 1),
                          headers={"content-type": "application/json"}, timeout=10)
    assert response.status_code == 413


@pytest.mark.parametrize("path", ["/gradio_api/file=/etc/passwd", "/gradio_api/file=../../../../etc/passwd",
                                  "/file=/etc/passwd", "/gradio_api/file=app.py"])
def test_file_routes_do_not_serve_files_outside_the_app(server, path):
    url, _ = server
    response = httpx.get(url + path, timeout=10)
    assert response.status_code in (403, 404)
    assert "root:" not in response.text


def test_address_and_auth_configuration(monkeypatch):
    monkeypatch.delenv("GRADIO_SERVER_NAME", raising=False)
    monkeypatch.delenv("GRADIO_SERVER_PORT", raising=False)
    assert chat_app.resolve_address(None, None) == ("127.0.0.1", 7860)
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "9000")
    assert chat_app.resolve_address(None, None) == ("0.0.0.0", 9000)
    assert chat_app.resolve_address("127.0.0.1", 8000) == ("127.0.0.1", 8000)
    monkeypatch.setenv("ASSISTANT_AUTH_USER", "ann")
    with pytest.raises(ValueError, match="set both"):
        chat_app.auth_from_env()
    monkeypatch.setenv("ASSISTANT_AUTH_PASSWORD", "secret")
    assert chat_app.auth_from_env() == ("ann", "secret")


def test_user_turns_reads_gradio_message_parts():
    history = [
        {"role": "user", "content": [{"type": "text", "text": "What is the salary range for a mid-level MLOps manager?"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "Salary Range: $160,000 - $200,000 per year"}]},
        {"role": "user", "content": "And for senior level?"},
    ]
    assert chat_app.user_turns(history) == ["What is the salary range for a mid-level MLOps manager?",
                                            "And for senior level?"]


@pytest.mark.parametrize("k, message", [(None, "k must be an integer"), (0, "k must be an integer")])
def test_ask_endpoint_refuses_a_bad_k(server, k, message):
    url, _ = server
    with pytest.raises(Exception, match=message):
        client(url).predict(question="What is MLOps?", history=[], k=k, api_name="/ask")
