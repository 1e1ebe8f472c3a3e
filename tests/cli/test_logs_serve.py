"""``python -m bot logs serve`` as a real process (issue 12, item 12): canned queries only unless --allow-sql,
the Host header checked, and SIGTERM stops Datasette and removes the temporary folder."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import paths
import pytest

from bot.querylog import schema

pytest.importorskip("datasette")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, host: str | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
        return conn.getresponse().status
    finally:
        conn.close()


def datasette_pids(db: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"datasette" in cmdline and str(db).encode() in cmdline:
                found.append(int(entry.name))
    return found


# Starts a command with SIGINT ignored, as a shell without job control starts a background job (`cmd &`).
SIGINT_IGNORED = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])"
)


def serve(tmp_path: Path, *extra: str, stderr: Any = subprocess.DEVNULL,
          sigint_ignored: bool = False) -> tuple[subprocess.Popen[bytes], int, Path, Path]:
    db = tmp_path / "queries.db"
    if not db.exists():
        schema.migrate(db)
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT), "TMPDIR": str(temp), "BOT_LOG_SECRET": "s"}
    launcher = [sys.executable, "-c", SIGINT_IGNORED] if sigint_ignored else []
    wrapper = subprocess.Popen(
        [*launcher, sys.executable, "-m", "bot", "logs", "serve", "--db", str(db), "--port", str(port), *extra],
        cwd=tmp_path, env=env, stdout=stderr, stderr=stderr,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(port, "/-/versions.json") == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline and wrapper.poll() is None, "the dashboard did not start"
        time.sleep(0.2)
    return wrapper, port, db, temp


def assert_cleaned_up(db: Path, temp: Path) -> None:
    """After the wrapper's exit: its Datasette gone (given 5 s to be reaped) and the temporary folder removed."""
    deadline = time.monotonic() + 5
    while datasette_pids(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not datasette_pids(db), "Datasette left running"
    assert not list(temp.iterdir()), "temporary folder left behind"


@pytest.mark.slow
def test_canned_queries_only_host_checked_and_sigterm_cleans_up(tmp_path: Path) -> None:
    terminal = (tmp_path / "terminal.txt").open("wb")
    wrapper, port, db, temp = serve(tmp_path, stderr=terminal)
    try:
        assert get(port, "/queries/unanswered_this_week.json") == 200  # a canned query
        assert get(port, "/queries.json?sql=select+question+from+questions") == 403  # any SELECT: refused
        assert get(port, "/queries/questions.json?_where=1") == 403  # no table browsed or filtered
        assert get(port, "/queries/meta.json") == 403  # nor the secret's fingerprint
        assert get(port, "/queries/no_such_page.json?x=1") == 404
        assert get(port, "/queries.json", host="attacker.example") == 421  # DNS rebinding: wrong Host
        assert get(port, "/queries.json", host=f"localhost:{port}") == 200
        assert datasette_pids(db) and list(temp.iterdir())  # the child and its temporary folder exist
    finally:
        wrapper.send_signal(signal.SIGTERM)
        status = wrapper.wait(20)
    assert status == 0
    assert_cleaned_up(db, temp)
    terminal.close()
    said = (tmp_path / "terminal.txt").read_text()
    assert "dashboard: GET /queries/no_such_page.json: 404 Table not found\n" in said  # one line, no query string
    assert "Traceback" not in said and "locals" not in said


@pytest.mark.slow
def test_arbitrary_sql_behind_a_flag(tmp_path: Path) -> None:
    wrapper, port, _db, _temp = serve(tmp_path, "--allow-sql")
    try:
        assert get(port, "/queries.json?sql=select+1") == 200
    finally:
        wrapper.send_signal(signal.SIGTERM)
        wrapper.wait(20)


@pytest.mark.slow
def test_the_access_log_shows_paths_never_query_strings(tmp_path: Path) -> None:
    # a query string can hold a member's words (a filter, a search, typed SQL): not for the terminal or journal
    terminal = (tmp_path / "terminal.txt").open("wb")
    wrapper, port, _db, _temp = serve(tmp_path, "--allow-sql", stderr=terminal)
    try:
        assert get(port, "/queries/most_asked.json?_shape=array&note=jane%40example.com") == 200
        assert get(port, "/queries.json?sql=select+%27my+secret+question%27") == 200
        assert get(port, "/queries/no_such_page.json?q=hidden+words") == 404
    finally:
        wrapper.send_signal(signal.SIGTERM)
        wrapper.wait(20)
    terminal.close()
    said = (tmp_path / "terminal.txt").read_text()
    assert '"GET /queries/most_asked.json HTTP/1.1" 200' in said  # the access log still shows what was served
    assert '"GET /queries.json HTTP/1.1" 200' in said
    assert "jane" not in said and "secret" not in said and "hidden" not in said and "sql=" not in said


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_second_stop_signal_while_stopping_prints_no_traceback(tmp_path: Path, stop: signal.Signals) -> None:
    """Trial 6: `timeout` (the process, then its group) or an impatient double Ctrl-C gave a second signal while
    Datasette was being stopped: `Traceback … bot.cli.logs._Stopped: 15`."""
    terminal = (tmp_path / "terminal.txt").open("wb")
    wrapper, _port, db, temp = serve(tmp_path, stderr=terminal)
    wrapper.send_signal(stop)
    time.sleep(0.05)  # the wrapper is now stopping Datasette (it takes a few hundred ms)
    wrapper.send_signal(stop)
    status = wrapper.wait(20)
    terminal.close()
    said = (tmp_path / "terminal.txt").read_text()
    assert "Traceback" not in said, said
    assert status == 0
    assert_cleaned_up(db, temp)


@pytest.mark.slow
def test_ctrl_c_pressed_again_and_again_while_stopping_stops_once(tmp_path: Path) -> None:
    """Signals at any instant of the stopping (a second Ctrl-C landing just after Popen.wait took its lock left the
    lock held: the wrapper waited for Datasette for ever, deaf to signals, under load): it exits, with 0, no
    traceback (nor from the interpreter's exit), no Datasette left. A storm of SIGINTs for 2 s reaches every instant."""
    terminal = (tmp_path / "terminal.txt").open("wb")
    wrapper, _port, db, temp = serve(tmp_path, stderr=terminal)
    storm_ends = time.monotonic() + 2
    while time.monotonic() < storm_ends and wrapper.poll() is None:  # reaped by poll only: the pid stays its own
        wrapper.send_signal(signal.SIGINT)
        time.sleep(0.0002)
    status = wrapper.wait(30)
    terminal.close()
    said = (tmp_path / "terminal.txt").read_text()
    assert "Traceback" not in said, said
    assert status == 0
    assert_cleaned_up(db, temp)


@pytest.mark.slow
def test_ctrl_c_stops_a_dashboard_started_as_a_background_job(tmp_path: Path) -> None:
    """A shell starts a background job with SIGINT ignored, and Python leaves it so: `logs serve` started that way (a
    script, a test suite run with `&`) never stopped on SIGINT; the double Ctrl-C test then found it running."""
    terminal = (tmp_path / "terminal.txt").open("wb")
    wrapper, _port, db, temp = serve(tmp_path, stderr=terminal, sigint_ignored=True)
    wrapper.send_signal(signal.SIGINT)
    status = wrapper.wait(20)
    terminal.close()
    assert status == 0 and "Traceback" not in (tmp_path / "terminal.txt").read_text()
    assert_cleaned_up(db, temp)
