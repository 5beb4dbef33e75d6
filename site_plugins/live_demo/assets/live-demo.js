/* Backend Basics live demo, the page script's entry: "Try it" on HTTP examples, the live to-do
   list, and Edit on the demo's own code. Plain ES modules, no third-party request; each module
   has one job (worker-client.js talks to the demo in this tab, demo-fetch.js routes every
   request, try-it.js, todos.js, editor-glue.js, diagnostics.js, progress.js). This one wires
   them to each page Material shows, and keeps the controls shared by every widget in step. */
import { demoFetch, startTimings } from "./demo-fetch.js";
import { h } from "./dom.js";
import { KEY, MODE, mode, server, tabPossible } from "./page-config.js";
import { wireTryIt } from "./try-it.js";
import { call, tabState } from "./worker-client.js";

/* ---- Controls shared by every widget on the page ----
   Written by the build (controls.py): here one listener per kind of event, and a stored
   choice that differs from the page's default is set. */
function syncControls() {
  const current = mode();
  document.querySelectorAll(".live-demo__where").forEach((where) => {
    const select = where.querySelector(".live-demo__mode");
    if (select.value !== current) select.value = current;
    const address = where.querySelector(".live-demo__address");
    if (address.hidden !== (current !== "server")) address.hidden = current !== "server";
    const input = where.querySelector(".live-demo__server");
    if (input.value !== server()) input.value = server();
    const tabOption = select.querySelector('option[value="tab"]');
    if (tabOption && !tabPossible() && !tabOption.disabled) {
      tabOption.disabled = true;
      where.append(h("p", { class: "live-demo__note" }, "This browser cannot run the demo in "
        + "the tab (it needs WebAssembly and module workers), so it calls your own server."));
    }
  });
}

if (!window.liveDemo) { // once per visit (instant navigation)
  document.addEventListener("live-demo:mode", syncControls);
  document.addEventListener("change", (event) => {
    const field = event.target;
    if (field.matches?.(".live-demo__mode")) {
      localStorage.setItem(MODE, field.value);
      document.dispatchEvent(new CustomEvent("live-demo:mode"));
    } else if (field.matches?.(".live-demo__server")) {
      const value = field.value.trim();
      if (value) localStorage.setItem(KEY, value); else localStorage.removeItem(KEY);
      syncControls();
    }
  });
  wireTryIt();

  /* "Build it yourself": Edit and Check, in their own module, loaded at the first press. */
  let exercises = null;
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".exercise__edit, .exercise__check");
    if (!button) return;
    exercises ||= import("./exercises.js");
    exercises.then((module) => module.press(button), (error) => {
      exercises = null;
      button.closest(".exercise").querySelector(".exercise__result").replaceChildren(
        h("p", { class: "live-demo__error" }, `Check could not load: ${error.message}. `
          + "Reload the page to try again."));
    });
  });

  /* For the benchmark and the tests. */
  let pagesWired = 0;
  let todos = null; // todos.js, once a page with a live list has loaded it
  window.liveDemo = { fetch: demoFetch, mode, startTimings, tabStatus: () => call("start"),
    tabState, pagesWired: () => pagesWired, liveLists: () => (todos ? todos.liveLists() : 0) };

  /* Each page shown (document$; once without Material): the last page's widgets released. */
  let wiring = null;
  const init = () => {
    wiring?.abort();
    wiring = new AbortController();
    pagesWired += 1;
    syncControls();
    // The to-do list's module only on a page with a list; once loaded, at once on the next.
    if (document.querySelector(".live-todos")) {
      const { signal } = wiring;
      const mount = () => {
        for (const box of document.querySelectorAll(".live-todos")) todos.mountTodos(box, signal);
      };
      if (todos) mount();
      else import("./todos.js").then((module) => { todos = module; if (!signal.aborted) mount(); });
    }
    // Edit's glue only where there is code to edit; the editor itself only when pressed.
    if (document.querySelector(".live-edit")) {
      const { signal } = wiring;
      import("./editor-glue.js").then(({ mountEditors }) => mountEditors(signal));
    }
  };
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
