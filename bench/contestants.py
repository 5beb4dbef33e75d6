"""The servers under test, each started the way a reader would start it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from site_plugins.page_checks.ports import free_port
from tooling.passwords import without_password
from tooling.processes import poll_until, port_open

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = """worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  server {{
    listen 127.0.0.1:{port};
    location = / {{ default_type "text/html; charset=utf-8"; return 200 "Hello, World!"; }}
  }}
}}
"""


def wait_for(port: int, timeout: float = 30) -> None:
    poll_until(lambda: port_open(port), timeout, f"something listening on port {port}")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return total / 1024


@dataclass
class Contestant:
    name: str
    command: list[str]
    cwd: Path = ROOT
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.port)
        time.sleep(0.5)

    def rss_mb(self) -> float:
        return tree_rss_mb(self.process.pid) if self.process else 0.0

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def demo(
    scratch: Path, fresh: bool = False, db: Path | str | None = None, workers: int = 1
) -> Contestant:
    """As `make serve` starts it (tooling/serve.py): defaults, plus a port, but no --reload
    (which only watches files in the main process). `fresh`: a database of its own, new, with
    room for every to-do a POST benchmark adds (the list's cap is 5,000). `db`: that file, or
    a database server's URL (its password goes in the environment, not on the command line).
    `workers`: worker processes (the scaling figures)."""
    port = free_port()
    # A running demo owns its database file: a fresh one gets a file of its own.
    db = db or scratch / (f"api-{port}.sqlite3" if fresh else "bench.sqlite3")
    db, env = without_password(db) if isinstance(db, str) else (str(db), {})
    return Contestant(
        "demo (Bottle on Granian)",
        [
            sys.executable,
            "-m",
            "demo_server",
            "--port",
            str(port),
            "--db",
            db,
            *(["--max-todos", "100000000"] if fresh else []),
            *(["--workers", str(workers)] if workers > 1 else []),
        ],
        env=env,
        port=port,
    )


def granian_wsgi(name: str, target: str) -> Contestant:
    """A WSGI app (`module:name`) on Granian's WSGI interface, HTTP/1.1, one worker, one
    thread, no access log: the demo's own server settings, without the demo."""
    port = free_port()
    return Contestant(
        name,
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--http",
            "1",
            "--no-ws",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            target,
        ],
        port=port,
    )


def built(scratch: Path, example: str, *commands: list[str]) -> Path:
    """examples/<example> copied into `scratch` (as a reader's folder holds it) and built there
    with `commands`, one after the other."""
    folder = scratch / example
    shutil.copytree(
        ROOT / "examples" / example,
        folder,
        ignore=shutil.ignore_patterns("node_modules", "dist", "target"),
        dirs_exist_ok=True,
    )
    for command in commands:
        subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=300)
    return folder


NPM_CI = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]


def express(scratch: Path) -> Contestant | None:
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    folder = built(scratch, "express", NPM_CI)
    port = free_port()
    return Contestant(
        "Express 5 (Node.js)",
        ["node", "app.js"],
        cwd=folder,
        env={"PORT": str(port), "NODE_ENV": "production"},
        port=port,
    )


def nestjs(scratch: Path) -> Contestant | None:
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    folder = built(scratch, "nestjs", NPM_CI, ["npm", "run", "build", "--silent"])
    port = free_port()
    return Contestant(
        "NestJS 12 (Node.js)",
        ["node", "dist/main.js"],  # what `npm start` runs, without npm in between
        cwd=folder,
        env={"PORT": str(port), "NODE_ENV": "production"},
        port=port,
    )


def go(scratch: Path) -> Contestant | None:
    if not shutil.which("go"):
        return None
    folder = built(scratch, "go", ["go", "build", "-o", "hello"])
    port = free_port()
    return Contestant(
        "Go (net/http, standard library)",
        [str(folder / "hello")],
        cwd=folder,
        env={"PORT": str(port)},
        port=port,
    )


def java(scratch: Path) -> Contestant | None:
    if not (shutil.which("java") and shutil.which("javac")):
        return None
    folder = built(scratch, "java", ["javac", "-d", "classes", "Hello.java"])
    port = free_port()
    return Contestant(
        "Java (the JDK's HttpServer)",
        ["java", "-cp", "classes", "Hello"],
        cwd=folder,
        env={"PORT": str(port)},
        port=port,
    )


def spring_boot(scratch: Path) -> Contestant | None:
    if not (shutil.which("java") and shutil.which("mvn")):
        return None
    folder = built(scratch, "spring-boot", ["mvn", "-B", "-q", "package"])
    port = free_port()
    return Contestant(
        "Spring Boot 3 (Spring MVC on Tomcat)",
        ["java", "-jar", "target/hello-spring-1.0.0.jar"],
        cwd=folder,
        env={"PORT": str(port)},
        port=port,
    )


def nginx(scratch: Path) -> Contestant | None:
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binary is None:
        return None
    port = free_port()
    folder = scratch / "nginx"
    folder.mkdir(exist_ok=True)
    (folder / "nginx.conf").write_text(NGINX_CONF.format(dir=folder, port=port))
    return Contestant(
        "nginx (static answer)",
        [binary, "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        port=port,
    )
