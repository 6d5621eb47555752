"""Server-side guards for the chat app: a request-size limit counted on the bytes received, a
per-client limit on failed logins, and a gate on Gradio's event API (documented endpoints only,
well-formed calls only). All are plain ASGI middleware, so they see every request before Gradio
does, whatever its headers say."""
from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import OrderedDict, deque

LOGIN_PATHS = ("/login", "/login/")


async def _plain_response(send, status: int, text: str, headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *headers]})
    await send({"type": "http.response.body", "body": body})


class RequestSizeLimit:
    """Answers 413 as soon as a request body passes ``limit`` bytes.

    Content-Length is only a claim (and chunked requests have none), so the body is counted as
    it arrives and held here until it is complete; the app then reads it from memory. No request
    the app takes is near the limit, so holding it costs at most ``limit`` bytes per request.
    ``paths`` gives a route its own limit (the upload route, when uploads are on, takes a document).
    """

    def __init__(self, app, limit: int, paths: dict[str, int] | None = None):
        self.app, self.limit, self.paths = app, limit, dict(paths or {})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope.get("path", "").rstrip("/"), self.limit)
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _plain_response(send, 413, f"request larger than {limit} bytes")
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _plain_response(send, 413, f"request larger than {limit} bytes")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)


class LoginThrottle:
    """Remembers failed logins per client; after ``attempts`` failures within ``window`` seconds
    that client is refused until the oldest failure ages out."""

    def __init__(self, attempts: int = 5, window: float = 60.0, max_clients: int = 10_000):
        self.attempts, self.window, self.max_clients = attempts, window, max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int | None:
        """Seconds this client must wait before trying again, or None when it may try now."""
        now = time.monotonic()
        with self._lock:
            failures = self._failures.get(client)
            if failures is None:
                return None
            while failures and failures[0] <= now - self.window:
                failures.popleft()
            if not failures:
                del self._failures[client]
                return None
            if len(failures) < self.attempts:
                return None
            return max(1, math.ceil(failures[0] + self.window - now))

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, deque()).append(time.monotonic())
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:  # many addresses must not grow memory without bound
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def client_of(scope) -> str:
    """The peer address. Behind a reverse proxy every client shares the proxy's address, so
    the throttle then limits them together (X-Forwarded-For is not trusted: anyone can set it)."""
    client = scope.get("client")
    return client[0] if client else "unknown"


class LoginRateLimit:
    """Answers 429 with Retry-After to a client with too many recent failed logins; a login
    Gradio refuses (any 4xx answer to POST /login) counts as a failure."""

    def __init__(self, app, throttle: LoginThrottle):
        self.app, self.throttle = app, throttle

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in LOGIN_PATHS:
            await self.app(scope, receive, send)
            return
        client = client_of(scope)
        wait = self.throttle.retry_after(client)
        if wait is not None:
            await _plain_response(send, 429, f"too many failed logins; try again in {wait} s",
                                  ((b"retry-after", str(wait).encode()),))
            return

        async def watch(message):
            if message["type"] == "http.response.start":
                if 400 <= message["status"] < 500:
                    self.throttle.failed(client)
                elif message["status"] < 400:
                    self.throttle.succeeded(client)
            await send(message)

        await self.app(scope, receive, watch)


class ApiGate:
    """Checks calls into Gradio's event API before Gradio sees them.

    * The by-name routes (``/gradio_api/call/<name>``, ``/run/<name>``, ``/api/<name>``) reach only
      the endpoints the app documents; any other name gets 404. Gradio answers an unknown name
      with a 500 and a traceback, and would run the page's internal events (which the browser
      calls by number through the queue) for anyone who guesses a name.
    * A call must carry at least as many values as its event takes, else 422. Gradio logs a
      traceback for a short one and answers with its internal message.

    ``public`` maps documented names to their number of inputs, ``events`` event numbers to theirs.
    """

    _BY_NAME = re.compile(r"^/gradio_api/(?:call/v2|call|run|api)/(?P<name>[^/]+)(?P<rest>/[^/]*)?/?$")
    _QUEUE_JOIN = ("/gradio_api/queue/join", "/gradio_api/queue/join/")

    def __init__(self, app, public: dict[str, int], events: dict[int, int]):
        self.app, self.public, self.events = app, dict(public), dict(events)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        by_name = self._BY_NAME.match(path)
        if by_name and by_name.group("name") not in self.public:
            await _plain_response(send, 404, f"no API endpoint named {by_name.group('name')!r}")
            return
        posts_data = scope.get("method") == "POST" and (path in self._QUEUE_JOIN or by_name and not by_name.group("rest"))
        if not posts_data:
            await self.app(scope, receive, send)
            return
        body, message = await _read_body(receive)
        if message is not None:
            await _plain_response(send, 422, message)
            return
        problem = self._check(body, by_name.group("name") if by_name else None)
        if problem:
            await _plain_response(send, 422, problem)
            return
        await self.app(scope, _replay(body, receive), send)

    def _check(self, body: bytes, name: str | None) -> str | None:
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            return "the request body must be JSON"
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
            return 'the request body must be a JSON object with a "data" list'
        if name is not None:
            wanted, what = self.public[name], f"/{name}"
        else:
            index = payload.get("fn_index")
            if not isinstance(index, int) or isinstance(index, bool) or index not in self.events:
                return "unknown event"
            wanted, what = self.events[index], "this event"
        if len(payload["data"]) < wanted:
            return f"{what} takes {wanted} values in \"data\", got {len(payload['data'])}"
        return None


async def _read_body(receive) -> tuple[bytes, str | None]:
    """The whole request body (RequestSizeLimit, in front, has already bounded it)."""
    chunks, more = [], True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return b"", "the client went away"
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks), None


def _replay(body: bytes, receive):
    """A receive() that hands the app ``body`` once, then waits on the real connection."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as a server would

    return replay
