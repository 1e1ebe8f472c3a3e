"""A fingerprint of the log secret, kept in the log, so a lost or regenerated secret is noticed.

Member ids are stored as HMAC hashes keyed by the secret: with another secret, ``/forget-me`` and
``logs forget`` silently match nobody. The fingerprint is an HMAC of a fixed label (it reveals nothing about
the secret); the first writer records it, later openers compare.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import sqlite3
from pathlib import Path

KEY = "secret_fingerprint"
_LABEL = b"declaration-bot query log secret fingerprint v1"


class SecretCheck(enum.Enum):
    MATCH = "match"
    MISMATCH = "mismatch"
    UNKNOWN = "unknown"  # a log written before schema version 3 (or never written): nothing to compare


def fingerprint(secret: bytes) -> str:
    """16 hex digits identifying ``secret`` without revealing it."""
    return hmac.new(secret, _LABEL, hashlib.sha256).hexdigest()[:16]


SELECT = f"SELECT value FROM meta WHERE key = '{KEY}'"
RECORD = "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)"


def stored(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(SELECT).fetchone()
    return row[0] if row else None


def compare(known: str | None, secret: bytes) -> SecretCheck:
    """``secret`` against the fingerprint a log holds (``known``, None when it holds none)."""
    if known is None:
        return SecretCheck.UNKNOWN
    return SecretCheck.MATCH if hmac.compare_digest(known, fingerprint(secret)) else SecretCheck.MISMATCH


def check(conn: sqlite3.Connection, secret: bytes) -> SecretCheck:
    """Compare ``secret`` with the fingerprint of an open log (read only)."""
    return compare(stored(conn), secret)


def mismatch_message(path: Path | str, secret_file: Path | str, missing: Path | str | None = None) -> str:
    """What a maintainer reads when the secret in use is not the one the log was written with (``missing``: the
    secret file that is not there, none having been made in its place)."""
    if missing is not None:
        return (
            f"{path} was written with a log secret, but there is no {missing} and BOT_LOG_SECRET is not set (a copied "
            f"log, or a lost secret): member hashes cannot be matched and no new secret was made. Put the previous "
            f"secret back as {missing} or BOT_LOG_SECRET"
        )
    return (
        f"the log secret in use does not match the one {path} was written with: member hashes already stored "
        f"cannot be matched (forget-me and `logs forget` would find nothing, members look new). Restore the "
        f"previous BOT_LOG_SECRET or the file {secret_file}"
    )
