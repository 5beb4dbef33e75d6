/* When a request goes wrong: say what, and what to do, in a sentence the reader can act on. */
import { h } from "./dom.js";
import { config, server, servedByMkdocs, tabPossible } from "./page-config.js";
import { Runaway, TabError } from "./worker-client.js";

export function startLink() {
  if (servedByMkdocs()) return h("code", {}, config().start || "make serve");
  const download = config().download;
  return [h("code", {}, "demo-server"), download ? [" (", h("a", { href: download },
    "how to get it"), ")"] : null];
}

export const RUNAWAY_NOTE = "It started again with the last code that ran cleanly; your "
  + "to-do list is kept. Look for a loop that never ends, fix it and press Run.";

/* What to tell the reader of `error`; `request`, if known, is what was sent. */
export async function failure(error, request) {
  const p = (...text) => h("p", { class: "live-demo__error" }, ...text);
  if (error instanceof Runaway) return p(`Your code was stopped: ${error.message}. ${RUNAWAY_NOTE}`);
  if (error instanceof TabError) {
    return p(`The demo could not start in this tab: ${error.message}. `, tabPossible()
      ? "Check your connection and press the button again (what your browser already "
        + "fetched is kept), or run the demo on your own server: "
      : "This browser lacks WebAssembly or module workers; use your own server: ",
    startLink(), ".");
  }
  if (!(error instanceof TypeError)) return p(`The example could not run: ${error.message}.`);
  // No answer: why, asked of the network by a module loaded only then.
  const { diagnose } = await import("./diagnose.js");
  return p(...(await diagnose(server(), request)));
}
