"""One Settings object: every knob, with its environment variable (prefix RAPPORTEUR_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime settings; each field can be set as RAPPORTEUR_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="RAPPORTEUR_", extra="ignore")

    home: Path = Field(
        default=Path(".rapporteur"),
        description="Folder holding all state: unit store, indexes, caches, manifests.",
    )
    data_dir: Path = Field(default=Path("data"), description="Folder `make run` indexes.")
    embedders: tuple[str, ...] = Field(
        default=("e5-small", "use-m3"),
        description="Dense models to index with, by name (see index.embedders.MODELS).",
    )
    # Chosen on ../shared/eval/dev_questions.jsonl (README, "Retrieval"): BM25 0.3 + e5 0.7 for
    # English; for Spanish/French questions BM25's English stemming is noise, e5 + USE-m3 do better.
    weights: dict[str, float] = Field(
        default={"bm25": 0.3, "e5-small": 0.7},
        description="Fusion weights per ranked list for English questions (bm25 and embedder names).",
    )
    foreign_weights: dict[str, float] = Field(
        default={"e5-small": 0.5, "use-m3": 0.5},
        description="Fusion weights for questions detected as not English.",
    )
    intent_boost: float = Field(
        default=0.25,
        description="Added to recommendations' fused score when a question asks what was recommended.",
    )
    host: str = Field(default="127.0.0.1", description="Address the server binds to.")
    port: int = Field(default=7860, description="Port the server listens on.")
    api_key: str | None = Field(
        default=None,
        description="Key required for write endpoints (upload, delete); writes are off when unset.",
    )

    @property
    def store_path(self) -> Path:
        return self.home / "store.sqlite"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (FastAPI depends on this; tests override it)."""
    return Settings()
