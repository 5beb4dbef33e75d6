/* The to-do page: the live list, or the static one until the reader asks. */
import { demoFetch } from "./demo-fetch.js";
import { failure } from "./diagnostics.js";
import { h } from "./dom.js";
import { announce, onChange } from "./list-changes.js";
import { SERVER_OK, TAB_USED, mode, servedByMkdocs } from "./page-config.js";
import { progressView } from "./progress.js";
import { call, tabStarted } from "./worker-client.js";

const PAGE = 100; // to-dos the live list shows at first, and more at each "Show more"
const mounted = new Set();
export const liveLists = () => mounted.size;


export function mountTodos(box, signal) {
  if (box.dataset.ready) return;
  box.dataset.ready = "1";
  mounted.add(box);
  signal.addEventListener("abort", () => mounted.delete(box));
  const controls = box.querySelector(".live-todos__controls");
  const original = [...box.childNodes].filter((node) => node !== controls);
  const status = h("div", { class: "live-todos__status", "aria-live": "polite" });
  const ask = (method, path, body) => ({ method, path, body: body && JSON.stringify(body),
    headers: body ? { "Content-Type": "application/json" } : {} });
  const api = (...request) => demoFetch(ask(...request));
  let starting = null; // the progress shown while the tab's Python starts
  let live = false; // the live list is shown (not the static one)
  onChange(() => { if (live) refresh(); }, signal); // another tab changed the list

  async function act(method, path, body) {
    try {
      const { response } = await api(method, path, body);
      const text = await response.text();
      status.replaceChildren(response.ok ? "" : JSON.parse(text).error.message);
      announce();
    } catch (error) {
      status.replaceChildren(await failure(error, ask(method, path, body)));
    }
    await refresh();
  }

  /* One pass to group, one to build. */
  function list(todos) {
    const children = new Map();
    for (const t of todos) {
      const key = t.parent_id ?? 0;
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(t);
    }
    const build = (parent) => {
      const items = children.get(parent);
      if (!items) return null;
      return h("ul", { class: "task-list" }, items.map((t) => h("li", { class: "task-list-item" },
        // The theme's task-list checkbox, as on the static list.
        h("label", { class: "task-list-control" }, h("input", { type: "checkbox",
          checked: t.done, "aria-label": t.title,
          onchange: (e) => act("PATCH", `/api/todos/${t.id}`, { done: e.target.checked }) }),
          h("span", { class: "task-list-indicator" })),
        ` ${t.title}`,
        h("button", { type: "button", class: "live-todos__delete",
          "aria-label": `Delete ${t.title}`, title: "Delete",
          onclick: () => act("DELETE", `/api/todos/${t.id}`) }, "×"),
        build(t.id))));
    };
    return build(0);
  }

  /* A page of to-dos at a time; "Show more" asks for more. */
  let wanted = PAGE;
  async function load() {
    let answer;
    let path = "/api/todos";
    const todos = [];
    while (path && todos.length < wanted) {
      answer = await api("GET", path);
      if (!answer.response.ok) throw new Error(answer.response.statusText);
      const page = JSON.parse(await answer.response.text());
      todos.push(...page.todos);
      path = page.next;
    }
    return { answer, todos, more: Boolean(path) };
  }

  function showStatic(...message) {
    live = false;
    box.replaceChildren(...original, controls, status);
    status.replaceChildren(...message);
  }

  function offer() {
    const inTab = mode() === "tab";
    showStatic(h("p", {}, inTab
      ? "This is the list the demo starts with. Start the demo to change it: it runs in this "
        + "tab and keeps your list in this browser."
      : "This is the list the demo server starts with."),
    h("button", { type: "button", class: "md-button", onclick: refresh },
      inTab ? "Start the demo in this tab" : "Show the live list from my demo server"));
  }

  async function reset() {
    try {
      await call("reset");
      announce();
      status.replaceChildren("Back to the list the demo starts with.");
    } catch (error) {
      status.replaceChildren(await failure(error));
    }
    await refresh(true);
  }

  async function refresh(keepStatus) {
    if (mode() === "tab" && !tabStarted()) status.replaceChildren(starting = progressView());
    let todos;
    let answer;
    let more;
    try {
      ({ answer, todos, more } = await load());
    } catch (error) {
      showStatic(await failure(error, ask("GET", "/api/todos")), h("button", { type: "button", class: "md-button",
        onclick: refresh }, "Try again"));
      return;
    }
    if (keepStatus !== true && starting && status.contains(starting)) status.replaceChildren();
    starting = null;
    const input = h("input", { type: "text", required: true, maxlength: "200",
      "aria-label": "New to-do", placeholder: "New to-do" });
    const form = h("form", { class: "live-todos__add", onsubmit: (e) => {
      e.preventDefault();
      act("POST", "/api/todos", { title: input.value });
    } }, input, h("button", { type: "submit", class: "md-button md-button--primary" }, "Add"));
    const source = answer.where === "tab"
      ? [answer.persistent ? "Live from the demo in this tab; your list is kept in this browser. "
        : "Live from the demo in this tab; this browser does not let the page keep data, so "
          + "the list starts over when you reload. ",
      h("button", { type: "button", class: "live-todos__reset", onclick: async ({ currentTarget }) => {
        const { askFirst } = await import("./ask-first.js");
        askFirst(currentTarget, "Delete every change to your list and start over?",
          "Yes, start over", reset);
      } }, "Start over")]
      : [`Live from your demo server at ${answer.base}.`];
    const showMore = more ? h("button", { type: "button", class: "md-button live-todos__more",
      onclick: () => { wanted += PAGE; refresh(); } }, "Show more") : "";
    live = true;
    box.replaceChildren(list(todos) || h("p", {}, "Nothing to do."), showMore, form, controls,
      status, h("p", { class: "live-todos__source" }, ...source));
  }

  document.addEventListener("live-demo:changed", () => refresh(), { signal });
  document.addEventListener("live-demo:mode", () => start(), { signal });
  function start() {
    const asked = mode() === "tab"
      ? tabStarted() || localStorage.getItem(TAB_USED)
      : servedByMkdocs() || localStorage.getItem(SERVER_OK);
    if (asked) refresh(); else offer();
  }
  start();
}
