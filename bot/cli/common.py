"""Defaults shared by the subcommands: where the corpus and the log are."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings, load_settings

SHIPPED_KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def resolve_knowledge_dir(arg: str | Path | None, settings: Settings | None = None) -> Path:
    """``--knowledge`` if given, else ``BOT_KNOWLEDGE_DIR``, else ``./knowledge``, else the shipped corpus."""
    if arg:
        return Path(arg)
    configured = (settings or load_settings()).knowledge_dir
    if configured.is_dir() or configured != Path("knowledge"):
        return configured
    return SHIPPED_KNOWLEDGE if SHIPPED_KNOWLEDGE.is_dir() else configured


def resolve_db_path(arg: str | Path | None, settings: Settings | None = None) -> Path:
    """``--db`` if given, else ``BOT_DB_PATH`` (default ``data/queries.db``)."""
    return Path(arg) if arg else (settings or load_settings()).db_path


def log_secret(settings: Settings) -> bytes | None:
    """``BOT_LOG_SECRET`` as bytes, or None to use the secret file beside the log."""
    return settings.log_secret.get_secret_value().encode() if settings.log_secret else None
