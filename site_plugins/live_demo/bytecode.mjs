// Starts the tab's runtime in Node for the bytecode step (see bytecode.py and tab_bytecode.py).
// Reads {runtime, app, lock, out, script} as JSON on stdin: unpacks the app zip into /app,
// mounts `out` at /out, and runs tab_bytecode.main(), which writes the compiled modules there.
// Prints what main() answers: {"stdlib": n, "app": n}, how many modules got bytecode.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const input = JSON.parse(readFileSync(0, "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${input.runtime}/pyodide.mjs`).href);
const py = await loadPyodide({
  indexURL: `${input.runtime}/`,
  lockFileContents: JSON.stringify({ info: input.lock, packages: {} }),
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
py.unpackArchive(new Uint8Array(readFileSync(input.app)), "zip", { extractDir: "/app" });
py.FS.mkdirTree("/data");
py.FS.mkdirTree("/out");
py.FS.mount(py.FS.filesystems.NODEFS, { root: input.out }, "/out");
py.FS.mkdirTree("/step");
py.FS.writeFile("/step/tab_bytecode.py", readFileSync(input.script));
try {
  const counts = py.runPython("import sys; sys.path.insert(0, '/step'); import tab_bytecode; tab_bytecode.main()");
  process.stdout.write(counts);
} catch (error) {
  // A Python traceback: its last line says what went wrong, and is all the build log shows.
  const lines = String(error.message || error).trim().split("\n");
  process.stderr.write(`${lines[lines.length - 1]}\n`);
  process.exit(1);
}
