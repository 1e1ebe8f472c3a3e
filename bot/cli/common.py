"""Defaults shared by the subcommands: where the corpus and the log are, from the settings ``main`` read."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings

SHIPPED_KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def resolve_knowledge_dir(arg: str | Path | None, settings: Settings) -> Path:
    """``--knowledge`` if given, else ``BOT_KNOWLEDGE_DIR``, else ``./knowledge``, else the shipped corpus."""
    if arg:
        return Path(arg)
    configured = settings.knowledge_dir
    if configured.is_dir() or configured != Path("knowledge"):
        return configured
    return SHIPPED_KNOWLEDGE if SHIPPED_KNOWLEDGE.is_dir() else configured


def resolve_db_path(arg: str | Path | None, settings: Settings) -> Path:
    """``--db`` if given, else ``BOT_DB_PATH`` (default ``data/queries.db``)."""
    return Path(arg) if arg else settings.db_path


def log_secret(settings: Settings) -> bytes | None:
    """``BOT_LOG_SECRET`` as bytes, or None to use the secret file beside the log."""
    return settings.log_secret.get_secret_value().encode() if settings.log_secret else None
