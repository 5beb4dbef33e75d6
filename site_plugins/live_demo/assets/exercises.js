/* "Build it yourself": Edit and Check under an exercise's starting code.

   Loaded by live-demo.js at the first press of either button, which hands it `demo`: the tab's
   worker (`call(kind, request, timeout)`), `failure(error)` (what to tell the reader), the
   `Runaway` error a timed-out call rejects with, and the editor module's address. Check runs the
   exercise's checks (demo_server/exercises/NN-name/checks.py, through its runner.py) on the
   reader's code in the same Python worker as the page's demo, and lists every check. */

/* The checks of one exercise take well under a second; past this the reader's code is taken
   to be stuck (an endless loop), and the worker is replaced. */
export const CHECK_TIMEOUT_MS = 5000;
/* "not run: your code did not load (line 7: SyntaxError: ...)", as runner.py words it. */
const NOT_LOADED = /^not run: your code did not load \((?:line (\d+): )?(.*)\)$/;

const editors = new WeakMap(); // exercise block -> its editor, once the reader pressed Edit

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return node;
}

const shown = (block) => block.querySelector(".highlight code").textContent;
const numberOf = (block) => block.dataset.exercise.split("-")[0].replace(/^0/, "");

export async function press(button, demo) {
  const block = button.closest(".exercise");
  if (button.matches(".exercise__edit")) return edit(block, button, demo);
  return check(block, button, demo);
}

async function edit(block, button, demo) {
  const editor = editors.get(block);
  if (editor) { // the button says "Start over" once the editor is there
    editor.setCode(shown(block));
    editor.clearError();
    editor.focus();
    return;
  }
  button.disabled = true;
  try {
    const { createEditor } = await import(demo.editorUrl());
    const place = h("div", { class: "exercise__editor" });
    block.querySelector(".highlight").after(place);
    const created = createEditor(place, {
      doc: shown(block),
      label: `Your code for exercise ${numberOf(block)}`,
      onRun: () => check(block, block.querySelector(".exercise__check"), demo),
    });
    editors.set(block, created);
    block.classList.add("exercise--editing");
    button.textContent = "Start over";
    button.title = "Put the starting code back";
    created.focus();
  } catch (error) {
    result(block).replaceChildren(h("p", { class: "live-demo__error" },
      `The editor could not load: ${error.message}. Reload the page to try again.`));
  } finally {
    button.disabled = false;
  }
}

const result = (block) => block.querySelector(".exercise__result");

async function check(block, button, demo) {
  if (button.disabled) return;
  const editor = editors.get(block);
  const source = editor ? editor.getCode() : shown(block);
  button.disabled = true;
  editor?.clearError();
  const out = result(block);
  out.replaceChildren(h("p", {}, demo.started() ? "Checking…" : demo.STARTING));
  try {
    await demo.call("start"); // Python's start is not the reader's code: no time limit on it
    out.replaceChildren(h("p", {}, "Checking…"));
    const { checks } = await demo.call("check", { exercise: block.dataset.exercise, source },
      CHECK_TIMEOUT_MS);
    out.replaceChildren(...list(checks));
    const notLoaded = NOT_LOADED.exec(checks[0]?.detail || "");
    if (editor && notLoaded && notLoaded[1]) editor.markError(Number(notLoaded[1]), notLoaded[2]);
  } catch (error) {
    if (error instanceof demo.Runaway) {
      out.replaceChildren(h("p", { class: "live-demo__error" }, `Your code was stopped: ${
        error.message} (an endless loop, such as while True, never answers). The demo starts `
        + "afresh at your next Check or Try it, with your to-do list as it was."));
    } else {
      out.replaceChildren(await demo.failure(error));
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
