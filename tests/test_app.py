"""The chat app on a free loopback port, driven with gradio_client (no browser)."""
import json
import logging
import tempfile
from pathlib import Path
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


# ------------------------------------------------------------------ security (issue 12)

import base64  # noqa: E402
import contextlib  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402


@contextlib.contextmanager
def serving(app):
    """``app`` on a free loopback port for the length of the block; yields its URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=2)
        if thread.is_alive():
            srv.force_exit = True
            thread.join(timeout=5)


AUTH = ("ann", "s3cret-pass")


@pytest.fixture(scope="module")
def auth_server(bot, tmp_path_factory):
    with serving(chat_app.build_server(bot, tmp_path_factory.mktemp("auth-logs"), auth=AUTH)) as url:
        yield url


def _raw_chunked_post(url: str, path: str, chunk: bytes, chunks: int) -> bytes:
    """Sends ``chunks`` chunks of a chunked POST (without the closing chunk) and returns what the
    server answered meanwhile (b"" when it waits for more)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        try:
            for _ in range(chunks):
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        sock.settimeout(5)
        try:
            return sock.recv(4096)
        except (TimeoutError, socket.timeout):
            return b""


def test_chunked_request_is_refused_once_its_bytes_pass_the_limit(server):
    url, _ = server
    # 320 KB sent, the body never finished: a header check can't see it, a byte count must.
    answer = _raw_chunked_post(url, "/gradio_api/call/ask", b"x" * 65536, 5)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_a_small_chunked_request_still_works(server):
    url, _ = server
    body = json.dumps({"data": ["What degree does an AI Python Engineer need?", [], 5]}).encode()
    response = httpx.post(f"{url}/gradio_api/call/ask", content=iter([body[:10], body[10:]]),
                          headers={"content-type": "application/json"}, timeout=10)
    assert response.status_code == 200 and "event_id" in response.json()


def test_uploads_are_refused_when_the_app_takes_no_files(server):
    url, _ = server
    files = [("files", (f"f{i}.txt", b"hello " * 100, "text/plain")) for i in range(3)]
    response = httpx.post(f"{url}/gradio_api/upload", files=files, timeout=10)
    assert response.status_code in (403, 404)
    chunked = httpx.post(f"{url}/gradio_api/upload", content=iter([b"--x\r\n", b"data"]),
                         headers={"content-type": "multipart/form-data; boundary=x"}, timeout=10)
    assert chunked.status_code in (403, 404)


def test_api_schema_of_gradio_internals_is_not_served(server, auth_server):
    url, _ = server
    assert httpx.get(f"{url}/openapi.json", timeout=10).status_code == 404
    assert httpx.get(f"{auth_server}/openapi.json", timeout=10).status_code == 404
    assert httpx.get(f"{auth_server}/gradio_api/info", timeout=10).status_code == 401


def test_health_in_auth_mode_says_only_that_the_service_is_up(auth_server):
    anonymous = httpx.get(f"{auth_server}/healthz", timeout=10)
    assert anonymous.status_code == 200 and anonymous.json() == {"status": "ok"}
    signed_in = httpx.get(f"{auth_server}/healthz", auth=AUTH, timeout=10).json()
    assert signed_in["documents"] == 5 and "AI Python Engineer" in signed_in["titles"] and "index" not in signed_in
    wrong = httpx.get(f"{auth_server}/healthz", auth=("ann", "nope"), timeout=10)
    assert wrong.status_code == 401 and "titles" not in wrong.text


def test_failed_logins_are_rate_limited_per_client(auth_server):
    def login(password, source="127.0.0.3"):  # an address no other test signs in from
        transport = httpx.HTTPTransport(local_address=source)
        with httpx.Client(transport=transport, timeout=10) as c:
            return c.post(f"{auth_server}/login", data={"username": "ann", "password": password})

    answers = [login(f"wrong-{i}") for i in range(5)]
    assert [a.status_code for a in answers] == [400] * 5
    blocked = login("wrong-again")
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert login(AUTH[1]).status_code == 429  # even the right password waits: no guessing while locked out
    assert login(AUTH[1], source="127.0.0.4").status_code == 200  # another client is not affected


def test_rejected_api_input_is_one_log_line_and_a_clean_message(server, capfd, caplog):
    url, _ = server
    with caplog.at_level(logging.INFO, logger="assistant.app"):
        with pytest.raises(Exception, match="question is empty"):
            client(url).predict(question="  ", history=[], k=5, api_name="/ask")
    assert "Traceback" not in capfd.readouterr().err
    rejected = [r.getMessage() for r in caplog.records if r.name == "assistant.app"]
    assert rejected == ["rejected /ask input: question is empty; type a question about the documents"]


@pytest.mark.parametrize("endpoint, data", [("chat", [None]), ("feedback", []), ("ask", [None, [], 5])])
def test_malformed_calls_get_a_clean_error(server, endpoint, data):
    url, _ = server
    event = httpx.post(f"{url}/gradio_api/call/{endpoint}", json={"data": data}, timeout=10)
    stream = httpx.get(f"{url}/gradio_api/call/{endpoint}/{event.json()['event_id']}", timeout=10).text
    assert "event: error" in stream
    for internal in ("Traceback", "object at 0x", "subscriptable", "has no attribute", "gradio"):
        assert internal not in stream
    if endpoint == "ask":
        assert "question must be a string" in stream


class MarkupBot:
    """Stands in for the assistant where only the document titles matter: titles with Markdown,
    HTML and LaTeX in them, as a hostile or careless corpus could have."""

    TITLES = ["**Bold** [link](http://example.com) <img src=x onerror=alert(1)> $$x^2$$"]

    def stats(self):
        return {"documents": 1, "chunks": 1, "units": 1, "model": "m", "built_at": "t", "index": "i",
                "titles": self.TITLES}


def test_document_titles_and_passages_are_shown_literally():
    demo = chat_app.build_demo(MarkupBot(), chat_app.InteractionLog(Path(tempfile.mkdtemp())))
    config = demo.get_config_file()
    chatbot = next(c for c in config["components"] if c["type"] == "chatbot")
    assert chatbot["props"]["latex_delimiters"] == []  # "$$…$$" in a passage or heading stays text
    header = next(c["props"]["value"] for c in config["components"] if c["type"] == "html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in header and "<img" not in header
    assert "**Bold** [link](http://example.com)" in header  # an HTML block: no Markdown, no KaTeX


def test_login_throttle_forgets_failures_after_its_window():
    from guards import LoginThrottle

    throttle = LoginThrottle(attempts=2, window=0.3)
    throttle.failed("a")
    assert throttle.retry_after("a") is None
    throttle.failed("a")
    assert throttle.retry_after("a") == 1 and throttle.retry_after("b") is None
    time.sleep(0.35)
    assert throttle.retry_after("a") is None
    throttle.failed("a")
    throttle.succeeded("a")  # a successful sign-in clears the count
    throttle.failed("a")
    assert throttle.retry_after("a") is None
