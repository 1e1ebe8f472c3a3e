"""``/kb add``: check an uploaded knowledge file the way the loader would, then save it atomically."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from bot.atomic import atomic_write
from bot.knowledge.files import MAX_FILE_BYTES, decode, split_lines, too_big
from bot.knowledge.loader import load_directory, read_file
from bot.knowledge.parse import (
    KNOWLEDGE_SUFFIXES,
    SIDECAR_SUFFIX,
    YAML_SUFFIXES,
    ParsedFile,
    build_document,
    front_matter,
    parse_file,
    parse_sidecar,
    sidecar_name,
    suffix_list,
)
from bot.knowledge.problems import FileProblem, FileProblems, all_problems
from bot.knowledge.safe_yaml import parse_yaml
from bot.models import LoadError

MAX_FILENAME_CHARS = 100
UPLOAD_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class UploadRefused(ValueError):
    """``save_upload`` refused to write a file (unsafe name or path, too big)."""


def name_problem(filename: str) -> str | None:
    """Why an uploaded file name is unsafe or not a knowledge file name, or None."""
    if not filename or len(filename) > MAX_FILENAME_CHARS:
        return f"the file name must have 1 to {MAX_FILENAME_CHARS} characters"
    if "/" in filename or "\\" in filename:
        return "the file name must not contain a folder (no / or \\)"
    if filename.startswith((".", "_")):
        return "the file name must not start with a dot or an underscore"
    if not UPLOAD_NAME_RE.fullmatch(filename):
        return "the file name may only use letters A-Z a-z, digits, dots, hyphens and underscores"
    if not filename.lower().endswith(KNOWLEDGE_SUFFIXES):
        return f"the file name must end in {suffix_list()}"
    if PurePosixPath(filename).stem.lower() == "readme":
        return "README files are notes for people, not knowledge files; choose another name"
    return None


def _upload_parse(path: str, data: bytes, directory: Path) -> tuple[str, ParsedFile]:
    """Parse an upload saved as ``path`` (relative) the way the loader would; return the path of the
    document it belongs to and what it contributes."""
    if path.lower().endswith(SIDECAR_SUFFIX):
        meta = parse_sidecar(path, data)
        txt_name = path[: -len(SIDECAR_SUFFIX)] + ".txt"
        txt = directory / txt_name
        if not txt.is_file():
            return txt_name, build_document(meta, txt_name, [])
        return txt_name, parse_file(txt_name, read_file(txt), (path, data))
    sidecar = None
    if path.lower().endswith(".txt"):
        sidecar_path = PurePosixPath(path).with_name(sidecar_name(path)).as_posix()
        candidate = directory / sidecar_path
        if candidate.is_file() and not candidate.is_symlink():
            sidecar = (sidecar_path, read_file(candidate))
    return path, parse_file(path, data, sidecar)


def _collisions(path: str, parsed: ParsedFile, directory: Path) -> list[LoadError]:
    """Ids of the upload already used by another file of the knowledge dir."""
    loader = load_directory(directory)
    errors = []
    doc = parsed.document
    if doc is not None and loader.doc_paths.get(doc.id, path) != path:
        other = loader.doc_paths[doc.id]
        errors.append(
            LoadError(
                parsed.id_path or path,
                parsed.id_line,
                f'the id "{doc.id}" is already used by {other}; choose another id, or add the file again '
                "with replace: true to replace that one",
            )
        )
    for entry, line in zip(parsed.glossary, parsed.glossary_lines, strict=True):
        other = loader.glossary_paths.get(entry.id, path)
        if other != path:
            errors.append(LoadError(path, line, f'glossary id "{entry.id}" is already used in {other}'))
    return errors


def check_upload(filename: str, data: bytes, directory: Path, target: str | None = None) -> list[LoadError]:
    """Everything wrong with uploading ``data`` as ``directory/filename`` (empty list: safe to save).

    ``target``: the relative path it will be saved at when it replaces a file in a subfolder (``en/x.md``)."""
    problem = name_problem(filename)
    if problem:
        return [LoadError(filename, 1, problem)]
    if len(data) > MAX_FILE_BYTES:
        return [LoadError(filename, 1, too_big(len(data)).message)]
    try:
        path, parsed = _upload_parse(target or filename, data, Path(directory))
    except (FileProblem, FileProblems) as exc:
        errors = [LoadError(p.path or target or filename, p.line, p.message) for p in all_problems(exc)]
        return errors + _broken_file_collision(target or filename, data, Path(directory))
    return _collisions(path, parsed, Path(directory))


def _broken_file_collision(path: str, data: bytes, directory: Path) -> list[LoadError]:
    """A file with problems may also reuse a taken id: say so now, so that one upload lists every problem."""
    try:
        text = decode(data)
        parsed = parse_yaml(text) if path.lower().endswith(YAML_SUFFIXES) else front_matter(split_lines(text))[0]
    except FileProblem:
        return []
    doc_id = parsed.data.get("id") if parsed is not None and isinstance(parsed.data, dict) else None
    if not isinstance(doc_id, str) or path.lower().endswith(SIDECAR_SUFFIX):
        return []
    other = load_directory(directory).doc_paths.get(doc_id.strip(), path)
    if other == path:
        return []
    line = parsed.key_lines.get("id", 1)
    return [LoadError(path, line, f'the id "{doc_id.strip()}" is already used by {other}; choose another id, '
                      "or add the file again with replace: true to replace that one")]


def save_upload(filename: str, data: bytes, directory: Path, target: str | None = None) -> Path:
    """Write ``data`` to ``directory/filename`` (or ``directory/target``, a file it replaces in a subfolder)
    atomically (temp file + ``os.replace``).

    Raises :class:`UploadRefused` (with a moderator-readable message) for an unsafe name or path,
    oversized data, or a write that fails (missing folder, permissions, full disk).
    """
    problem = name_problem(filename)
    if problem:
        raise UploadRefused(problem)
    if len(data) > MAX_FILE_BYTES:
        raise UploadRefused(too_big(len(data)).message)
    try:
        root = Path(directory).resolve(strict=True)
        relative = PurePosixPath(target or filename)
        if relative.is_absolute() or any(part.startswith((".", "_")) for part in relative.parts):
            raise UploadRefused("the file would be written outside the knowledge folder")
        path = root.joinpath(*relative.parts)
        if path.is_symlink() or path.resolve().parent != root.joinpath(*relative.parts[:-1]).resolve() or not (
            path.resolve().is_relative_to(root)
        ):
            raise UploadRefused("the file would be written outside the knowledge folder")
        if path.exists() and not path.is_file():
            raise UploadRefused("a folder with that name already exists")
        with atomic_write(path, ".upload-", mode=0o644) as handle:
            handle.write(data)
    except OSError as exc:
        raise UploadRefused(f"the file could not be saved ({exc.strerror or exc})") from exc
    return path
