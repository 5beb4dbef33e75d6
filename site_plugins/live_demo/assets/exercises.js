/* "Build it yourself": Edit and Check under an exercise's starting code.

   Loaded by live-demo.js at the first press of either button. Check runs the exercise's checks
   (demo_server/exercises/NN-name/checks.py, through its runner.py) on the reader's code in the
   same Python worker as the page's demo (worker-client.js), and lists every check. The reader's
   code is kept in this browser (edits-store.js) from one Check to the next visit; "Start over"
   puts the starting code back and forgets theirs. */
import { failure } from "./diagnostics.js";
import { h } from "./dom.js";
import { dropEdit, getEdit, putEdit } from "./edits-store.js";
import { ASSETS, editorUrl } from "./page-config.js";
import { progressView } from "./progress.js";
import { Runaway, call, tabStarted } from "./worker-client.js";

/* The checks of one exercise take well under a second; past this the reader's code is taken
   to be stuck (an endless loop), and the worker is replaced. */
export const CHECK_TIMEOUT_MS = 5000;
/* "not run: your code did not load (line 7: SyntaxError: ...)", as runner.py words it. */
const NOT_LOADED = /^not run: your code did not load \((?:line (\d+): )?(.*)\)$/;

const editors = new WeakMap(); // exercise block -> its editor, once open

const shown = (block) => block.querySelector(".highlight code").textContent;
const numberOf = (block) => block.dataset.exercise.split("-")[0].replace(/^0/, "");
/* Where the reader's code is kept: beside the demo's own edited files, under a name of its own. */
const keptAs = (block) => `exercise:${block.dataset.exercise}`;
const result = (block) => block.querySelector(".exercise__result");
const note = (block) => block.querySelector(".exercise__kept");

export async function press(button) {
  const block = button.closest(".exercise");
  if (button.matches(".exercise__edit")) return edit(block, button);
  return check(block, button);
}

/* The editor, with the reader's kept code if there is some, else the starting code. */
async function openEditor(block, button) {
  button.disabled = true;
  try {
    const [{ createEditor }, kept] = await Promise.all([
      import(editorUrl() || new URL("textarea-editor.js", ASSETS).href), getEdit(keptAs(block))]);
    const place = h("div", { class: "exercise__editor" });
    block.querySelector(".highlight").after(place);
    const created = createEditor(place, {
      doc: kept ?? shown(block),
      label: `Your code for exercise ${numberOf(block)}`,
      onRun: () => check(block, block.querySelector(".exercise__check")),
    });
    editors.set(block, created);
    block.exerciseEditor = created; // for the tests: the editor's API on its block
    block.classList.add("exercise--editing");
    button.textContent = "Start over";
    button.title = "Put the starting code back";
    place.after(h("p", { class: "exercise__kept", "aria-live": "polite" }, kept === null ? ""
      : "Your code from last time, kept in this browser. Start over brings back the start."));
    return created;
  } finally {
    button.disabled = false;
  }
}

async function edit(block, button) {
  const editor = editors.get(block);
  if (editor) { // the button says "Start over" once the editor is open
    editor.setCode(shown(block));
    editor.clearError();
    await dropEdit(keptAs(block));
    note(block).textContent = "Back to the starting code.";
    editor.focus();
    return;
  }
  try {
    (await openEditor(block, button)).focus();
  } catch (error) {
    result(block).replaceChildren(h("p", { class: "live-demo__error" },
      `The editor could not load: ${error.message}. Reload the page to try again.`));
  }
}

async function check(block, button) {
  if (button.disabled) return;
  button.disabled = true;
  const out = result(block);
  out.replaceChildren(h("p", {}, "Checking…"));
  try {
    // Code kept from an earlier visit is what Check checks: open it, so what is checked shows.
    const editor = editors.get(block)
      ?? ((await getEdit(keptAs(block))) !== null ? await openEditor(block, block
        .querySelector(".exercise__edit")).catch(() => null) : null);
    const source = editor ? editor.getCode() : shown(block);
    editor?.clearError();
    if (editor && source !== shown(block)) await putEdit(keptAs(block), source);
    out.replaceChildren(tabStarted() ? h("p", {}, "Checking…") : progressView());
    await call("start"); // Python's start is not the reader's code: no time limit on it
    out.replaceChildren(h("p", {}, "Checking…"));
    const { checks } = await call("check", { exercise: block.dataset.exercise, source },
      CHECK_TIMEOUT_MS);
    out.replaceChildren(...list(checks));
    const notLoaded = NOT_LOADED.exec(checks[0]?.detail || "");
    if (editor && notLoaded && notLoaded[1]) editor.markError(Number(notLoaded[1]), notLoaded[2]);
  } catch (error) {
    if (error instanceof Runaway) {
      out.replaceChildren(h("p", { class: "live-demo__error" }, `Your code was stopped: ${
        error.message} (an endless loop, such as while True, never answers). The demo starts `
        + "afresh at your next Check or Try it, with your to-do list as it was."));
    } else {
      out.replaceChildren(await failure(error));
    }
  } finally {
    button.disabled = false;
  }
}

function list(checks) {
  const passed = checks.filter((c) => c.passed).length;
  const all = passed === checks.length;
  return [
    h("p", { class: `exercise__summary${all ? " exercise__summary--done" : ""}` },
      h("strong", {}, `${passed} of ${checks.length} checks pass`),
      all ? ": well done, the exercise is solved." : "."),
    h("ul", { class: "exercise__checks" }, checks.map((c) => h("li", {
      class: `exercise__check-item exercise__check-item--${c.passed ? "pass" : "fail"}`,
    },
    h("span", { class: "exercise__verdict" }, c.passed ? "pass" : "fail"), " ", c.says,
    c.passed ? null : h("span", { class: "exercise__detail" }, c.detail),
    c.passed || !c.hint ? null : h("span", { class: "exercise__hint" }, "Hint: ", c.hint)))),
  ];
}
