"""Shared fixtures: the real bundled model (loaded once) and an assistant over the real corpus."""
from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, Settings
from assistant.embedding import Embedder, embedder_for

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GUIDE = CORPUS / "machine-learning-devops-manager-career-guide.txt"


@contextlib.contextmanager
def bot_over(folder: Path, pages: dict[str, str], settings: Settings, embedder: Embedder):
    """An assistant over a corpus of just ``pages`` (file name -> text), indexed into ``folder``;
    closed when the block ends."""
    (folder / "corpus").mkdir()
    for name, text in pages.items():
        (folder / "corpus" / name).write_text(text, encoding="utf-8")
    bot = Assistant.load(folder / "corpus", folder / "index", settings, embedder)
    try:
        yield bot
    finally:
        bot.close()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


class RememberingEmbedder:
    """The real model, remembering each text's vector for the session.

    The same question asked of five assistants, or the same passage indexed from five file
    formats, is embedded once. A vector depends only on its text (test_onnx_embedding checks
    that batch-mates change nothing), so every answer is the one the model itself gives; the
    embedder's own tests use unwrapped instances."""

    def __init__(self, model: Embedder):
        self.model = model
        self.vectors: dict[str, np.ndarray] = {}

    def __getattr__(self, name):  # name, dim, backend, set_threads ... of the real model
        return getattr(self.model, name)

    def encode(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        new = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if new:
            for text, vector in zip(new, self.model.encode(new, batch_size=batch_size, progress=progress)):
                vector.flags.writeable = False
                self.vectors[text] = vector
        if not texts:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        return np.stack([self.vectors[text] for text in texts])


@pytest.fixture(scope="session")
def embedder(settings) -> Embedder:
    """The real bundled model on the default backend (ONNX Runtime), loaded once and shared
    (see RememberingEmbedder); the CLI tests get it in-process."""
    return RememberingEmbedder(embedder_for(settings))


@pytest.fixture(scope="session")
def bot_folders(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus, index) folders of the session's assistant: a copy of the shipped corpus."""
    base = tmp_path_factory.mktemp("bot")
    shutil.copytree(CORPUS, base / "corpus")
    return base / "corpus", base / "index"


@pytest.fixture(scope="session")
def bot(bot_folders, embedder, settings) -> Assistant:
    """The assistant over a copy of the shipped corpus, indexed into a temporary folder."""
    corpus, index = bot_folders
    return Assistant.load(corpus, index, settings, embedder)


@pytest.fixture(scope="session")
def format_variants(tmp_path_factory) -> dict[str, Path]:
    """The shipped page as HTML (written by hand, tests/resources/formats/guide.html) and as the
    Markdown, DOCX and PDF generated from it for this run: suffix -> path."""
    from .format_samples import build_variants

    return build_variants(tmp_path_factory.mktemp("variants"))


SMALL_PAGE = """logoAcme

Data Platform Lead

first image

Overview

Data platform leads own the systems that move data. Key duties include:

  1. Pipelines: Keeping ingestion reliable and observable.
  2. Storage: Choosing warehouses and lakes that fit the workload. They also care about costs such as:
  • Compute spend
  • Storage growth By watching these costs, leads keep budgets predictable.

Salary Ranges (US Market, 2024)

Pay for data platform leads varies with experience:

Senior-Level Data Platform Lead

  • Salary Range: $190,000 - $230,000 per year
  • Usually requires 8+ years of experience

More Careers

Analytics Engineer

Analytics Engineer

An Analytics Engineer builds trusted data models for analysts. ### Responsibilities - Model raw data into clean tables - Write tests for metrics ### Tools - dbt and SQL - Git for version control In summary, an Analytics Engineer bridges data engineering and analysis.
"""


# A career-data page's pay cards, each value glued to its label with its caption on the next line.
WELDER_CARDS = """Welder career data
How much can you earn?
Entry Level$38,200
10th percentile
Median$49,100
50th percentile
Top Earners$71,400
90th percentile
"""


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """A folder holding one small career page in the shipped page's format."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "data-platform-lead.txt").write_text(SMALL_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def server(bot, tmp_path_factory):
    """The chat app served on a free loopback port; yields (url, log folder)."""
    import uvicorn

    import app as chat_app

    log_dir = tmp_path_factory.mktemp("logs")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(chat_app.build_server(bot, log_dir), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # bounded wait for start-up
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "server did not start"
    yield f"http://127.0.0.1:{port}", log_dir
    srv.should_exit = True
    thread.join(timeout=2)
    if thread.is_alive():  # clients' idle keep-alive connections: don't wait the full graceful period
        srv.force_exit = True
        thread.join(timeout=5)
