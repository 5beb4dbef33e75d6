// Compiles, ahead of time, the Python a tab runs on its first click (see bytecode.py).
// Reads {runtime, app, lock, out} as JSON on stdin: starts the runtime in Node, imports the app
// and serves a few requests of every kind, then writes out/python_stdlib.zip and out/app.zip
// with bytecode for the modules that run imported. Prints {"stdlib": n,
// "app": n}: how many modules got bytecode.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const input = JSON.parse(readFileSync(0, "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${input.runtime}/pyodide.mjs`).href);
const py = await loadPyodide({
  indexURL: `${input.runtime}/`,
  lockFileContents: JSON.stringify({ info: input.lock, packages: {} }),
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
py.FS.writeFile("/tmp/app.zip", new Uint8Array(readFileSync(input.app)));
py.unpackArchive(py.FS.readFile("/tmp/app.zip"), "zip", { extractDir: "/app" });
py.FS.mkdirTree("/data");
let counts;
try {
  counts = py.runPython(`
import sys
sys.path.insert(0, "/app")
import json

from demo_server.in_browser import TabServer

# What a reader's first minutes ask of the tab: every route, good and bad input alike.
server = TabServer("/data/todos.sqlite3")
JSON = [("Content-Type", "application/json")]
for method, path, headers, body in [
    ("GET", "/", [], b""),
    ("HEAD", "/", [], b""),
    ("OPTIONS", "/api/todos", [("Origin", "http://127.0.0.1:8000"),
                               ("Access-Control-Request-Method", "POST")], b""),
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
]:
    server.handle(method, path, headers, body)
server.reset()
files = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}

import importlib._bootstrap_external as external
import importlib.util
import zipfile

STDLIB = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"


def pyc(source: bytes, name: str) -> bytes:
    """Unchecked hash-based bytecode: never compared with a source or a clock, so the same
    bytes on every build and no stat of a file that is not there."""
    code = compile(source, name, "exec", dont_inherit=True)
    return external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


in_stdlib = {f[len(STDLIB):] for f in files if f.startswith(STDLIB) and f.endswith(".py")}
in_app = {f[len("/app/"):] for f in files if f.startswith("/app/") and f.endswith(".py")}


def with_bytecode(source_zip, target_zip, prefix, wanted, bytecode_name, keep_source):
    """Copy the zip, with bytecode for the wanted sources (as they run: prefix + name);
    keep_source(name) says whether a compiled file's source goes too."""
    with zipfile.ZipFile(source_zip) as old, zipfile.ZipFile(target_zip, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if keep_source(info.filename) or info.filename not in wanted:
                new.writestr(info, data)
            if info.filename in wanted:
                compiled = zipfile.ZipInfo(bytecode_name(info.filename), info.date_time)
                compiled.compress_type = zipfile.ZIP_DEFLATED
                compiled.external_attr = info.external_attr
                new.writestr(compiled, pyc(data, prefix + info.filename))


# The standard library is imported from its zip, where bytecode replaces the source (as in
# Pyodide's own releases before 314): adding it instead would cost a reader 0.9 MB more.
with_bytecode(STDLIB.rstrip("/"), "/tmp/out-stdlib.zip", STDLIB, in_stdlib,
              lambda name: name + "c", keep_source=lambda name: False)
# The app is unpacked to files, so its bytecode goes where imports look, __pycache__/; our
# source stays, for the tracebacks an author reads. graphql-core's compiled modules replace
# their source (name.pyc where name.py was), as the standard library's do: source and
# bytecode both would add 1.2 MB for every reader, this about half a megabyte.
ours = lambda name: not name.startswith("graphql/")  # noqa: E731
with_bytecode("/tmp/app.zip", "/tmp/out-app.zip", "/app/", in_app,
              lambda name: importlib.util.cache_from_source("/app/" + name)[len("/app/"):]
              if ours(name) else name + "c",  # without its source, beside where it was
              keep_source=ours)
json.dumps({"stdlib": len(in_stdlib), "app": len(in_app)})
`);
} catch (error) {
  // A Python traceback: its last line says what went wrong, and is all the build log shows.
  const lines = String(error.message || error).trim().split("\n");
  process.stderr.write(`${lines[lines.length - 1]}\n`);
  process.exit(1);
}
writeFileSync(`${input.out}/python_stdlib.zip`, py.FS.readFile("/tmp/out-stdlib.zip"));
writeFileSync(`${input.out}/app.zip`, py.FS.readFile("/tmp/out-app.zip"));
process.stdout.write(counts);
