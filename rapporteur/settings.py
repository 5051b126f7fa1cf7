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
        default=("e5-small",),
        description="Dense models to index with, by name (see index.embedders.MODELS).",
    )
    weights: dict[str, float] = Field(
        default={"bm25": 0.4, "e5-small": 0.6},
        description="Fusion weights per ranked list (bm25 and each embedder); chosen on the dev set.",
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
