/* A cold start fetches megabytes: a bar of the bytes fetched, and the step it is on. Shown the
   moment the reader asks (the worker reports as it goes: worker-client.js). */
import { h } from "./dom.js";
import { lastProgress } from "./worker-client.js";

const MB = (bytes) => (bytes / 1e6).toFixed(1);
const STEPS = {
  fetching: (p) => `Fetching Python for this tab: ${MB(p.loaded)} of ${MB(p.total || 0)} MB `
    + "(the first time only; your browser keeps it)…",
  starting: () => "Starting Python…",
  loading: () => "Loading the demo app…",
  ready: () => "Python is ready.",
  failed: () => "The start failed.",
};

export function progressView() {
  const text = h("span", { class: "live-demo__step" });
  const bar = h("progress", { class: "live-demo__bar-progress", max: "1", value: "0",
    "aria-label": "Starting the demo in this tab" });
  const node = h("div", { class: "live-demo__progress", role: "status" }, text, " ", bar);
  const show = (p) => {
    text.textContent = (STEPS[p.step] || STEPS.fetching)(p);
    node.dataset.step = p.step;
    if (p.step === "fetching" && p.total) bar.value = Math.min(p.loaded / p.total, 1) * 0.8;
    else bar.value = { starting: 0.85, loading: 0.95, ready: 1 }[p.step] ?? bar.value;
  };
  show(lastProgress());
  const listener = ({ detail }) => {
    if (!node.isConnected && node.dataset.shown) {
      document.removeEventListener("live-demo:progress", listener);
      return;
    }
    node.dataset.shown = "1";
    show(detail);
  };
  document.addEventListener("live-demo:progress", listener);
  return node;
}
