"""Gradio chat over the career documents: answer-first replies with compact citation markers, and
an evidence panel beside the chat with every cited passage, its quoted spans highlighted.

    python app.py [--host 127.0.0.1] [--port 7860] [--log-dir logs] [--allow-upload]

Binds to loopback unless told otherwise (--host, or Gradio's GRADIO_SERVER_NAME /
GRADIO_SERVER_PORT). Basic auth when ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD are set.
--allow-upload (or ASSISTANT_ALLOW_UPLOAD=1) adds a button that puts a document from the browser
into the corpus folder and indexes it (ui/upload.py); off by default, and meant for use with auth.
GET /healthz answers a process supervisor with index statistics (in auth mode only "ok" unless the
request carries the credentials); every question (latency, confidence, abstention) and every
like/dislike is appended to <log-dir>/interactions.jsonl. Request size and failed logins are
limited by the middleware in guards.py.
"""
from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import html
import json
import logging
import os
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

from gradio_client.utils import python_type_to_json_schema  # noqa: E402

from assistant import Assistant, AssistantError  # noqa: E402
from assistant.config import MAX_QUESTION_CHARS  # noqa: E402
from assistant.corpus import SUFFIXES  # noqa: E402
from assistant.documents import DocumentRejected  # noqa: E402
from assistant.pipeline import MAX_HISTORY_TURNS, validate_question  # noqa: E402
from assistant.types import Reply  # noqa: E402
from guards import ApiGate, LoginRateLimit, LoginThrottle, RequestSizeLimit, client_of  # noqa: E402
from ui.upload import Added, Uploads, max_upload_bytes  # noqa: E402
from ui.view import (APP_TITLE, EMPTY_EVIDENCE, chat_note, evidence_panel, header_html, render_reply,  # noqa: E402
                     upload_status, user_message)

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
UI_DIR = Path(__file__).resolve().parent / "ui"
CHAT_HEIGHT = 620  # px; the evidence panel scrolls within the same height beside it
COUNTER_FROM = 800  # the character count shows from here on, before the 1,000 limit
EVIDENCE_KEPT = MAX_HISTORY_TURNS  # replies whose passages the panel keeps (older markers show nothing)
MESSAGES_KEPT = 100  # messages a session shows (50 turns); older ones drop off, so a session's state stays small
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


# ------------------------------------------------------------------ the app

def new_session() -> dict:
    """Per-browser-session state, kept on the server: the messages shown, the plain text of each
    (for the log), the questions asked (for follow-ups) and the evidence of recent replies."""
    return {"messages": [], "texts": [], "questions": [], "evidence": [], "next_reply": 1}


class Event(gr.EventData):
    """An event's data read without trusting the caller: a hand-made API call can send none at
    all, and ``gr.LikeData`` / ``gr.SelectData`` then fail inside Gradio with an internal message."""

    def __init__(self, target, data):
        super().__init__(target, data)
        self.data = data if isinstance(data, dict) else {}


def notice_html(message: str) -> str:
    return f'<p class="error" role="alert">{html.escape(message)}</p>'


# Counts characters as Python does (code points), so the count matches the server's limit.
COUNTER_JS = """(text) => {
  const n = Array.from(text || "").length, max = %d, warn = %d;
  const f = (x) => x.toLocaleString("en-US");
  if (n > max) return `<p class="over" role="alert">${f(n)} / ${f(max)} characters: ${f(n - max)} over the limit. `
    + `Shorten the question to send it; nothing has been cut.</p>`;
  return n >= warn ? `<p class="count" role="status">${f(n)} / ${f(max)} characters</p>` : "";
}""" % (MAX_QUESTION_CHARS, COUNTER_FROM)

