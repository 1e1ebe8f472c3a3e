"""One typed settings object, read from environment variables and an optional ``.env``.

Nothing is read at import time: call ``Settings()`` (or ``load_settings()``) in ``main``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, time
from pathlib import Path
from typing import Annotated, Literal, get_args, get_origin

import annotated_types
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.models import Language

IdList = Annotated[list[int], NoDecode]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)  # in datetime.weekday() order


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """When and where the weekly digest goes: ``channel`` (its server is the one reported), ``weekday`` and
    ``at`` (timezone-aware), and the ``language`` set for it (None: the server's preferred locale)."""

    channel: int
    weekday: Weekday
    at: time
    language: Language | None


def _split_ids(value: object) -> object:
    """Accept ``"1,2, 3"`` as well as a JSON list for id lists."""
    if isinstance(value, str):
        return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
    if isinstance(value, int):
        return [value]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True, env_ignore_empty=True
    )

    # Discord
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    discord_api_base: str | None = Field(default=None, validation_alias="DISCORD_API_BASE")
    discord_gateway_url: str | None = Field(default=None, validation_alias="DISCORD_GATEWAY_URL")
    dev_guild: int | None = Field(default=None, validation_alias="BOT_DEV_GUILD")
    allowed_channels: IdList = Field(default_factory=list, validation_alias="BOT_ALLOWED_CHANNELS")
    allow_dms: bool = Field(default=True, validation_alias="BOT_ALLOW_DMS")
    answer_in_thread: bool = Field(default=False, validation_alias="BOT_ANSWER_IN_THREAD")
    moderator_roles: IdList = Field(default_factory=list, validation_alias="BOT_MODERATOR_ROLES")
    maintainer_roles: IdList = Field(default_factory=list, validation_alias="BOT_MAINTAINER_ROLES")
    staff_guilds: IdList = Field(default_factory=list, validation_alias="BOT_STAFF_GUILDS")  # where /kb, /logs exist
    cooldown_questions: int = Field(default=5, ge=1, validation_alias="BOT_COOLDOWN_QUESTIONS")
    cooldown_seconds: float = Field(default=60.0, gt=0, validation_alias="BOT_COOLDOWN_SECONDS")
    duplicate_window_seconds: float = Field(default=5.0, ge=0, validation_alias="BOT_DUPLICATE_WINDOW_SECONDS")
    auto_reload: bool = Field(default=False, validation_alias="BOT_AUTO_RELOAD")
    build_seconds: float = Field(default=120.0, gt=0, validation_alias="BOT_BUILD_SECONDS")
    build_memory_mb: int = Field(default=4096, ge=256, validation_alias="BOT_BUILD_MEMORY_MB")
    digest_channel: int | None = Field(default=None, validation_alias="BOT_DIGEST_CHANNEL")
    digest_day: Weekday = Field(default="monday", validation_alias="BOT_DIGEST_DAY")
    digest_time: time = Field(default=time(8, 0), validation_alias="BOT_DIGEST_TIME")  # UTC unless an offset is given
    digest_language: Language | None = Field(default=None, validation_alias="BOT_DIGEST_LANGUAGE")

    # Corpus and log
    knowledge_dir: Path = Field(default=Path("knowledge"), validation_alias="BOT_KNOWLEDGE_DIR")
    db_path: Path = Field(default=Path("data/queries.db"), validation_alias="BOT_DB_PATH")
    log_secret: SecretStr | None = Field(default=None, validation_alias="BOT_LOG_SECRET")
    log_retention_days: int = Field(default=90, ge=1, validation_alias="BOT_LOG_RETENTION_DAYS")
    log_level: str = Field(default="INFO", validation_alias="BOT_LOG_LEVEL")

    @field_validator("allowed_channels", "moderator_roles", "maintainer_roles", "staff_guilds", mode="before")
    @classmethod
    def _ids(cls, value: object) -> object:
        return _split_ids(value)

    @field_validator("digest_day", "digest_language", mode="before")
    @classmethod
    def _lowercase(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def digest(self) -> DigestSettings | None:
        """The weekly digest's settings; None when ``BOT_DIGEST_CHANNEL`` is not set (no digest)."""
        if not self.digest_channel:
            return None
        at = self.digest_time if self.digest_time.tzinfo else self.digest_time.replace(tzinfo=UTC)
        return DigestSettings(self.digest_channel, self.digest_day, at, self.digest_language)


ID_LIST_FORM = "Discord ids (digits) separated by commas, e.g. 123456789012345678,234567890123456789"
SECRET_FIELDS = ("discord_token", "log_secret")  # their value is never echoed in an error


def _choices(kind: object) -> tuple[str, ...]:
    """The values of a ``Literal`` setting (``Weekday``; ``Language | None``), so an error can list them."""
    for arg in (kind, *get_args(kind)):
        if get_origin(arg) is Literal:
            return get_args(arg)
    return ()


def _expected(name: str) -> str:
    """What a setting must look like, in plain words, from its type and bounds."""
    field = Settings.model_fields[name]
    kind = field.annotation
    if kind == IdList or kind == list[int]:
        return ID_LIST_FORM
    if kind is bool:
        return "true or false"
    choices = _choices(kind)
    if choices:
        return "one of " + ", ".join(choices)
    words = {int: "a whole number", float: "a number", int | None: "a Discord id (digits)",
             Path: "a path", time: "a time of day HH:MM (UTC unless an offset is given: 08:00, 09:30+02:00)",
             }.get(kind, "text")
    for bound in field.metadata:
        if isinstance(bound, annotated_types.Ge):
            words += f" of at least {bound.ge:g}"
        elif isinstance(bound, annotated_types.Gt):
            words += f" above {bound.gt:g}"
    return words


def explain(error: ValidationError) -> list[str]:
    """One line per bad setting: the variable, the form it needs and what it got (``BOT_STAFF_GUILDS must be …``)."""
    by_alias = {str(f.validation_alias): name for name, f in Settings.model_fields.items()}
    lines = []
    for problem in error.errors():
        alias = str(problem["loc"][0]) if problem["loc"] else "?"
        name = by_alias.get(alias, alias)
        if name not in Settings.model_fields:
            lines.append(f"{alias}: {problem['msg']}")
            continue
        got = "" if name in SECRET_FIELDS else f" (got {problem.get('input')!r})"
        lines.append(f"{alias} must be {_expected(name)}{got}")
    return lines


def load_settings(**overrides: object) -> Settings:
    """Build the settings (environment, then ``.env``), with explicit overrides on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
