/* The demo in this tab: one Web Worker running Python, and the only way to talk to it.

     call(kind, payload[, limit]) -> Promise<answer>
       kinds: "request" {method, path, headers, body}, "load-app" {file, source},
       "check" {exercise, source}, "reset", "start"

   A call that runs longer than RUNAWAY_MS once Python is up is the reader's code looping (at
   import, or in a route): the worker is terminated (nothing else can stop a loop in
   WebAssembly), the call fails with Runaway, and a new worker starts with the modules that last
   loaded cleanly. The to-do data survives: the worker writes it to IndexedDB before it answers
   a change, so what a reader was told is saved is saved. The page hears of the start through
   "live-demo:progress" events and of a replacement through "live-demo:restarted". */
import { ASSETS, config } from "./page-config.js";

export class TabError extends Error {}
export class Runaway extends TabError {}
export const RUNAWAY_MS = 4000;

let tab = null;
/* The reader's modules that last loaded cleanly (Run), by file: a new worker loads them again. */
const running = new Map();
const emit = (name, detail) => document.dispatchEvent(new CustomEvent(name, { detail }));
let progress = { step: "fetching", loaded: 0, total: 0 };
export const lastProgress = () => progress;

function startWorker() {
  const worker = new Worker(new URL(config().tabWorker, ASSETS), { type: "module" });
  const t = { worker, pending: new Map(), next: 1, broken: null, ready: false };
  progress = { step: "fetching", loaded: 0, total: 0 };
  emit("live-demo:progress", progress);
  const fail = (error) => {
    t.broken = error;
    worker.terminate();
    for (const waiting of t.pending.values()) settle(waiting).reject(error);
    t.pending.clear();
  };
  worker.onmessage = ({ data }) => {
    if (data.progress) {
      progress = data.progress;
      emit("live-demo:progress", progress);
      return;
    }
    if (data.ready) {
      t.ready = true;
      progress = { ...progress, step: "ready" };
      emit("live-demo:progress", progress);
      for (const waiting of t.pending.values()) arm(t, waiting);
      return;
    }
    const waiting = t.pending.get(data.id);
    t.pending.delete(data.id);
    if (!waiting) return;
    if (!data.error) settle(waiting).resolve(data.answer);
    else if (t.ready) settle(waiting).reject(new TabError(data.error));
    else fail(new TabError(data.error)); // Python did not start: the next call starts anew
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new TabError(event.message || "the worker script did not load"));
  };
  return t;
}

function settle(waiting) {
  clearTimeout(waiting.timer);
  return waiting;
}

/* Only once Python is up: a cold start at 10 Mbit/s takes longer than any loop should. */
function arm(t, waiting) {
  if (t.ready && !waiting.timer) {
    waiting.timer = setTimeout(() => stopRunaway(t, waiting.limit), waiting.limit);
  }
}

function stopRunaway(t, limit) {
  if (tab !== t) return;
  t.worker.terminate();
  const error = new Runaway(`it ran for ${limit / 1000} s without finishing`);
  for (const waiting of t.pending.values()) settle(waiting).reject(error);
  t.pending.clear();
  tab = startWorker();
  for (const [file, source] of running) send("load-app", { file, source }).catch(() => {});
  emit("live-demo:restarted", { files: [...running.keys()] });
}

function send(kind, payload, limit = RUNAWAY_MS) {
  const t = tab;
  return new Promise((resolve, reject) => {
    const id = t.next++;
    const waiting = { resolve, reject, timer: null, limit };
    t.pending.set(id, waiting);
    arm(t, waiting);
    t.worker.postMessage({ id, kind, payload });
  });
}

/* `limit`: how long the call may run once Python is up (RUNAWAY_MS unless given). */
export async function call(kind, payload, limit = RUNAWAY_MS) {
  if (!tab || tab.broken) tab = startWorker();
  const answer = await send(kind, payload, limit);
  if (kind === "load-app" && answer.ok) running.set(payload.file, payload.source);
  return answer;
}

export const tabStarted = () => Boolean(tab && tab.ready && !tab.broken);
/* For the tests and the benchmark: the worker's state at a glance. */
export const tabState = () => ({ started: tabStarted(), running: [...running.keys()], progress });
