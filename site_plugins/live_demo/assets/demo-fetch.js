/* One route for every request a widget sends: to the demo in this tab (worker-client.js) or
   to the reader's own demo server. */
import { SERVER_OK, TAB_USED, mode, server } from "./page-config.js";
import { call, tabStarted } from "./worker-client.js";

const NO_BODY = new Set([101, 103, 204, 205, 304]);
let lastStart = null; // how the tab's Python started: steps in ms, and whether from a snapshot
export const startTimings = () => lastStart;

export async function demoFetch(request) {
  const started = performance.now();
  if (mode() === "tab") {
    const cold = !tabStarted();
    const answer = await call("request", request);
    localStorage.setItem(TAB_USED, "1");
    lastStart = answer.timings;
    const body = NO_BODY.has(answer.status) || request.method === "HEAD" ? null : answer.body;
    const response = new Response(body, {
      status: answer.status, statusText: answer.reason, headers: answer.headers });
    return { response, where: "tab", cold, persistent: answer.persistent,
      ms: Math.round(performance.now() - started) };
  }
  const base = server();
  const response = await fetch(base + request.path, {
    method: request.method, headers: request.headers, body: request.body, cache: "no-store" });
  localStorage.setItem(SERVER_OK, "1");
  return { response, where: "server", base, ms: Math.round(performance.now() - started) };
}

export function whereText(result) {
  if (result.where === "server") return `answered by your server at ${result.base}`;
  return `answered by the demo in this tab${result.cold ? ", including starting Python" : ""}`;
}
