"""A knowledge file's bytes as text: size limit, binary and UTF-8 checks, BOM, line splitting."""

from __future__ import annotations

import re

from bot.knowledge.problems import FileProblem

MAX_FILE_BYTES = 1024 * 1024  # 1 MB per file


EMPTY = "the file is empty: write its text, or delete it"  # (trial 10 L3: say what to do)


def too_big(size: int) -> FileProblem:
    return FileProblem(
        1,
        f"the file is too big ({size / 1_048_576:.1f} MB; the limit is {MAX_FILE_BYTES // 1_048_576} MB): "
        "split it into several files",
    )


def _line_of_byte(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def _utf16(data: bytes) -> bool:
    """Text saved as UTF-16 (Windows Notepad's "Unicode"): its byte order mark, or a NUL byte beside every
    ASCII letter at its start."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = data[:200]
    halves = (start[0::2], start[1::2])
    return len(start) >= 8 and any(not zeros.strip(b"\x00") and 0 not in text for zeros, text in (halves, halves[::-1]))


KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")
SHIFT_JIS_KANA_SHARE = 0.2  # of the non-ASCII characters: Japanese text has many kana, misread bytes almost none


def _shift_jis(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Japanese text in Shift-JIS (cp932): all of them decode and many
    are kana (Windows-1252 French bytes may decode too, as stray kanji, but hardly ever as kana)."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return False
    wide = sum(1 for ch in text if ord(ch) > 0x7F)
    return wide > 0 and len(KANA.findall(text)) >= SHIFT_JIS_KANA_SHARE * wide


def decode(data: bytes) -> str:
    """Bytes → text: refuse empty, binary and non-UTF-8 files; drop a UTF-8 BOM."""
    if _utf16(data):
        raise FileProblem(
            1,
            'the file is saved as UTF-16 (Windows Notepad calls it "Unicode"), not UTF-8; save it again choosing '
            "the UTF-8 encoding",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FileProblem(
            _line_of_byte(data, nul),
            "this is not a text file (it contains NUL bytes); save it as plain UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        if _shift_jis(data):
            raise FileProblem(
                _line_of_byte(data, exc.start),
                "the file is saved as Shift-JIS (what Japanese Windows often uses), not UTF-8; save it again "
                "choosing the UTF-8 encoding",
            ) from exc
        raise FileProblem(
            _line_of_byte(data, exc.start),
            f"the file is not UTF-8 text (byte 0x{bad:02X} cannot be read): it was probably saved as Windows-1252 / "
            'Latin-1 ("ANSI" in Windows Notepad); save it again choosing the UTF-8 encoding',  # (trial 10 L4)
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileProblem(1, EMPTY)
    return text


def split_lines(text: str) -> list[str]:
    """Split on \\n, \\r\\n and \\r only (like editors count lines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
