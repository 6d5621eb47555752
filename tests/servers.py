"""Serving an ASGI app on a free loopback port for a test (the session's main server is in conftest)."""
from __future__ import annotations

import contextlib
import socket
import threading
import time


@contextlib.contextmanager
def serving(app):
    """``app`` on a free loopback port for the length of the block; yields its URL. Waits are bounded."""
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
        if thread.is_alive():  # clients' idle keep-alive connections: don't wait the full graceful period
            srv.force_exit = True
            thread.join(timeout=5)
