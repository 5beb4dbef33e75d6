/* The demo server in the reader's tab: Python (Pyodide) in a Web Worker, off the page's thread.
   The page (worker-client.js) posts {id, kind, payload}; this answers {id, answer} or
   {id, error}, and while it starts posts {progress: {step, loaded, total}}, then {ready}.
   The build fills in the runtime folder, the app bundle, the sizes of what a cold start
   fetches and Pyodide's lock-file info (site_plugins/live_demo). */
import { loadPyodide } from "./__RUNTIME_DIR__/pyodide.mjs";

const RUNTIME = new URL("./__RUNTIME_DIR__/", import.meta.url).href;
const APP = new URL("./__APP_BUNDLE__", import.meta.url).href;
/* The standard library, with bytecode for what the demo imports. */
const STDLIB = new URL("./__RUNTIME_DIR__/__STDLIB__", import.meta.url).href;
const LOCK = { info: __LOCK_INFO__, packages: {} };
const DATA_DIR = "/backend-basics";
const DB = `${DATA_DIR}/todos.sqlite3`;
/* One writer at a time across every tab of this site: Emscripten's file locks are no-ops, and
   without this a to-do added in one tab vanished when another tab saved its older copy. */
const LOCK_NAME = "backend-basics-demo-db";
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/* Progress of a cold start: the bytes of the big files (the interpreter, the standard
   library, the app), counted as they stream in through fetch, which Pyodide uses for them. */
const SIZES = __SIZES__;
const TOTAL = Object.values(SIZES).reduce((a, b) => a + b, 0);
let loaded = 0;
let step = "fetching";
let lastPosted = 0;
function progress(force) {
  const now = performance.now();
  if (!force && now - lastPosted < 80) return;
  lastPosted = now;
  if (self.name !== "snapshot") self.postMessage({ progress: { step, loaded, total: TOTAL } });
}
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  const name = new URL(input instanceof Request ? input.url : String(input), self.location.href)
    .pathname.split("/").pop();
  if (!(name in SIZES) || !response.body) return response;
  const counter = new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      if (step === "fetching" && loaded >= TOTAL) step = "starting";
      progress(false);
      controller.enqueue(chunk);
    },
    flush() {
      // The interpreter is in: compiling it and starting Python is what the wait is now.
      if (name.endsWith(".wasm") && step === "fetching") step = "starting";
      progress(true);
    },
  });
  // The same status and headers (WebAssembly.instantiateStreaming needs the wasm MIME type).
  return new Response(response.body.pipeThrough(counter),
    { status: response.status, statusText: response.statusText, headers: response.headers });
};

let persistent = true;
/* How the start went (page status, `make bench`): ms since the worker began, at each step. */
const T0 = performance.now();
const timings = {};
const mark = (name) => { timings[name] = Math.round(performance.now() - T0); };

function syncfs(py, populate) {
  return new Promise((resolve, reject) =>
    py.FS.syncfs(populate, (err) => (err ? reject(err) : resolve())));
}

const locked = (work) =>
  self.navigator.locks ? self.navigator.locks.request(LOCK_NAME, work) : work();

/* Copy the database in from IndexedDB, run `work`, copy it back out if it may have changed. */
async function withDatabase(py, write, work) {
  return locked(async () => {
    if (persistent) await syncfs(py, true);
    const result = work();
    if (persistent && write) await syncfs(py, false);
    return result;
  });
}

/* Starting Python and importing the app takes seconds; restoring a memory snapshot taken after
   the imports, a fraction of one. It (30 MB) is kept in Cache Storage under a name that changes
   with this worker. Taking one needs a slower start, so after the first answer a second worker
   of this script (named "snapshot") makes it. */
const SNAPSHOT = new URL("./snapshot.__SNAPSHOT_KEY__.bin", import.meta.url).href;
const CACHE = "backend-basics-demo";
const OPTIONS = { indexURL: RUNTIME, stdLibURL: STDLIB, lockFileContents: JSON.stringify(LOCK) };
let snapshotWanted = false;

async function savedSnapshot() {
  try {
    const cached = await (await caches.open(CACHE)).match(SNAPSHOT);
    if (!cached) return null;
    return new Uint8Array(await cached.arrayBuffer());
  } catch {
    return null; // no Cache Storage here (plain http), or a damaged entry: start from scratch
  }
}

async function saveSnapshot(bytes) {
  const cache = await caches.open(CACHE);
  for (const old of await cache.keys()) await cache.delete(old); // an older site's snapshot
  await cache.put(SNAPSHOT, new Response(bytes));
}

async function fetchApp() {
  const bundle = await fetch(APP);
  if (!bundle.ok) throw new Error(`the app bundle answered ${bundle.status}`);
  return bundle.arrayBuffer();
}

