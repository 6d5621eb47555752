"""Gradio chat over the career documents: extractive answers with numbered, highlighted sources.

    python app.py [--host 127.0.0.1] [--port 7860] [--log-dir logs]

Binds to loopback unless told otherwise (--host, or Gradio's GRADIO_SERVER_NAME /
GRADIO_SERVER_PORT). Basic auth when ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD are set.
GET /healthz answers a process supervisor with index statistics (in auth mode only "ok" unless the
request carries the credentials); every question (latency, confidence, abstention) and every
like/dislike is appended to <log-dir>/interactions.jsonl. Request size and failed logins are
limited by the middleware in guards.py.
"""
from __future__ import annotations

import argparse
import base64
import binascii
import html
import json
import logging
import os
import re
import secrets
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import JSONResponse, PlainTextResponse  # noqa: E402

from assistant import Assistant, AssistantError  # noqa: E402
from assistant.pipeline import MAX_HISTORY_TURNS  # noqa: E402
from assistant.render import ABSTAIN_MESSAGE  # noqa: E402
from guards import LoginRateLimit, LoginThrottle, RequestSizeLimit, client_of  # noqa: E402

log = logging.getLogger("assistant.app")

EXAMPLES = [
    "How much does a mid-level MLOps manager earn?",
    "How many years of experience does a senior MLOps manager need?",
    "Which tools does an MLOps manager use for monitoring?",
    "What degree does an AI Python Engineer need?",
    "What are the types of AI consultants?",
    "How big will the MLOps market be by 2033?",
]
MAX_REQUEST_BYTES = 256 * 1024  # a question is at most 1,000 characters; nothing legitimate is near this
PREVIEW_CHARS = 240  # further sources show this much of their passage
SESSION_CAPACITY = 2000  # sessions whose state Gradio keeps in memory (~50 kB each); older ones are dropped
CONCURRENCY = 4  # questions answered at once on this 2-core machine; the rest wait in Gradio's queue


class InteractionLog:
    """Append-only JSONL of questions and feedback; one lock so lines never interleave."""

    def __init__(self, folder: str | Path):
        self.path = Path(folder) / "interactions.jsonl"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def write(self, **event) -> None:
        """Append one event; a full disk or a lost folder is reported, never raised at a user."""
        event = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), **event}
        try:
            with self._lock, self.path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(json.dumps(event, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"warning: could not write {self.path}: {exc}", file=sys.stderr)


# ------------------------------------------------------------------ formatting

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~])")


def _md(text: str) -> str:
    """Plain document text shown literally inside Markdown (no accidental emphasis or links)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", "  \n")


def _passage_html(citation) -> str:
    text = citation.text
    if citation.answer_start is not None:
        before, answer, after = (text[: citation.answer_start], text[citation.answer_start: citation.answer_end],
                                 text[citation.answer_end:])
        body = f"{html.escape(before)}<mark>{html.escape(answer)}</mark>{html.escape(after)}"
    else:
        body = html.escape(text)
    return body.replace("\n", "<br>")


def source_html(citation, full: bool = True) -> str:
    """"[n] Title › Section" and the passage, the answer span in <mark>; others cut to a preview."""
    passage = _passage_html(citation)
    if not full and len(citation.text) > PREVIEW_CHARS:
        cut = citation.text[:PREVIEW_CHARS].rsplit(" ", 1)[0]
        passage = html.escape(cut).replace("\n", "<br>") + " …"
    return (f'<p class="source"><strong>[{citation.n}] {html.escape(citation.breadcrumb)}</strong><br>'
            f'<span class="passage">{passage}</span></p>')


def header_html(titles: list[str]) -> str:
    """The page title and what the assistant covers; document titles are escaped HTML, so a title
    with Markdown, HTML or LaTeX in it reads exactly as written."""
    listed = ", ".join(html.escape(t) for t in titles)
    return ('<h1 class="app-title">Career documents assistant</h1>'
            '<p class="app-intro">Ask about roles, skills and salaries. Answers are quoted from the documents, with '
            "numbered sources; when the documents don't say, the assistant tells you. "
            f"Documents: {listed}.</p>")


def format_reply(reply) -> list[gr.ChatMessage]:
    """The chat reply: the answer, its confidence in words, then source [1] with the answer
    highlighted; further sources sit in a collapsed box. An abstention says so plainly and
    offers the closest passages, collapsed."""
    citations = list(reply.citations)
    if reply.abstained:
        head = f"{ABSTAIN_MESSAGE}\n\n*Confidence: low ({reply.confidence:.2f}). The closest passages are below.*"
        messages = [gr.ChatMessage(role="assistant", content=head)]
        rest, title = citations, f"Closest passages ({len(citations)})"
    else:
        head = (f"{_md(reply.answer)}\n\n*Confidence: {reply.confidence_label} "
                f"({reply.confidence:.2f})*\n\n{source_html(citations[0])}")
        messages = [gr.ChatMessage(role="assistant", content=head)]
        rest, title = citations[1:], f"More sources ({len(citations) - 1})"
    if rest:
        messages.append(gr.ChatMessage(role="assistant", content="\n".join(source_html(c, full=False) for c in rest),
                                       metadata={"title": title, "status": "done"}))
    return messages


def _text_of(content) -> str:
    """Message content as text: Gradio 6 gives the chat function a list of parts
    (``[{"type": "text", "text": …}]``); API callers may send a plain string."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return content.get("text") if isinstance(content.get("text"), str) else ""
    if isinstance(content, (list, tuple)):
        return " ".join(part for part in (_text_of(c) for c in content) if part)
    return ""


