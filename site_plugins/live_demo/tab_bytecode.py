"""The Python half of the bytecode step (bytecode.py): run inside the tab's own runtime.

`bytecode.mjs` starts Pyodide in Node, unpacks the app into /app, mounts the build's staging
folder at /out and calls `main()`. This module serves the requests a reader's first minutes ask
of the tab, then compiles what that imported and writes one `.pyc` per module under
/out/stdlib/ and /out/app/, with /out/compiled.json naming them. The zips themselves are made
by bytecode.py on the build's own Python, with the site's one zip writer (zips.py).

It must run on the runtime's Python, not the build's: bytecode is only valid for the Python
that made it. So nothing here may import more than the standard library and the app.
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import sys
from pathlib import Path

#: What a reader's first minutes ask of the tab: every route, good and bad input alike.
JSON = [("Content-Type", "application/json")]
WARM_UP = [
    ("GET", "/", [], b""),
    ("HEAD", "/", [], b""),
    (
        "OPTIONS",
        "/api/todos",
        [("Origin", "http://127.0.0.1:8000"), ("Access-Control-Request-Method", "POST")],
        b"",
    ),
    ("GET", "/api/todos", [], b""),
    ("POST", "/api/todos", JSON, json.dumps({"title": "warm up"}).encode()),
    ("POST", "/api/todos", JSON, b"{not json"),
    ("PATCH", "/api/todos/1", JSON, json.dumps({"done": True}).encode()),
    ("PUT", "/api/todos/1", JSON, json.dumps({"title": "again", "done": False}).encode()),
    ("GET", "/api/todos/1", [("If-None-Match", '"x"')], b""),
    ("DELETE", "/api/todos/1", [], b""),
    ("GET", "/openapi.json", [], b""),
    ("POST", "/graphql", JSON, json.dumps({"query": "{ todos { id subtasks { id } } }"}).encode()),
    ("POST", "/graphql", JSON, b'{"query": "mutation { tickTodo(id: 2) { done } }"}'),
    ("POST", "/graphql", JSON, b'{"query": "{ nope"}'),
    ("GET", "/no/such/page", [], b""),
]

#: The flags word of a hash-based pyc that is never checked against its source (PEP 552):
#: bit 0 "hash-based" set, bit 1 "check the source" clear.
UNCHECKED_HASH = 0b01


def pyc(source: bytes, name: str) -> bytes:
    """Unchecked hash-based bytecode (PEP 552's layout: magic, flags, source hash, marshalled
    code): never compared with a source or a clock, so the same bytes on every build and no
    stat of a file that is not there. What `py_compile` writes for UNCHECKED_HASH, from public
    APIs alone."""
    code = compile(source, name, "exec", dont_inherit=True)
    return b"".join(
        [
            importlib.util.MAGIC_NUMBER,
            UNCHECKED_HASH.to_bytes(4, "little"),
            importlib.util.source_hash(source),
            marshal.dumps(code),
        ]
    )


def imported_sources(prefix: str) -> list[str]:
    """The `.py` files under `prefix` that have been imported, relative to it, sorted."""
    files = {getattr(module, "__file__", None) or "" for module in list(sys.modules.values())}
    return sorted(f[len(prefix) :] for f in files if f.startswith(prefix) and f.endswith(".py"))


def warm_up(app: str, data: str) -> None:
    """Import the app and serve WARM_UP on a throwaway database; run an exercise's checks."""
    sys.path.insert(0, app)
    from demo_server.in_browser import TabServer

    server = TabServer(f"{data}/todos.sqlite3")
    for method, path, headers, body in WARM_UP:
        server.handle(method, path, headers, body)
    server.reset()
    # Check on a "Build it yourself" page: the runner, its client and what they import.
    from demo_server.exercises import names
    from demo_server.exercises.runner import check_source

    first = names()[0]
    check_source(first, Path(f"{app}/demo_server/exercises/{first}/start.py").read_text("utf-8"))


def bytecode_name(part: str, name: str) -> tuple[str, bool]:
    """Where the bytecode of `name` goes in its zip, and whether its source stays beside it.

    The standard library is imported from its zip, where bytecode replaces the source (as in
    Pyodide's own releases before 314): adding it instead would cost a reader 0.9 MB more. The
    app is unpacked to files, so its bytecode goes where imports look, __pycache__/ (with this
    Python's cache tag), and our source stays, for the tracebacks an author reads. graphql-core's
    compiled modules replace their source, as the standard library's do: source and bytecode
    both would add 1.2 MB for every reader, this about half a megabyte."""
    if part == "app" and not name.startswith("graphql/"):
        return importlib.util.cache_from_source(f"/app/{name}")[len("/app/") :], True
    return name + "c", False


def main(app: str = "/app", out: str = "/out", data: str = "/data") -> str:
    """Warm up, compile what ran, write the `.pyc` files and compiled.json under `out`;
    answer how many modules of each part got bytecode, as JSON for the build's log.

    compiled.json: {"stdlib": [[source, bytecode, keep_source], ...], "app": [...]}, names
    relative to the zip each came from."""
    import zipfile

    warm_up(app, data)
    stdlib = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
    listing: dict[str, list] = {}
    with zipfile.ZipFile(stdlib) as archive:
        parts = {
            "stdlib": (f"{stdlib}/", archive.read),
            "app": (f"{app}/", lambda name: (Path(app) / name).read_bytes()),
        }
        for part, (prefix, read) in parts.items():
            listing[part] = []
            for name in imported_sources(prefix):
                target, keep_source = bytecode_name(part, name)
                path = Path(out) / part / target
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pyc(read(name), prefix + name))
                listing[part].append([name, target, keep_source])
    (Path(out) / "compiled.json").write_text(json.dumps(listing), encoding="utf-8")
    return json.dumps({part: len(names) for part, names in listing.items()})
