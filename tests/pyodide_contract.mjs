// The API contract on the in-browser app, in Node: the runtime, its standard library, the app
// bundle and the lock info are the ones a built site serves to the tab's worker. Reads
// {runtime, stdlib, app, lock, calls} as JSON on stdin; writes the answers as JSON on stdout.
// Used by tests/test_in_browser.py.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const input = JSON.parse(readFileSync(0, "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${input.runtime}/pyodide.mjs`).href);
const py = await loadPyodide({
  indexURL: `${input.runtime}/`,
  stdLibURL: input.stdlib,
  lockFileContents: JSON.stringify({ info: input.lock, packages: {} }),
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
py.unpackArchive(new Uint8Array(readFileSync(input.app)), "zip", { extractDir: "/app" });
py.runPython("import sys; sys.path.insert(0, '/app')");
const { TabServer } = py.pyimport("demo_server.in_browser");
py.FS.mkdirTree("/data");
const server = TabServer("/data/todos.sqlite3");
const answers = input.calls.map((call) => {
  const body = new Uint8Array(Buffer.from(call.body, "base64"));
  const result = server.handle(call.method, call.path, Object.entries(call.headers), body);
  try {
    const [status, , headers, data] = result.toJs();
    return { status, headers, body: Buffer.from(data).toString("base64") };
  } finally {
    result.destroy();
  }
});
process.stdout.write(JSON.stringify(answers));
