// The tab's app on Pyodide in Node, for the tests' Node scripts (pyodide_contract.mjs,
// pyodide_checks.mjs): the runtime, its standard library, the app bundle and the lock info a
// built site serves to the tab's worker, read as JSON on stdin ({runtime, stdlib, app, lock,
// and whatever the script itself needs}). The app is unpacked in /app and importable.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export async function startApp() {
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
  return { input, py };
}
