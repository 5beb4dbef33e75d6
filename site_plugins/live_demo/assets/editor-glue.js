/* Edit, Run, Reset and Download on the demo's own code (a ```python edit="FILE" block).

   Edit loads the editor (editorUrl(): CodeMirror, bundled at build time) with import(), only
   then, and the whole module FILE as shipped, or the reader's edit of it kept in IndexedDB.
   Run loads the editor's text into the demo in this tab (worker-client.js "load-app"): from
   then on every Try it and the to-do list answer from it. Code that does not load leaves the
   last good code answering and its line marked; a loop is stopped by the worker client. */
import { failure } from "./diagnostics.js";
import { dropEdit, getEdit, putEdit } from "./edits-store.js";
import { fill, h } from "./dom.js";
import { ASSETS, config, editorUrl, mode } from "./page-config.js";
import { progressView } from "./progress.js";
import { call, tabStarted, tabState } from "./worker-client.js";

const shipped = new Map(); // file -> the text the site ships, fetched once
const sources = () => JSON.parse(config().editSources || "{}");

async function shippedCode(file) {
  if (!shipped.has(file)) {
    const url = sources()[file];
    if (!url) throw new Error(`this build ships no ${file}`);
    const response = await fetch(new URL(url, ASSETS));
    if (!response.ok) throw new Error(`${file} answered ${response.status}`);
    shipped.set(file, await response.text());
  }
  return shipped.get(file);
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

async function openEditor(block, button) {
  const file = block.dataset.edit;
  button.disabled = true;
  button.textContent = "Loading the editor…";
  const status = h("div", { class: "live-edit__status", "aria-live": "polite" });
  let ed;
  try {
    const [{ createEditor }, original, kept] = await Promise.all([
      import(editorUrl()), shippedCode(file), getEdit(file)]);
    const parent = h("div", { class: "live-edit__editor" });
    ed = createEditor(parent, { doc: kept ?? original, label: `Python code of ${file}`,
      onRun: () => run() });
    const save = debounce(() => {
      const text = ed.getCode();
      if (text === original) dropEdit(file); else putEdit(file, text);
    }, 250);
    parent.addEventListener("input", save);
    parent.addEventListener("keyup", save);

    async function run() {
      const source = ed.getCode();
      if (source === original) dropEdit(file); else await putEdit(file, source);
      fill(status, tabStarted() ? h("p", {}, `Loading your ${file}…`) : progressView());
      try {
        const answer = await call("load-app", { file, source });
        if (answer.ok) {
          ed.clearError();
          fill(status, h("p", { class: "live-edit__ok" }, `Your ${file} runs in this tab `
            + `(loaded in ${answer.ms} ms): the Try it buttons and the to-do list answer from it.`,
          mode() === "tab" ? null : " They call your own server now: switch Runs in to this "
            + "tab to try your code."));
          document.dispatchEvent(new CustomEvent("live-demo:changed"));
        } else {
          ed.markError(answer.line, answer.error);
          fill(status, h("p", { class: "live-demo__error" }, `Your code did not load: `,
            h("code", {}, answer.message), ". ", answer.line ? "The line is marked in the "
              + "editor. " : "", "The last code that loaded keeps answering."));
        }
      } catch (error) {
        fill(status, await failure(error));
      }
    }

    async function reset() {
      ed.setCode(original);
      await dropEdit(file);
      fill(status, h("p", {}, `Back to the ${file} shipped with this site.`));
      if (tabState().running.includes(file)) await run();
    }

    function download() {
      const url = URL.createObjectURL(new Blob([ed.getCode()], { type: "text/x-python" }));
      const link = h("a", { href: url, download: file, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      fill(status, h("p", {}, `Saved ${file} to your downloads. `, runCommand(file)));
    }

    const key = isMac() ? "⌘+Enter" : "Ctrl+Enter";
    const panel = h("div", { class: "live-edit__panel", "data-search-exclude": true },
      h("p", { class: "live-edit__about" }, `The whole of ${file}: change it, then Run. `
        + `${key} runs too; Escape then Tab leaves the editor.`),
      parent,
      h("div", { class: "live-edit__buttons" },
        h("button", { type: "button", class: "md-button md-button--primary live-edit__run",
          onclick: () => run() }, "Run"),
        h("button", { type: "button", class: "md-button live-edit__reset", onclick: reset },
          "Reset"),
        h("button", { type: "button", class: "md-button live-edit__download", onclick: download },
          "Download")),
      status,
      h("p", { class: "live-edit__local" }, runCommand(file)));
    block.liveEdit = ed; // for the tests and the benchmark: the editor's API on its block
    block.querySelector(".highlight")?.setAttribute("hidden", "");
    block.querySelector(".live-edit__bar").replaceWith(panel);
    block.classList.add("live-edit--open");
    if (kept != null) fill(status, h("p", {}, "Your edit, kept in this browser. Run it, or Reset "
      + "for the shipped code."));
    // Open where the page's excerpt starts (its first line, found in the whole file).
    const first = (block.querySelector("pre code")?.textContent || "").split("\n")
      .find((line) => line.trim());
    const at = first ? ed.getCode().split("\n").findIndex((line) => line.trim() === first.trim()) : -1;
    if (at > 0) ed.showLine(Math.max(1, at));
    ed.focus();
  } catch (error) {
    button.disabled = false;
    button.textContent = "Edit";
    block.querySelector(".live-edit__note")?.replaceChildren(
      `The editor could not load: ${error.message}. Check your connection and press Edit again.`);
  }
}

function runCommand(file) {
  const download = config().download;
  return ["On your own machine, ", h("code", {}, `demo-server --app ${file}`),
    " runs the file Download gives", download
      ? [" (", h("a", { href: download }, "how to get demo-server"), ")"] : null, "."];
}

function debounce(work, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(work, ms); };
}

export function mountEditors(signal) {
  if (!editorUrl()) return;
  for (const block of document.querySelectorAll(".live-edit[data-edit]")) {
    const button = block.querySelector(".live-edit__edit");
    if (!button || button.dataset.wired) continue;
    button.dataset.wired = "1";
    button.addEventListener("click", () => openEditor(block, button), { signal });
    getEdit(block.dataset.edit).then((kept) => {
      if (kept != null) block.querySelector(".live-edit__note")?.replaceChildren(
        `You have an edited ${block.dataset.edit} in this browser: Edit shows it.`);
    });
  }
}