# What the API page says about `ask` (Gradio derives only types from the signature).
ASK_PARAMETERS = {
    "question": ({"type": "string"}, f"The question, up to {MAX_QUESTION_CHARS:,} characters (a longer one is "
                                     "refused, never cut)."),
    "history": ({"type": "array", "items": {"type": "string"}},
                "Earlier questions of the conversation, oldest first, so that a follow-up like "
                "'and for senior level?' is understood; [] for none."),
    "k": ({"type": "integer"}, "How many passages to cite, 1 to 50."),
}
REPLY_FIELDS = {
    "answer": "the answer quoted from the documents (a composed answer joins several quotes); null when abstaining",
    "kind": "answer | composed | abstain | help",
    "confidence_label": "high | medium | low: how far to trust the answer",
    "subject": "what the answer is about, e.g. 'Mid-Level MLOps Manager'",
    "citations": "numbered passages: breadcrumb 'document › section', text, spans (quoted parts as offsets into text)",
    "facts": "the figures of a composed answer, each with its citation number",
    "notes": "statements that are not quotes, e.g. what was computed",
}


def _as_lists(schema):
    """Fixed-length tuples of one type (a span is (start, end)) as plain lists: the API page
    otherwise shows a list of spans as a single tuple."""
    if isinstance(schema, dict):
        items = schema.get("prefixItems")
        if items and all(item == items[0] for item in items):
            return {"type": "array", "items": _as_lists(items[0])}
        return {key: _as_lists(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_as_lists(value) for value in schema]
    return schema


def reply_schema() -> dict:
    """The JSON shape of ``Reply.to_dict()``, from the dataclass itself, with the main fields described."""
    schema = _as_lists(python_type_to_json_schema(Reply))
    for name, description in REPLY_FIELDS.items():
        if name in schema.get("properties", {}):
            schema["properties"][name] = {**schema["properties"][name], "description": description}
    return schema


def describe_api(demo: gr.Blocks, api_name: str) -> None:
    """Gives the ``ask`` endpoint's parameters a name, a type and a description on the API page,
    and its return value the shape of a Reply (Gradio's defaults: "1st Api component", "Any")."""
    fn = next(f for f in demo.fns.values() if f.api_name == api_name)
    for component, (name, (schema, description)) in zip(fn.inputs, ASK_PARAMETERS.items()):
        component.label = name
        component._api_info = {**schema, "additional_description": description}
    fn.inputs[1].value = []
    fn.outputs[0].label = "reply"
    fn.outputs[0]._api_info = reply_schema()


def build_demo(bot: Assistant, interactions: InteractionLog, allow_upload: bool = False) -> gr.Blocks:
    """The page: the chat with its input on one side, the evidence panel on the other (under it on
    narrow screens); the documented ``ask`` endpoint; internal events hidden from the API page.
    With ``allow_upload``, a button under the input adds a document to the corpus."""
    # Only files Gradio's upload route wrote are taken (``demo`` is bound below, before any event runs).
    uploads = Uploads(bot, lambda path: path in demo.upload_file_set,
                      lambda path: demo.upload_file_set.discard(path)) if allow_upload else None

    def reply_for(question: str, history: list[str], k: int = 5) -> Reply:
        """The one place a question becomes a Reply. Small talk is answered here until the pipeline
        returns kind="help" itself; then this is just ``bot.ask``."""
        return bot.ask(question, history=history, k=k)

    def submit(message, state, request: gr.Request = None):
        """Post the question (exactly as typed), then the reply and its evidence. Empty input is
        not sent; an over-long one stays in the box with a message, nothing cut."""
        text = message if isinstance(message, str) else ""
        state = state if isinstance(state, dict) and "messages" in state else new_session()
        if not text.strip():
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        try:
            validate_question(text)
        except ValueError as exc:
            log.warning("rejected chat input: %s", exc)
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), notice_html(str(exc))
            return
        state["messages"].append({"role": "user", "content": user_message(text)})
        state["texts"].append(text)
        yield "", state["messages"], gr.skip(), state, ""
        started, turns = time.perf_counter(), state["questions"][-MAX_HISTORY_TURNS:]
        try:
            reply = reply_for(text, turns)
        except ValueError as exc:  # validated above; kept so that no input ends in a traceback
            log.warning("rejected chat input: %s", exc)
            state["messages"].pop(), state["texts"].pop()
            yield text, state["messages"], gr.skip(), state, notice_html(str(exc))
            return
        rid = state["next_reply"]
        state["next_reply"] += 1
        shown = render_reply(reply, rid, text, bot.stats()["titles"])  # an upload may have added titles
        state["messages"].append({"role": "assistant", "content": shown.bubble})
        state["texts"].append(shown.text)
        del state["messages"][:-MESSAGES_KEPT], state["texts"][:-MESSAGES_KEPT]
        state["evidence"] = (state["evidence"] + [(rid, shown.evidence)])[-EVIDENCE_KEPT:]
        if reply.kind != "help":  # "thanks" is not what a follow-up refers to
            state["questions"] = (state["questions"] + [text])[-MAX_HISTORY_TURNS:]
        interactions.write(event="question", session=getattr(request, "session_hash", None), question=reply.question,
                           history_turns=len(turns),
                           latency_ms=round((time.perf_counter() - started) * 1000, 1), kind=reply.kind,
                           confidence=reply.confidence, confidence_label=reply.confidence_label,
                           abstained=reply.abstained, answer_type=reply.answer_type)
        yield gr.skip(), state["messages"], evidence_panel(state["evidence"]), state, gr.skip()

    def ask_example(state, event: Event, request: gr.Request = None):
        value = event.data.get("value")
        text = value.get("text") if isinstance(value, dict) else None
        yield from submit(text if isinstance(text, str) else "", state, request)

    def clear():
        return new_session(), EMPTY_EVIDENCE, ""

    def add_file(payload, state, request: gr.Request = None):
        """Index an uploaded file, with a progress line meanwhile; then a note in the chat and the
        header's document list updated. A refused file gets the reason and changes nothing."""
        state = state if isinstance(state, dict) and "messages" in state else new_session()
        added = None
        try:
            for event in uploads.add(payload):
                if isinstance(event, Added):
                    added = event
                    break
                yield upload_status(event), gr.skip(), gr.skip(), gr.skip()
        except DocumentRejected as exc:
            log.warning("refused an upload: %s", exc)
            yield upload_status(str(exc), problem=True), gr.skip(), gr.skip(), gr.skip()
            return
        note = added.note()
        state["messages"].append({"role": "assistant", "content": chat_note(note)})
        state["texts"].append(note)
        del state["messages"][:-MESSAGES_KEPT], state["texts"][:-MESSAGES_KEPT]
        interactions.write(event="upload", session=getattr(request, "session_hash", None), name=added.name,
                           titles=list(added.titles), passages=added.passages, seconds=round(added.seconds, 1))
        yield "", state["messages"], state, header_html(bot.stats()["titles"])

    def feedback(state, event: Event, request: gr.Request = None) -> None:
        index, texts = event.data.get("index"), state.get("texts", []) if isinstance(state, dict) else []
        if isinstance(index, (list, tuple)) and index:
            index = index[0]
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(texts):
            log.warning("rejected feedback without a valid message index")
            raise gr.Error("feedback needs the message it is about", print_exception=False)
        interactions.write(event="feedback", session=getattr(request, "session_hash", None),
                           liked=event.data.get("liked", True), message_index=index, message=texts[index][:500])

    def ask(question: str, history: list[str] | None = None, k: int = 5) -> dict:
        """Answer a question from the documents. Returns the reply as JSON, the same as
        Assistant.ask(...).to_dict(): the answer (or null when the documents don't say), its kind
        and confidence, and the numbered passages it is quoted from."""
        started = time.perf_counter()
        try:
            reply = reply_for(question, history if history is not None else [], k)
        except ValueError as exc:
            log.warning("rejected /ask input: %s", exc)  # one line; the caller gets the message
            raise gr.Error(str(exc), print_exception=False) from exc
        interactions.write(event="api", question=reply.question,
                           latency_ms=round((time.perf_counter() - started) * 1000, 1),
                           kind=reply.kind, confidence=reply.confidence, abstained=reply.abstained)
        return reply.to_dict()

    internal = {"api_visibility": "private", "concurrency_limit": CONCURRENCY}
    with gr.Blocks(title=APP_TITLE) as demo:
        state = gr.State(new_session())
        header = gr.HTML(header_html(bot.stats()["titles"]), elem_id="app-header", padding=False)
        with gr.Row(equal_height=False, elem_id="main"):
            with gr.Column(scale=3, min_width=340, elem_id="chat-column"):
                chatbot = gr.Chatbot(
                    show_label=False, elem_id="chat", height=CHAT_HEIGHT, buttons=["copy"], autoscroll=False,
                    latex_delimiters=[],  # document text and questions are shown literally, never as LaTeX
                    examples=[{"text": q} for q in EXAMPLES],
                    placeholder="Ask about roles, skills and salaries, or pick an example.",
                )
                # With uploads on, the upload button sits beside the input; its status line under it.
                with gr.Row(elem_id="input-row", equal_height=True) if uploads else contextlib.nullcontext():
                    textbox = gr.Textbox(
                        show_label=False, elem_id="question", lines=1, max_lines=6, submit_btn=True, autofocus=True,
                        placeholder="Ask a question, e.g. How much does a mid-level MLOps manager earn?", scale=1,
                    )  # no max_length: the browser would cut a long question silently
                    if uploads is not None:
                        upload = gr.UploadButton("Add a document", elem_id="upload", file_types=list(SUFFIXES),
                                                 size="sm", variant="secondary", scale=0, min_width=96)
                notice = gr.HTML("", elem_id="notice", padding=False)
                if uploads is not None:
                    status = gr.HTML("", elem_id="upload-status", padding=False)
            with gr.Column(scale=2, min_width=300, elem_id="evidence-column"):
                with gr.Accordion("Evidence", open=True, elem_id="evidence-box"):
                    evidence = gr.HTML(EMPTY_EVIDENCE, elem_id="evidence", padding=False)
        outputs = [textbox, chatbot, evidence, state, notice]
        textbox.submit(submit, [textbox, state], outputs, show_progress="minimal", **internal)
        textbox.change(None, [textbox], [notice], js=COUNTER_JS)  # .input misses pasted text
        chatbot.example_select(ask_example, [state], outputs, show_progress="minimal", **internal)
        chatbot.clear(clear, None, [state, evidence, notice], **internal)
        chatbot.like(feedback, [state], None, **internal)
        if uploads is not None:
            # preprocess=False: the handler gets the file's data (path and the name the user gave it)
            # and checks the path itself; one upload at a time, the others wait in the queue.
            upload.upload(add_file, [upload, state], [status, chatbot, state, header], preprocess=False,
                          show_progress="hidden", api_visibility="private", concurrency_limit=1)
            upload.click(None, None, [status], js="() => ''")  # a new choice clears the last message
            # The header's document list is built once, at start-up: a page opened after an upload
            # asks for the current one.
            demo.load(lambda: header_html(bot.stats()["titles"]), None, header, show_progress="hidden",
                      api_visibility="private")
        gr.api(ask, api_name="ask", concurrency_limit=CONCURRENCY)
        describe_api(demo, "ask")
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=256)
    # Gradio keeps per-session state for this many sessions; every API call is a new session,
    # so the default (10,000) lets memory grow for hours under scripted load (BENCHMARKS.md).
    demo.state_session_capacity = SESSION_CAPACITY
    return demo


