"""`make scale` as a reader runs it: scripts/scale.py, its lines, Ctrl-C, and a piece that fails.

Its behaviour under faults is in tests/reliability/test_scale.py.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import requests

from demo_server.serving import PortInUseError, ensure_port_free
from demo_server.storage.database import Database, known_schemes, open_store
from site_plugins.page_checks.ports import free_port
from tests.helpers import ROOT
from tests.mariadb_server import mariadb_server
from tests.mongodb_server import mongodb_server
from tests.postgres_server import postgres_binaries
from tooling.passwords import without_password
from tooling.processes import poll_until, running


def is_free(port: int) -> bool:
    try:
        ensure_port_free("127.0.0.1", port)
    except PortInUseError:
        return False
    return True


def free_ports_in_a_row(count: int) -> int:
    """The first of `count` consecutive free ports (the processes take ports in a row)."""
    for _ in range(50):
        first = free_port()
        if first + count <= 65535 and all(is_free(first + n) for n in range(count)):
            return first
    raise AssertionError(f"found no {count} free ports in a row")


def wait_until(check, failure: str, seconds: float = 10) -> None:
    poll_until(check, seconds, failure)


def scale_command(*args: str) -> list[str]:
    return [sys.executable, "scripts/scale.py", *args]


def its_own_database(scale, scheme: str, kind: str, user: str) -> tuple[list[str], str, str]:
    """Once `make scale` is up: the lines it said, and the URL and password of the database
    server it started for itself, from the line that names it (no password for MongoDB)."""
    scale.wait_for_line("press Ctrl-C", timeout=90)
    said = [line for line in scale.lines if line.startswith("make scale: ")]
    database = re.fullmatch(
        rf"make scale: {kind:<10}  ({scheme}://(?:{user}:([\w-]{{20,}})@)?127\.0\.0\.1:(\d+)"
        r"/todos) \(its own: deleted when this stops\)",
        said[0],
    )
    assert database, said
    return said, database.group(1), database.group(2)


def test_it_says_where_each_piece_listens_and_ctrl_c_stops_them_all(nginx):
    postgres_binaries()
    port, first = free_port(), free_ports_in_a_row(2)
    args = ("--processes", "2", "--port", str(port), "--first-port", str(first))
    with running(scale_command(*args)) as scale:
        said, url, password = its_own_database(scale, "postgresql", "PostgreSQL", "postgres")
        # The URL it prints works as it is; without its password, nobody gets in.
        nobody = {"passfile": os.devnull, "connect_timeout": 10}
        with psycopg.connect(url, **nobody) as conn:
            assert conn.execute("SELECT count(*) FROM todos").fetchone() == (4,)
        with pytest.raises(psycopg.OperationalError, match="no password supplied"):
            psycopg.connect(url.replace(f":{password}@", "@"), **nobody)
        processes = [
            re.fullmatch(
                rf"make scale: process {n}   http://127\.0\.0\.1:{p}/ "
                r"\(pid (\d+): kill -9 -- -\1 to crash it\)",
                line,
            )
            for n, p, line in zip((1, 2), (first, first + 1), said[1:3], strict=True)
        ]
        assert all(processes), said
        # The processes get it in their environment: a command line is anyone's to read.
        for match in processes:
            command = Path(f"/proc/{match.group(1)}/cmdline")
            if command.exists():
                assert password not in command.read_text(), command.read_text()
        assert said[3:] == [
            f"make scale: balancer    http://127.0.0.1:{port}/ (nginx, round robin over 2 "
            "processes)",
            "make scale: press Ctrl-C to stop them all",
        ]
        # Each piece's own lines follow, behind its name.
        assert scale.wait_for_line(
            f"process 2  | Server is running on http://127.0.0.1:{first + 1}"
        )
        answer = requests.post(
            f"http://127.0.0.1:{port}/api/todos", json={"title": "through nginx"}, timeout=10
        )
        assert answer.status_code == 201, answer.text

        # A process killed alone, without its worker: the launcher ends the worker too.
        os.kill(int(processes[1].group(1)), signal.SIGKILL)
        scale.wait_for_line(
            "make scale: process 2 stopped (exit code -9); the balancer sends its requests to "
            "the others"
        )
        wait_until(lambda: is_free(first + 1), f"port {first + 1} still answers")
        for _ in range(4):
            assert requests.get(f"http://127.0.0.1:{port}/api/todos", timeout=10).ok

        assert scale.stop(signal.SIGINT, timeout=30) == 0
    for pid in (int(match.group(1)) for match in processes):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    for number in (port, first, first + 1, urlsplit(url).port):
        assert is_free(number), f"port {number} still in use after Ctrl-C"
    assert "Traceback" not in scale.output()


def test_a_process_that_cannot_start_stops_everything_with_one_line(nginx):
    nowhere = f"postgresql://postgres@127.0.0.1:{free_port()}/todos"  # nothing listens there
    port, first = free_port(), free_ports_in_a_row(2)
    args = ("--processes", "2", "--port", str(port), "--first-port", str(first), "--db", nowhere)
    with running(scale_command(*args)) as scale:
        assert scale.process.wait(timeout=60) == 1
    reason = scale.wait_for_line("make scale: ")
    assert re.fullmatch(
        rf"make scale: process [12] \(http://127\.0\.0\.1:({first}|{first + 1})\) stopped with "
        r"exit code 2 before it answered; its own message is above",
        reason,
    ), scale.output()
    assert "cannot open the database" in scale.output()
    assert [line for line in scale.lines if line.startswith("make scale: ")] == [reason]
    for number in (port, first, first + 1):
        assert is_free(number)


def test_a_busy_port_is_one_line_before_anything_starts(nginx):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with running(scale_command("--port", str(port), "--first-port", str(port + 1))) as scale:
            assert scale.process.wait(timeout=30) == 1
    assert scale.output().splitlines() == [
        f"make scale: port {port} on 127.0.0.1 is already in use, so the balancer cannot "
        "start; stop what uses it or pick other ports (--port for the balancer, --first-port "
        "for the processes)"
    ]


@pytest.mark.processes
@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("oracle://scott@127.0.0.1:1521/demo", "the demo does not know oracle:// databases"),
        ("todos.sqlite3", "processes cannot share a SQLite file"),
    ],
)
def test_a_database_the_processes_cannot_share_is_one_line(given, says):
    result = subprocess.run(
        scale_command("--db", given), cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert says in line and known_schemes() in line, line
    assert not (ROOT / given).exists()


@pytest.mark.parametrize(
    ("url", "bare", "env"),
    [
        (
            "postgresql://postgres:s3cret@127.0.0.1:5432/todos",
            "postgresql://postgres@127.0.0.1:5432/todos",
            {"PGPASSWORD": "s3cret"},
        ),
        (
            "postgresql://me:p%40ss%3Aword@[::1]:5433/db?sslmode=disable",
            "postgresql://me@[::1]:5433/db?sslmode=disable",
            {"PGPASSWORD": "p@ss:word"},
        ),
        ("postgresql://me@db.example.test/todos", "postgresql://me@db.example.test/todos", {}),
        (
            "mysql://root:p%2Fw@127.0.0.1:3306/todos",
            "mysql://root@127.0.0.1:3306/todos",
            {"MYSQL_PWD": "p/w"},
        ),
    ],
)
def test_the_processes_get_a_urls_password_in_their_environment(url, bare, env):
    assert without_password(url) == (bare, env)


@pytest.mark.parametrize(
    ("server", "kind", "needs"),
    [("mysql", "MySQL", mariadb_server), ("mongodb", "MongoDB", mongodb_server)],
)
def test_server_runs_the_processes_on_a_database_server_of_its_own(nginx, server, kind, needs):
    needs()
    port, first = free_port(), free_ports_in_a_row(2)
    args = ("--server", server, "--processes", "2", "--port", str(port), "--first-port")
    with running(scale_command(*args, str(first))) as scale:
        said, url, password = its_own_database(scale, server, kind, "root")
        store = open_store(Database.parse(url))
        try:
            assert store.count() == 4  # seeded once by the first of the two
        finally:
            store.close_all()
        for line in said[1:3]:
            pid = re.search(r"\(pid (\d+)", line).group(1)
            command = Path(f"/proc/{pid}/cmdline")
            if password and command.exists():
                assert password not in command.read_text(), command.read_text()
        # Written through one process, read through the other.
        created = requests.post(
            f"http://127.0.0.1:{first}/api/todos", json={"title": f"on {kind}"}, timeout=10
        )
        assert created.status_code == 201, created.text
        found = requests.get(
            f"http://127.0.0.1:{first + 1}/api/todos/{created.json()['id']}", timeout=10
        )
        assert found.json()["title"] == f"on {kind}"
        assert scale.stop(signal.SIGINT, timeout=30) == 0
    for number in (port, first, first + 1, urlsplit(url).port):
        assert is_free(number), f"port {number} still in use after Ctrl-C"
    assert "Traceback" not in scale.output()