def user_turns(history: list) -> list[str]:
    """Earlier questions from Gradio's history (messages format); answers and sources are skipped."""
    turns = []
    for message in history or []:
        role = message.get("role") if isinstance(message, dict) else getattr(message, "role", None)
        content = message.get("content") if isinstance(message, dict) else getattr(message, "content", None)
        text = _text_of(content)
        if role == "user" and text.strip():
            turns.append(text)
    return turns[-MAX_HISTORY_TURNS:]


# ------------------------------------------------------------------ the app

class LikeEvent(gr.EventData):
    """What ``gr.LikeData`` carries, read without trusting the caller: a hand-made API call can
    send no data at all, and ``gr.LikeData`` then fails inside Gradio with an internal message."""

    def __init__(self, target, data):
        super().__init__(target, data)
        data = data if isinstance(data, dict) else {}
        index = data.get("index")
        valid = isinstance(index, int) and not isinstance(index, bool) or \
            isinstance(index, (list, tuple)) and all(isinstance(i, int) for i in index)
        self.index = index if valid else None
        self.value = data.get("value")
        self.liked = data.get("liked", True)


def build_demo(bot: Assistant, interactions: InteractionLog) -> gr.Blocks:
    """The Blocks app: the chat, examples, the "ask" JSON endpoint, like/dislike logging."""
    titles = bot.stats()["titles"]

    def respond(message: str, history: list, request: gr.Request = None):
        started = time.perf_counter()
        session = getattr(request, "session_hash", None)
        turns = user_turns(history)
        try:
            reply = bot.ask(message, history=turns)
        except ValueError as exc:
            log.warning("rejected chat input: %s", exc)
            interactions.write(event="question", session=session, question=str(message)[:1000], error=str(exc))
            return f"⚠️ {exc}"
        interactions.write(event="question", session=session, question=reply.question, history_turns=len(turns),
                  latency_ms=round((time.perf_counter() - started) * 1000, 1), confidence=reply.confidence,
                  abstained=reply.abstained, answer_type=reply.answer_type)
        return format_reply(reply)

    def ask(question: str, history: list[str] | None = None, k: int = 5) -> dict:
        """Answer a question from the documents; returns the same JSON as Assistant.ask(...).to_dict()."""
        started = time.perf_counter()
        try:
            reply = bot.ask(question, history=history or [], k=k)
        except ValueError as exc:
            log.warning("rejected /ask input: %s", exc)  # one line; the caller gets the message
            raise gr.Error(str(exc), print_exception=False) from exc
        interactions.write(event="api", question=reply.question, latency_ms=round((time.perf_counter() - started) * 1000, 1),
                  confidence=reply.confidence, abstained=reply.abstained)
        return reply.to_dict()

    def feedback(data: LikeEvent, request: gr.Request = None) -> None:
        if data.index is None:
            log.warning("rejected feedback without a message")
            raise gr.Error("feedback needs the liked message", print_exception=False)
        interactions.write(event="feedback", session=getattr(request, "session_hash", None), liked=data.liked,
                           message_index=data.index, message=str(data.value)[:500])

    with gr.Blocks(title="Career documents assistant", fill_height=True) as demo:
        gr.HTML(header_html(titles))
        chatbot = gr.Chatbot(label="Career documents assistant", height=560, buttons=["copy"],
                             latex_delimiters=[],  # document text is shown literally, never as LaTeX
                             placeholder="Ask a question about the documents, or pick an example below.")
        gr.ChatInterface(
            respond, chatbot=chatbot, examples=EXAMPLES, api_name="chat", concurrency_limit=CONCURRENCY,
            textbox=gr.Textbox(placeholder="e.g. How much does a mid-level MLOps manager earn?", max_length=1000,
                               submit_btn=True, stop_btn=False),
        )
        chatbot.like(feedback, None, None)
        gr.api(ask, api_name="ask", concurrency_limit=CONCURRENCY)
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=256)
    # Gradio keeps per-session state for this many sessions; every API call is a new session,
    # so the default (10,000) lets memory grow for hours under scripted load (BENCHMARKS.md).
    demo.state_session_capacity = SESSION_CAPACITY
    return demo