# Components that take files; with none of them the app has no use for Gradio's upload route.
FILE_COMPONENTS = (gr.File, gr.Image, gr.Audio, gr.Video, gr.Model3D, gr.ImageEditor, gr.UploadButton, gr.Gallery,
                   gr.MultimodalTextbox)
UPLOAD_PATHS = ("/gradio_api/upload", "/gradio_api/upload_progress")
UPLOAD_OVERHEAD = 64 * 1024  # multipart headers around an uploaded file: Gradio's own size check answers first


def accepts_files(demo: gr.Blocks) -> bool:
    """Whether any component of the app takes a file from the user."""
    return any(isinstance(block, FILE_COMPONENTS) for block in demo.blocks.values())


def public_endpoints(demo: gr.Blocks) -> dict[str, int]:
    """The endpoints the API page documents (``ask``) and how many values each takes; the page's
    own events are not among them."""
    return {fn.api_name: len(fn.inputs) for fn in demo.fns.values() if fn.api_visibility == "public" and fn.fn}


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def build_server(bot: Assistant, log_dir: str | Path, auth: tuple[str, str] | None = None,
                 allow_upload: bool = False) -> FastAPI:
    """FastAPI app with /healthz, the request-size limit, the login rate limit and the Gradio app
    mounted at /. With ``auth`` the health check tells anonymous callers only that the service is
    up; index details need the same credentials as the chat (HTTP basic auth). With
    ``allow_upload`` the upload route takes one file up to the corpus's size limit."""
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

    demo = build_demo(bot, interactions, allow_upload)
    max_file = max_upload_bytes(bot.settings) if allow_upload else 1024 * 1024
    if not accepts_files(demo):
        for path in UPLOAD_PATHS:  # matched before the Gradio mount: nothing reaches Gradio's upload handler
            server.add_api_route(path, _no_uploads, methods=["GET", "POST", "PUT"], include_in_schema=False)
    # show_error=False: unexpected exceptions reach a client as a bare error, never as internal
    # text; messages the app raises on purpose (gr.Error) are still shown.
    app = gr.mount_gradio_app(server, demo, path="/", auth=auth, max_file_size=max_file, show_error=False,
                              app_kwargs={"openapi_url": None}, css_paths=[UI_DIR / "chat.css"],
                              js=(UI_DIR / "chat.js").read_text(encoding="utf-8"))
    app.add_middleware(ApiGate, public=public_endpoints(demo), events={i: len(fn.inputs) for i, fn in demo.fns.items()})
    app.add_middleware(LoginRateLimit, throttle=throttle)
    upload_limits = {path: max_file + UPLOAD_OVERHEAD for path in UPLOAD_PATHS[:1]} if allow_upload else {}
    app.add_middleware(RequestSizeLimit, limit=MAX_REQUEST_BYTES, paths=upload_limits)  # added last: runs first
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


