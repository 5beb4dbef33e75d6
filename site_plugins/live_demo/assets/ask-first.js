/* "Start over" and the like: a question in the page before a change that cannot be undone.
   Loaded at the first press. */
import { h } from "./dom.js";

/* Asks before `then` runs, in the page itself (a group with two buttons, focus on the safe
   one, Escape keeps everything), where window.confirm would block the tab and look foreign. */
export function askFirst(trigger, question, yes, then) {
  const keep = h("button", { type: "button", class: "live-todos__reset" }, "Keep my list");
  const sure = h("button", { type: "button", class: "live-todos__reset live-todos__confirm" }, yes);
  const ask = h("span", { role: "group", "aria-label": question, class: "live-todos__ask" },
    `${question} `, sure, " ", keep);
  const back = () => { ask.replaceWith(trigger); trigger.focus(); };
  keep.addEventListener("click", back);
  sure.addEventListener("click", () => { ask.replaceWith(trigger); then(); });
  ask.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); back(); }
  });
  trigger.replaceWith(ask);
  keep.focus();
}
