/* A request that got no answer (a TypeError from fetch): why, asked of the network, in the
   server's own words where it has any. Loaded by diagnostics.js only when that happens. */
import { startLink } from "./diagnostics.js";
import { h } from "./dom.js";
import { tabBuilt, tabPossible } from "./page-config.js";

/* The request headers a browser names in a preflight: all but the CORS-safelisted ones. */
const SAFELISTED = new Set(["accept", "accept-language", "content-language"]);
const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
function preflightHeaders(headers = {}) {
  return Object.entries(headers).filter(([name, value]) => {
    const lower = name.toLowerCase();
    if (lower === "content-type") return !SIMPLE_TYPES.includes(value.split(";")[0].trim().toLowerCase());
    return !SAFELISTED.has(lower);
  }).map(([name]) => name.toLowerCase()).join(",");
}

/* A browser hides a refused preflight from the page: the demo's GET /cors-check, open to every
   page, answers what this page's preflight got and why, in the server's own words. Null when
   the server does not say (a demo older than /cors-check). */
async function serverReason(base, request) {
  const ask = new URLSearchParams({ method: request?.method || "GET",
    path: request?.path || "/", headers: preflightHeaders(request?.headers) });
  try {
    const answer = await fetch(`${base}/cors-check?${ask}`, { cache: "no-store" });
    if (!answer.ok) return null;
    return await answer.json();
  } catch { return null; }
}

/* A refused fetch looks the same whether nothing listens or the server refuses this page
   (CORS answers are hidden); a no-cors request, needing no permission, tells them apart. */
export async function diagnose(base, request) {
  let listening = false;
  try {
    await fetch(base + "/healthz", { mode: "no-cors", cache: "no-store" });
    listening = true;
  } catch { /* nothing there, or the browser would not let us look */ }
  if (listening) {
    const verdict = await serverReason(base, request);
    if (verdict?.allowed === false && verdict.reason) {
      return [`Your demo server at ${base} refused this request from this page: `,
        h("q", { class: "live-demo__reason" }, verdict.reason), "."];
    }
    if (verdict?.allowed) {
      return [`Your demo server at ${base} allows this request from this page, but the `
        + "browser could not read its answer. Try again; if it fails again, look at the "
        + "server's log."];
    }
    return [`Your demo server at ${base} is running but refused this page's request without `
      + "saying why (a demo older than this site?). If it does not trust this page, restart "
      + "it with ", h("code", {}, `demo-server --allow-origin ${location.origin}`), "."];
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
