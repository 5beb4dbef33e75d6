/* When a request goes wrong: say what, and what to do, in a sentence the reader can act on. */
import { h } from "./dom.js";
import { config, server, servedByMkdocs, tabBuilt, tabPossible } from "./page-config.js";
import { Runaway, TabError } from "./worker-client.js";

export function startLink() {
  if (servedByMkdocs()) return h("code", {}, config().start || "make serve");
  const download = config().download;
  return [h("code", {}, "demo-server"), download ? [" (", h("a", { href: download },
    "how to get it"), ")"] : null];
}

/* A refused fetch looks the same whether nothing listens or the server refuses this origin
   (CORS answers are hidden); a no-cors request, needing no permission, tells them apart. */
async function diagnose(base) {
  let listening = false;
  try {
    await fetch(base + "/healthz", { mode: "no-cors", cache: "no-store" });
    listening = true;
  } catch { /* nothing there, or the browser would not let us look */ }
  if (listening) {
    return [`Your demo server at ${base} is running but does not accept requests from this `
      + `page (${location.origin}). Restart it with `,
      h("code", {}, `demo-server --allow-origin ${location.origin}`), "."];
  }
  let blocked = false;
  try {
    for (const name of ["local-network-access", "loopback-network"]) {
      const state = await navigator.permissions.query({ name }).then((s) => s.state, () => null);
      if (state === "denied") blocked = true;
    }
  } catch { /* no Permissions API */ }
  if (blocked) {
    return ["Your browser blocks this page from reaching servers on your computer (local "
      + "network access). Allow it in this site's settings, or run the demo in this tab."];
  }
  return [`Your demo server is not answering at ${base}. Start it with `, startLink(),
    tabBuilt() && tabPossible() ? ", or run the demo in this tab." : ", then try again."];
}

export const RUNAWAY_NOTE = "It started again with the last code that ran cleanly; your "
  + "to-do list is kept. Look for a loop that never ends, fix it and press Run.";

export async function failure(error) {
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
  return p(...(await diagnose(server())));
}
