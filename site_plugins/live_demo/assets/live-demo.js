/* Backend Basics live demo: "Try it" on HTTP examples, and the live to-do list. Plain JS, no
   third-party request. Every request goes through `demoFetch`: to the demo in this tab (Python
   in a Web Worker, loaded when the reader asks) or to the reader's own demo server. */
(() => {
  "use strict";
  if (window.liveDemo) return; // once per visit (instant navigation)
  const KEY = "live-demo-server"; // the reader's own server's address
  const SERVER_OK = KEY + "-ok"; // their server answered this site before
  const MODE = "live-demo-mode"; // "tab" or "server", once the reader picks one
  const TAB_USED = "live-demo-tab-used"; // the reader started the in-tab demo before
  const PAGE = 100; // to-dos the live list shows at first, and more at each "Show more"
  const SCRIPT = document.currentScript ? document.currentScript.src : location.href;
  const config = () => document.querySelector("[data-live-demo-config]")?.dataset || {};
  const server = () =>
    (localStorage.getItem(KEY) || config().server || "").replace(/\/+$/, "");
  const LOCAL = ["127.0.0.1", "localhost", "[::1]"];
  const servedByMkdocs = () =>
    LOCAL.includes(location.hostname) && typeof window.livereload === "function";
  const tabBuilt = () => Boolean(config().tabWorker);
  const tabPossible = () => typeof WebAssembly === "object" && typeof Worker === "function";
  /* A published page runs the demo in the tab, never calling localhost unless the reader
     switches; under `mkdocs serve` the author's own server comes first. */
  function mode() {
    const chosen = localStorage.getItem(MODE);
    if (chosen === "server") return "server";
    if (!tabBuilt() || !tabPossible()) return "server";
    if (chosen === "tab") return "tab";
    return servedByMkdocs() ? "server" : "tab";
  }

  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...present(children));
    return node;
  }
  /* Optional children may be null or false: left out (replaceChildren would write "null"). */
  const present = (children) => children.flat(Infinity).filter((c) => c != null && c !== false);
  const fill = (node, ...children) => node.replaceChildren(...present(children));

  /* "METHOD /path HTTP/1.1", header lines, a blank line, then the body; or why not (as
     page_checks says at build time). */
  function parseRequest(text) {
    const lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
    const first = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\/\S*) HTTP\/1\.1$/
      .exec(lines.shift().trim());
    if (!first) return "the first line is not METHOD /path HTTP/1.1";
    const [, method, path] = first;
    const headers = {};
    while (lines.length && lines[0].trim()) {
      const line = lines.shift();
      const at = line.indexOf(":");
      if (at < 1) return `${line} is not a Name: value header`;
      headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const body = lines.slice(1).join("\n");
    if (body && /^(GET|HEAD|DELETE)$/.test(method)) return `a ${method} request has no body`;
    return { method, path, headers, body: body || undefined };
  }

  /* ---- The demo in this tab ---- */
  class TabError extends Error {}
  let tab = null;

  /* Code that never finishes (the reader's `while True` in an exercise) holds the worker's
     only thread: past `timeout` ms the worker is replaced by a new one. The to-do list is in
     IndexedDB, so nothing of it is lost. */
  class Runaway extends Error {}
  function replaceTab(error) {
    if (!tab) return;
    tab.worker.terminate();
    for (const waiting of tab.pending.values()) waiting.reject(error);
    tab = null;
  }

  function tabCall(kind, request, timeout) {
    if (!tab) {
      const worker = new Worker(new URL(config().tabWorker, SCRIPT), { type: "module" });
      tab = { worker, pending: new Map(), next: 1, broken: null };
      worker.onmessage = ({ data }) => {
        const waiting = tab.pending.get(data.id);
        tab.pending.delete(data.id);
        if (!waiting) return;
        if (data.error) waiting.reject(new TabError(data.error));
        else waiting.resolve(data.answer);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        tab.broken = new TabError(event.message || "the worker script did not load");
        for (const waiting of tab.pending.values()) waiting.reject(tab.broken);
        tab.pending.clear();
      };
    }
    if (tab.broken) return Promise.reject(tab.broken);
    return new Promise((resolve, reject) => {
      const id = tab.next++;
      const timer = timeout && setTimeout(() => replaceTab(new Runaway(
        `it ran for ${timeout / 1000} s without finishing`)), timeout);
      const done = (settle) => (value) => { clearTimeout(timer); settle(value); };
      tab.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      tab.worker.postMessage({ id, kind, request });
    });
  }

  const tabStarted = () => Boolean(tab && !tab.broken);
  let lastStart = null; // how the tab's Python started: steps in ms, and whether from a snapshot

  /* ---- One route for every request ---- */
  const NO_BODY = new Set([101, 103, 204, 205, 304]);

  async function demoFetch(request) {
    const started = performance.now();
    if (mode() === "tab") {
      const cold = !tabStarted();
      const answer = await tabCall("request", request);
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

  function whereText(result) {
    if (result.where === "server") return `answered by your server at ${result.base}`;
    return `answered by the demo in this tab${result.cold ? ", including starting Python" : ""}`;
  }

  /* ---- When it goes wrong: say what, and what to do ---- */
  function startLink() {
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

  async function failure(error) {
    if (!(error instanceof TypeError) && !(error instanceof TabError)) {
      return h("p", { class: "live-demo__error" }, `The example could not run: ${error.message}.`);
    }
    if (error instanceof TabError) {
      return h("p", { class: "live-demo__error" },
        `The demo could not run in this tab: ${error.message}. `, tabPossible()
          ? "Reload the page to try again, or use your own server."
          : "This browser lacks WebAssembly or module workers; use your own server.");
    }
    return h("p", { class: "live-demo__error" }, ...(await diagnose(server())));
  }

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

  function pretty(text, type) {
    if (!/json/.test(type || "")) return text;
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
  }

  const STARTING = "Starting Python in this tab (several megabytes the first time; the browser keeps "
    + "it for later visits)…";

  /* ---- Try it ---- */
  /* `{id}` in an example: the to-do a Try it here added last (added first if none), so a Try
     it never changes the reader's own to-dos. */
  let madeHere = null;
  const ADD = { method: "POST", path: "/api/todos", headers: { "Content-Type": "application/json" },
    body: '{"title": "Added by a Try it example"}' };
  document.addEventListener("live-demo:mode", () => { madeHere = null; });

  function remember(request, response) {
    const made = /^\/api\/todos\/(\d+)$/.exec(response.headers.get("location") || "");
    if (response.status === 201 && made) madeHere = made[1];
    if (request.method === "DELETE" && response.status === 204
        && request.path === `/api/todos/${madeHere}`) madeHere = null;
  }

  async function concrete(request) {
    if (!request.path.includes("{id}")) return { request, note: null };
    let note = null;
    if (madeHere === null) {
      const { response } = await demoFetch(ADD);
      remember(ADD, response);
      if (madeHere === null) throw new Error(`adding a to-do to work on answered ${response.status}`);
      note = `First added a to-do to work on (POST /api/todos gave it id ${madeHere}), then sent:`;
    }
    const path = request.path.replaceAll("{id}", madeHere);
    return { request: { ...request, path }, note: note || "Sent:" };
  }

  async function tryIt(button) {
    const block = button.closest(".live-demo");
    const result = block.querySelector(".live-demo__result");
    const request = parseRequest(block.querySelector("code").textContent);
    if (typeof request === "string") {
      return fill(result, h("p", { class: "live-demo__error" },
        `This example is malformed: ${request}.`));
    }
    button.disabled = true;
    result.replaceChildren(h("p", {}, mode() === "tab" && !tabStarted() ? STARTING : "Sending…"));
    try {
      const { request: sent, note } = await concrete(request);
      const answer = await demoFetch(sent);
      const { response } = answer;
      remember(sent, response);
      const text = await response.text();
      const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
      fill(result,
        note ? h("p", { class: "live-demo__note" }, note, " ",
          h("code", {}, `${sent.method} ${sent.path}`)) : null,
        h("p", { class: "live-demo__status" },
          h("strong", {}, `${response.status} ${response.statusText}`),
          ` in ${answer.ms} ms, `, h("span", { class: "live-demo__origin" }, whereText(answer))),
        h("pre", { class: "live-demo__headers" }, h("code", {}, headers)),
        text ? h("pre", { class: "live-demo__body" },
          h("code", {}, pretty(text, response.headers.get("content-type"))))
          : h("p", { class: "live-demo__empty" }, "(no body)"));
      if (request.method !== "GET") document.dispatchEvent(new CustomEvent("live-demo:changed"));
    } catch (error) {
      result.replaceChildren(await failure(error));
    } finally {
      button.disabled = false;
    }
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".live-demo__run");
    if (button) tryIt(button);
  });

  /* ---- "Build it yourself": Edit and Check, in their own module, loaded at the first press ---- */
  let exercises = null;
  const exerciseDemo = {
    call: tabCall, started: tabStarted, failure, Runaway, STARTING,
    editorUrl: () => new URL(config().editor || "textarea-editor.js", SCRIPT).href,
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".exercise__edit, .exercise__check");
    if (!button) return;
    exercises ||= import(new URL("exercises.js", SCRIPT).href);
    exercises.then((module) => module.press(button, exerciseDemo), (error) => {
      exercises = null;
      button.closest(".exercise").querySelector(".exercise__result").replaceChildren(
        h("p", { class: "live-demo__error" }, `Check could not load: ${error.message}. `
          + "Reload the page to try again."));
    });
  });

  /* ---- The to-do page: the live list, or the static one until the reader asks ---- */
  const mounted = new Set();
  function mountTodos(box, signal) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    mounted.add(box);
    signal.addEventListener("abort", () => mounted.delete(box));
    const controls = box.querySelector(".live-todos__controls");
    const original = [...box.childNodes].filter((node) => node !== controls);
    const status = h("div", { class: "live-todos__status", "aria-live": "polite" });
    const api = (method, path, body) => demoFetch({ method, path, body: body && JSON.stringify(body),
      headers: body ? { "Content-Type": "application/json" } : {} });

    async function act(method, path, body) {
      try {
        const { response } = await api(method, path, body);
        const text = await response.text();
        status.replaceChildren(response.ok ? "" : JSON.parse(text).error.message);
      } catch (error) {
        status.replaceChildren(await failure(error));
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
        await tabCall("reset");
        status.replaceChildren("Back to the list the demo starts with.");
      } catch (error) {
        status.replaceChildren(await failure(error));
      }
      await refresh(true);
    }

    async function refresh(keepStatus) {
      if (mode() === "tab" && !tabStarted()) status.replaceChildren(STARTING);
      let todos;
      let answer;
      let more;
      try {
        ({ answer, todos, more } = await load());
      } catch (error) {
        showStatic(await failure(error), h("button", { type: "button", class: "md-button",
          onclick: refresh }, "Try again"));
        return;
      }
      if (keepStatus !== true && status.textContent === STARTING) status.replaceChildren();
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
        h("button", { type: "button", class: "live-todos__reset", onclick: reset },
          "Start over")]
        : [`Live from your demo server at ${answer.base}.`];
      const showMore = more ? h("button", { type: "button", class: "md-button live-todos__more",
        onclick: () => { wanted += PAGE; refresh(); } }, "Show more") : "";
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

  /* For the benchmark and the tests. */
  let pagesWired = 0;
  window.liveDemo = { fetch: demoFetch, mode, startTimings: () => lastStart,
    tabStatus: () => tabCall("start"), pagesWired: () => pagesWired,
    liveLists: () => mounted.size };

  /* Each page shown (document$; once without Material): the last page's lists released. */
  let wiring = null;
  function init() {
    wiring?.abort();
    wiring = new AbortController();
    pagesWired += 1;
    syncControls();
    for (const box of document.querySelectorAll(".live-todos")) mountTodos(box, wiring.signal);
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