# Components that take files; with none of them the app has no use for Gradio's upload route.
FILE_COMPONENTS = (gr.File, gr.Image, gr.Audio, gr.Video, gr.Model3D, gr.ImageEditor, gr.UploadButton, gr.Gallery,
                   gr.MultimodalTextbox)
UPLOAD_PATHS = ("/gradio_api/upload", "/gradio_api/upload_progress")


def accepts_files(demo: gr.Blocks) -> bool:
    """Whether any component of the app takes a file from the user."""
    return any(isinstance(block, FILE_COMPONENTS) for block in demo.blocks.values())


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def build_server(bot: Assistant, log_dir: str | Path, auth: tuple[str, str] | None = None) -> FastAPI:
    """FastAPI app with /healthz, the request-size limit, the login rate limit and the Gradio app
    mounted at /. With ``auth`` the health check tells anonymous callers only that the service is
    up; index details need the same credentials as the chat (HTTP basic auth)."""
    interactions = InteractionLog(log_dir)
    server = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    throttle = LoginThrottle()

    @server.get("/healthz")
    def healthz(request: Request):
        if auth is not None:
            client = client_of(request.scope)
            credentials = _basic_credentials(request)
            if credentials is None:
                return {"status": "ok"}
            wait = throttle.retry_after(client)
            if wait is not None:
                return PlainTextResponse(f"too many failed logins; try again in {wait} s", status_code=429,
                                         headers={"Retry-After": str(wait)})
            user_ok = secrets.compare_digest(credentials[0].encode(), auth[0].encode())
            password_ok = secrets.compare_digest(credentials[1].encode(), auth[1].encode())
            if not (user_ok and password_ok):
                throttle.failed(client)
                return PlainTextResponse("wrong credentials", status_code=401,
                                         headers={"WWW-Authenticate": 'Basic realm="assistant"'})
        stats = bot.stats()
        stats.pop("index", None)  # no file-system paths, even to signed-in callers
        return {"status": "ok", **stats}

    demo = build_demo(bot, interactions)
    if not accepts_files(demo):
        for path in UPLOAD_PATHS:  # matched before the Gradio mount: nothing reaches Gradio's upload handler
            server.add_api_route(path, _no_uploads, methods=["GET", "POST", "PUT"], include_in_schema=False)
    # show_error=False: unexpected exceptions reach a client as a bare error, never as internal
    # text; messages the app raises on purpose (gr.Error) are still shown.
    app = gr.mount_gradio_app(server, demo, path="/", auth=auth, max_file_size="1mb", show_error=False,
                              app_kwargs={"openapi_url": None})
    app.add_middleware(LoginRateLimit, throttle=throttle)
    app.add_middleware(RequestSizeLimit, limit=MAX_REQUEST_BYTES)  # added last: runs first
    return app


def _no_uploads():
    return JSONResponse({"error": "this app takes no files"}, status_code=404)


def resolve_address(host: str | None, port: int | None) -> tuple[str, int]:
    """Flags first, then Gradio's own environment variables, then loopback:7860."""
    host = host or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    raw_port = port or os.environ.get("GRADIO_SERVER_PORT") or 7860
    try:
        return host, int(raw_port)
    except ValueError as exc:
        raise ValueError(f"port must be a number, got {raw_port!r}") from exc


def auth_from_env() -> tuple[str, str] | None:
    user, password = os.environ.get("ASSISTANT_AUTH_USER"), os.environ.get("ASSISTANT_AUTH_PASSWORD")
    if bool(user) != bool(password):
        raise ValueError("set both ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD for basic auth, or neither")
    return (user, password) if user else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chat with the career documents assistant.")
    parser.add_argument("--host", help="address to bind (default: GRADIO_SERVER_NAME or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: GRADIO_SERVER_PORT or 7860)")
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--index", default="index")
    parser.add_argument("--log-dir", default=os.environ.get("ASSISTANT_LOG_DIR", "logs"),
                        help="folder for interactions.jsonl (default: logs, or ASSISTANT_LOG_DIR)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        host, port = resolve_address(args.host, args.port)
        auth = auth_from_env()
        print("loading the index and the model …", file=sys.stderr)
        bot = Assistant.load(args.corpus, args.index, on_event=lambda m: print(m, file=sys.stderr))
        app = build_server(bot, args.log_dir, auth)
    except (AssistantError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Chat running at http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}  "
          f"(health: /healthz, log: {Path(args.log_dir) / 'interactions.jsonl'}; Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
