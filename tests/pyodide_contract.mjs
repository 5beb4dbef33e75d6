// The API contract on the in-browser app, in Node: the runtime, its standard library, the app
// bundle and the lock info are the ones a built site serves to the tab's worker. Reads
// {runtime, stdlib, app, lock, calls} as JSON on stdin; writes the answers as JSON on stdout.
// Used by tests/test_in_browser.py.
import { startApp } from "./pyodide_app.mjs";

const { input, py } = await startApp();
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
