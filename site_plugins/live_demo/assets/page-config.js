/* What every part of the page script reads: the page's live-demo config (written by the
   plugin into one hidden element), the reader's choices (localStorage), and where the demo
   runs. */
export const KEY = "live-demo-server"; // the reader's own server's address
export const SERVER_OK = KEY + "-ok"; // their server answered this site before
export const MODE = "live-demo-mode"; // "tab" or "server", once the reader picks one
export const TAB_USED = "live-demo-tab-used"; // the reader started the in-tab demo before
/* The folder of the page script: the worker and the editor are beside it. */
export const ASSETS = new URL(".", import.meta.url);

export const config = () => document.querySelector("[data-live-demo-config]")?.dataset || {};
export const server = () =>
  (localStorage.getItem(KEY) || config().server || "").replace(/\/+$/, "");
const LOCAL = ["127.0.0.1", "localhost", "[::1]"];
export const servedByMkdocs = () =>
  LOCAL.includes(location.hostname) && typeof window.livereload === "function";
export const tabBuilt = () => Boolean(config().tabWorker);
export const tabPossible = () => typeof WebAssembly === "object" && typeof Worker === "function";
/* The code editor's module (CodeMirror, bundled at build time), or null if this build has none. */
export const editorUrl = () => (config().editor ? new URL(config().editor, ASSETS).href : null);

/* A published page runs the demo in the tab, never calling localhost unless the reader
   switches; under `mkdocs serve` the author's own server comes first. */
export function mode() {
  const chosen = localStorage.getItem(MODE);
  if (chosen === "server") return "server";
  if (!tabBuilt() || !tabPossible()) return "server";
  if (chosen === "tab") return "tab";
  return servedByMkdocs() ? "server" : "tab";
}
