"""Domain errors. Each message names the file or setting and what to do about it.

Edges translate them: the CLI prints one line and exits non-zero, the API answers 4xx.
"""


class RapporteurError(Exception):
    """Base of every error a user can cause and fix."""


class ParseError(RapporteurError):
    """A file could not be read as a UN document."""


class StoreError(RapporteurError):
    """The unit store is missing, locked or damaged."""


class IndexMismatch(RapporteurError):
    """An index was built with other settings or from another store state."""


class ConfigError(RapporteurError):
    """A setting is invalid or names something that is not there."""


class NotFound(RapporteurError):
    """A document or unit that was asked for is not in the store."""


class EngineUnavailable(RapporteurError):
    """The search engine the settings name (a Milvus server) cannot be reached or failed."""
