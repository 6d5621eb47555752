"""The chat app on a free loopback port, driven with gradio_client (no browser)."""
import json
import logging
import socket
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

import app as chat_app

from .servers import serving


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


def test_small_talk_gets_a_help_reply(server):
    url, _ = server
    reply = client(url).predict(question="hi!", history=[], k=5, api_name="/ask")
    assert reply["kind"] == "help" and reply["citations"] == [] and not reply["abstained"]
    assert "For example" in reply["answer"]


def test_bad_input_gets_a_readable_message(server):
    url, _ = server
    with pytest.raises(Exception, match="question is empty"):
        client(url).predict(question="", api_name="/ask")
    with pytest.raises(Exception, match="the limit is 1,000"):
        client(url).predict(question="x" * 1001, api_name="/ask")


def test_the_api_page_documents_ask_only(server):
    url, _ = server
    info = httpx.get(f"{url}/gradio_api/info", timeout=10).json()
    assert list(info["named_endpoints"]) == ["/ask"] and info["unnamed_endpoints"] == {}
    ask = info["named_endpoints"]["/ask"]
    params = {p["parameter_name"]: p for p in ask["parameters"]}
    assert [p["python_type"]["type"] for p in params.values()] == ["str", "list[str]", "int"]
    assert all(p["python_type"]["description"] for p in params.values())
    assert params["history"]["parameter_default"] == [] and params["k"]["parameter_default"] == 5
    returned = ask["returns"][0]["type"]["properties"]
    reply = client(url).predict(question="What is MLOps?", api_name="/ask")
    assert set(returned) == set(reply)  # the documented shape is the shape returned
    assert "list[list[int]]" in ask["returns"][0]["python_type"]["type"]  # spans: a list of [start, end]


def test_healthz_and_the_interaction_log(server):
    url, log_dir = server
    client(url).predict(question="What degree does an AI Python Engineer need?", api_name="/ask")
    health = httpx.get(f"{url}/healthz", timeout=10).json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["chunks"] > 0
    assert "AI Python Engineer" in health["titles"]
    events = [json.loads(line) for line in (log_dir / "interactions.jsonl").read_text().splitlines()]
    asked = [e for e in events if e["event"] == "api" and "latency_ms" in e]
    assert asked and {"confidence", "abstained", "latency_ms", "kind"} <= set(asked[-1])


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


@pytest.mark.parametrize("k, message", [(None, "k must be an integer"), (0, "k must be an integer")])
def test_ask_endpoint_refuses_a_bad_k(server, k, message):
    url, _ = server
    with pytest.raises(Exception, match=message):
        client(url).predict(question="What is MLOps?", history=[], k=k, api_name="/ask")


# ------------------------------------------------------------------ security (issue 12)



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


@pytest.mark.parametrize("name", ["chat", "submit", "feedback", "clear", "no-such-thing"])
def test_only_documented_endpoints_are_callable_by_name(server, capfd, name):
    url, _ = server
    response = httpx.post(f"{url}/gradio_api/call/{name}", json={"data": [None]}, timeout=10)
    assert response.status_code == 404 and "no API endpoint" in response.text
    assert "Traceback" not in capfd.readouterr().err  # Gradio answers an unknown name with a 500 and a traceback


@pytest.mark.parametrize("question, message", [(None, "got NoneType"), (5, "got int"), (["hi"], "got list")])
def test_a_malformed_ask_call_gets_a_clean_error(server, capfd, question, message):
    url, _ = server
    event = httpx.post(f"{url}/gradio_api/call/ask", json={"data": [question, [], 5]}, timeout=10)
    stream = httpx.get(f"{url}/gradio_api/call/ask/{event.json()['event_id']}", timeout=10).text
    assert "event: error" in stream and f"question must be a string, {message}" in stream
    assert "Traceback" not in capfd.readouterr().err


INTERNAL = ("Traceback", "object at 0x", "subscriptable", "has no attribute", "didn't receive enough")


def queue_call(url: str, fn_index: int, data: list) -> tuple[int, dict | str]:
    """One call through Gradio's queue, the way the page makes it (by event number). Returns the
    status of joining and then the completion message, or the refusal text."""
    session = f"test-{fn_index}-{time.monotonic_ns()}"
    joined = httpx.post(f"{url}/gradio_api/queue/join", timeout=10,
                        json={"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None})
    if joined.status_code != 200:
        return joined.status_code, joined.text
    with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}, timeout=10) as events:
        for line in events.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return 200, message
    raise AssertionError("the call never completed")


def test_the_pages_own_events_survive_malformed_data(server, capfd):
    """Anyone can post to the queue what the page posts: too few values are refused up front,
    garbage values get a no-op or a clean error, and nothing ends in a traceback."""
    url, _ = server
    config = httpx.get(f"{url}/config", timeout=10).json()
    events = {d["id"]: len(d["inputs"]) for d in config["dependencies"] if d.get("backend_fn")}
    assert len(events) >= 4  # submit, example, clear, like, ask
    for fn_index, inputs in events.items():
        for data in ([], [None] * inputs, ["x", 5, {"a": 1}][:inputs] + [None] * (inputs - 3)):
            status, completed = queue_call(url, fn_index, data)
            if len(data) < inputs:
                assert status == 422 and "takes" in completed, (fn_index, data, completed)
                continue
            assert status == 200, (fn_index, data, completed)
            error = (completed.get("output") or {}).get("error") or ""
            assert not any(text in error for text in INTERNAL), (fn_index, data, completed)
    assert queue_call(url, 999, [None])[0] == 422
    err = capfd.readouterr().err
    assert not any(text in err for text in INTERNAL), err[-2000:]


def test_a_short_by_name_call_is_refused_with_a_clear_message(server):
    url, _ = server
    response = httpx.post(f"{url}/gradio_api/call/ask", json={"data": ["What is MLOps?"]}, timeout=10)
    assert response.status_code == 422 and response.text == '/ask takes 3 values in "data", got 1'


class MarkupBot:
    """Stands in for the assistant where only the document titles matter: titles with Markdown,
    HTML and LaTeX in them, as a hostile or careless corpus could have."""

    TITLES = ["**Bold** [link](http://example.com) <img src=x onerror=alert(1)> $$x^2$$"]

    def stats(self):
        return {"documents": 1, "chunks": 1, "units": 1, "model": "m", "built_at": "t", "index": "i",
                "titles": self.TITLES}


def test_document_titles_are_shown_literally_and_latex_is_off():
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
