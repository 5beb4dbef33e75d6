// Check in the tab, in Node: an exercise's checks on Pyodide, through the same call the tab's
// worker makes (tab-worker.js checkExercise), with the runtime, standard library, app bundle
// and lock info a built site serves. Reads {runtime, stdlib, app, lock, checks: [{exercise,
// source}]} as JSON on stdin; writes each one's outcomes as JSON on stdout.
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
const runner = py.pyimport("demo_server.exercises.runner");
const outcomes = input.checks.map(({ exercise, source }) => {
  const result = runner.check_source(exercise, source, "start.py");
  try {
    return result.toJs({ dict_converter: Object.fromEntries });
  } finally {
    result.destroy();
  }
});
process.stdout.write(JSON.stringify(outcomes));
