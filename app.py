"""Gradio chat over the career documents: extractive answers with numbered, highlighted sources.

    python app.py [--host 127.0.0.1] [--port 7860] [--log-dir logs]

Binds to loopback unless told otherwise (--host, or Gradio's GRADIO_SERVER_NAME /
GRADIO_SERVER_PORT). Basic auth when ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD are set.
GET /healthz answers a process supervisor with index statistics; every question (latency,
confidence, abstention) and every like/dislike is appended to <log-dir>/interactions.jsonl.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
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
from fastapi.responses import JSONResponse  # noqa: E402

from assistant import Assistant, AssistantError  # noqa: E402
from assistant.pipeline import MAX_HISTORY_TURNS  # noqa: E402
from assistant.render import ABSTAIN_MESSAGE  # noqa: E402

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

def build_demo(bot: Assistant, log: InteractionLog) -> gr.Blocks:
    """The Blocks app: the chat, examples, the "ask" JSON endpoint, like/dislike logging."""
    titles = bot.stats()["titles"]

    def respond(message: str, history: list, request: gr.Request = None):
        started = time.perf_counter()
        session = getattr(request, "session_hash", None)
        turns = user_turns(history)
        try:
            reply = bot.ask(message, history=turns)
        except ValueError as exc:
            log.write(event="question", session=session, question=str(message)[:1000], error=str(exc))
            return f"⚠️ {exc}"
        log.write(event="question", session=session, question=reply.question, history_turns=len(turns),
                  latency_ms=round((time.perf_counter() - started) * 1000, 1), confidence=reply.confidence,
                  abstained=reply.abstained, answer_type=reply.answer_type)
        return format_reply(reply)

    def ask(question: str, history: list[str] | None = None, k: int = 5) -> dict:
        """Answer a question from the documents; returns the same JSON as Assistant.ask(...).to_dict()."""
        started = time.perf_counter()
        try:
            reply = bot.ask(question, history=history or [], k=k)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        log.write(event="api", question=reply.question, latency_ms=round((time.perf_counter() - started) * 1000, 1),
                  confidence=reply.confidence, abstained=reply.abstained)
        return reply.to_dict()

    def feedback(data: gr.LikeData, request: gr.Request = None) -> None:
        log.write(event="feedback", session=getattr(request, "session_hash", None), liked=data.liked,
                  message_index=data.index, message=str(data.value)[:500])

    description = ("Ask about roles, skills and salaries. Answers are quoted from the documents, with "
                   "numbered sources; when the documents don't say, the assistant tells you. "
                   f"Documents: {', '.join(titles)}.")
    with gr.Blocks(title="Career documents assistant", fill_height=True) as demo:
        chatbot = gr.Chatbot(label="Career documents assistant", height=560, buttons=["copy"],
                             placeholder="Ask a question about the documents, or pick an example below.")
        gr.ChatInterface(
            respond, chatbot=chatbot, examples=EXAMPLES, title="Career documents assistant",
            description=description, api_name="chat", concurrency_limit=CONCURRENCY,
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


def build_server(bot: Assistant, log_dir: str | Path, auth: tuple[str, str] | None = None) -> FastAPI:
    """FastAPI app with /healthz and a request-size limit, the Gradio app mounted at /."""
    log = InteractionLog(log_dir)
    server = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @server.middleware("http")
    async def limit_request_size(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_REQUEST_BYTES:
            return JSONResponse({"error": f"request larger than {MAX_REQUEST_BYTES} bytes"}, status_code=413)
        return await call_next(request)

    @server.get("/healthz")
    def healthz():
        stats = bot.stats()
        stats.pop("index", None)  # no file-system paths to unauthenticated callers
        return {"status": "ok", **stats}

    demo = build_demo(bot, log)
    return gr.mount_gradio_app(server, demo, path="/", auth=auth, max_file_size="1mb")


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