def upload_from_env() -> bool:
    value = os.environ.get("ASSISTANT_ALLOW_UPLOAD", "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"ASSISTANT_ALLOW_UPLOAD must be 1 or 0, got {value!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chat with the career documents assistant.")
    parser.add_argument("--host", help="address to bind (default: GRADIO_SERVER_NAME or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: GRADIO_SERVER_PORT or 7860)")
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--index", default="index")
    parser.add_argument("--log-dir", default=os.environ.get("ASSISTANT_LOG_DIR", "logs"),
                        help="folder for interactions.jsonl (default: logs, or ASSISTANT_LOG_DIR)")
    parser.add_argument("--allow-upload", action="store_true", default=None,
                        help="let users add documents from the browser (off by default, or ASSISTANT_ALLOW_UPLOAD=1); "
                             "use it with basic auth")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        host, port = resolve_address(args.host, args.port)
        auth = auth_from_env()
        allow_upload = args.allow_upload or upload_from_env()
        if allow_upload and auth is None:
            print("warning: uploads are on without a sign-in: anyone who can reach this address can add documents "
                  "to the corpus; set ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD", file=sys.stderr)
        print("loading the index and the model …", file=sys.stderr)
        bot = Assistant.load(args.corpus, args.index, on_event=lambda m: print(m, file=sys.stderr))
        app = build_server(bot, args.log_dir, auth, allow_upload)
    except (AssistantError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Chat running at http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}  "
          f"(health: /healthz, log: {Path(args.log_dir) / 'interactions.jsonl'}; Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