function importApp(py, app) {
  step = "loading";
  progress(true);
  py.unpackArchive(app, "zip", { extractDir: "/app" });
  py.runPython("import sys; sys.path.insert(0, '/app'); import demo_server.in_browser");
}

/* After a snapshot: the app's files, unpacked once, after the first answer (only graphql needs them). */
let unpack = () => {};

async function startPython() {
  const app = fetchApp(); // meanwhile
  const snapshot = await savedSnapshot();
  if (snapshot) {
    try {
      const py = await loadPyodide({ ...OPTIONS, _loadSnapshot: snapshot });
      mark("python");
      const bytes = await app;
      unpack = () => (unpack = () => {}, py.unpackArchive(bytes, "zip", { extractDir: "/app" }));
      timings.snapshot = true;
      return py;
    } catch (error) {
      timings.snapshotError = String(error); // made by another build of the runtime, say
    }
  }
  const py = await loadPyodide(OPTIONS);
  mark("python");
  importApp(py, await app);
  mark("app");
  snapshotWanted = typeof caches === "object";
  return py;
}

function makeSnapshotInBackground() {
  snapshotWanted = false;
  try {
    const maker = new Worker(import.meta.url, { type: "module", name: "snapshot" });
    maker.onmessage = ({ data }) => {
      timings.snapshotSaved = data === "saved";
      maker.terminate();
    };
    maker.onerror = () => maker.terminate();
  } catch { /* no nested workers here: every start stays a cold one */ }
}

async function takeSnapshot() {
  try {
    const app = fetchApp();
    const py = await loadPyodide({ ...OPTIONS, _makeSnapshot: true });
    importApp(py, await app);
    await saveSnapshot(py.makeMemorySnapshot());
    self.postMessage("saved");
  } catch (error) {
    self.postMessage(`not saved: ${error}`);
  }
}

const started = self.name === "snapshot" ? null : (async () => {
  progress(true);
  const py = await startPython();
  py.FS.mkdirTree(DATA_DIR);
  try {
    py.FS.mount(py.FS.filesystems.IDBFS, {}, DATA_DIR);
    await syncfs(py, true);
  } catch {
    persistent = false; // no IndexedDB (some private modes): the list lasts as long as the tab
  }
  const { TabServer } = py.pyimport("demo_server.in_browser");
  const server = await withDatabase(py, true, () => TabServer(DB));
  mark("database");
  step = "ready";
  self.postMessage({ ready: true, timings });
  return { py, server };
})();

const toObject = (proxy) => {
  try {
    return proxy.toJs({ dict_converter: Object.fromEntries });
  } finally {
    proxy.destroy();
  }
};

/* Check on a "Build it yourself" page: the exercise's checks against the reader's code, each on
   an app and a database of its own (never the reader's list). The checks are files. */
function checkExercise({ py }, { exercise, source }) {
  unpack();
  const runner = py.pyimport("demo_server.exercises.runner");
  try {
    const result = runner.check_source(exercise, source, "start.py");
    try {
      return { checks: result.toJs({ dict_converter: Object.fromEntries }) };
    } finally {
      result.destroy();
    }
  } finally {
    runner.destroy();
  }
}

/* One handler per kind of message the page sends. */
const handlers = {
  start: () => ({ persistent, timings }),
  reset: ({ py, server }) => withDatabase(py, true, () => (server.reset(), { persistent })),
  /* Run on a page: the reader's module in place of the shipped one; a re-import, no restart. */
  "load-app": ({ py, server }, { file, source }) => withDatabase(py, false, () => {
    unpack(); // the reader's module may import any of the app's files
    const t = performance.now();
    const result = toObject(server.load_app(file, source));
    return { ...result, ms: Math.round(performance.now() - t) };
  }),
  request: handleRequest,
  check: checkExercise,
};

async function answer({ kind, payload }) {
  const handler = handlers[kind];
  if (!handler) throw new Error(`the worker has no "${kind}" message`);
  return handler(await started, payload);
}

function handleRequest({ py, server }, request) {
  const { method, path, headers, body } = request;
  if (path.startsWith("/graphql")) unpack();
  const write = !READS.has(method.toUpperCase());
  return withDatabase(py, write, () => {
    const result = server.handle(method, path, Object.entries(headers || {}),
      new TextEncoder().encode(body || ""));
    try {
      const [status, reason, pairs, data] = result.toJs();
      return { status, reason, headers: pairs, body: data, persistent, timings };
    } finally {
      result.destroy();
    }
  });
}

if (self.name === "snapshot") {
  takeSnapshot();
} else {
  self.onmessage = async ({ data }) => {
    try {
      self.postMessage({ id: data.id, answer: await answer(data) });
      if (data.kind !== "start") unpack();
      if (snapshotWanted) makeSnapshotInBackground();
    } catch (error) {
      if (step !== "ready") { step = "failed"; progress(true); }
      self.postMessage({ id: data.id, error: String(error && error.message || error) });
    }
  };
}
