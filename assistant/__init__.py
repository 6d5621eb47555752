"""Extractive, cited question answering over career documents."""
from .config import Settings
from .errors import (AssistantError, EmptyCorpusError, IndexMismatchError, InvalidQuestionError,
                     ModelLoadError)
from .pipeline import Assistant
from .types import Citation, Reply

__all__ = ["Assistant", "Settings", "Reply", "Citation", "AssistantError", "EmptyCorpusError",
           "IndexMismatchError", "InvalidQuestionError", "ModelLoadError"]
