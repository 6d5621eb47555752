"""Error types the library raises; the CLI and the UI turn them into friendly messages."""


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class InvalidQuestionError(AssistantError, ValueError):
    """A question that can't be asked: not a string, empty, or too long."""


class EmptyCorpusError(AssistantError):
    """The corpus folder has no readable document (see corpus.SUFFIXES)."""


class IndexMismatchError(AssistantError):
    """An index on disk is missing, corrupt, or built from another corpus, model or setting."""


class ModelLoadError(AssistantError):
    """The embedding model could not be loaded from a local package or path."""
