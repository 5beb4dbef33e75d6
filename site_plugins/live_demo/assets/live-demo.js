/* Backend Basics live demo: "Try it" on HTTP examples, and the live to-do list.
   Plain JS, no framework, no third-party request: it talks only to the reader's demo server. */
(() => {
  "use strict";
  const KEY = "live-demo-server";
  const config = () => document.querySelector("[data-live-demo-config]")?.dataset || {};
  const server = () =>
    (localStorage.getItem(KEY) || config().server || "http://127.0.0.1:3000").replace(/\/+$/, "");
  const startCommand = () => config().start || "make serve";
  /* Pages from `mkdocs serve` look for the demo at once. Any other page waits until the reader
     asks, or has used the demo before: browsers ask the reader before a public site may call
     their localhost, and a refused connection is an error in the console. */
  const LOCAL = ["127.0.0.1", "localhost", "[::1]"];
  const servedByMkdocs = () => typeof window.livereload === "function";
  const mayConnect = () =>
    (LOCAL.includes(location.hostname) && servedByMkdocs()) || localStorage.getItem(KEY + "-ok");

  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children.flat().filter((c) => c != null));
    return node;
  }

  /* "METHOD /path HTTP/1.1", header lines, a blank line, then the body. */
  function parseRequest(text) {
    const lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
    const [method, path] = lines.shift().trim().split(/\s+/);
    const headers = {};
    while (lines.length && lines[0].trim()) {
      const line = lines.shift();
      const at = line.indexOf(":");
      headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const body = lines.slice(1).join("\n");
    return { method: method.toUpperCase(), path, headers, body: body || undefined };
  }

  function unreachable(base) {
    return h("p", { class: "live-demo__error" },
      `The demo server is not answering at ${base}. Start it in a terminal with `,
      h("code", {}, startCommand()), ", then try again.");
  }

  function pretty(text, type) {
    if (!/json/.test(type || "")) return text;
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
  }

  async function send(request) {
    const started = performance.now();
    const response = await fetch(server() + request.path, {
      method: request.method, headers: request.headers, body: request.body, cache: "no-store",
    });
    const text = await response.text();
    localStorage.setItem(KEY + "-ok", "1");
    return { response, text, ms: Math.round(performance.now() - started) };
  }

  function serverField() {
    const input = h("input", { type: "url", value: server(), spellcheck: "false",
      class: "live-demo__server", "aria-label": "Demo server address" });
    input.addEventListener("change", () => {
      const value = input.value.trim();
      if (value) localStorage.setItem(KEY, value); else localStorage.removeItem(KEY);
      document.querySelectorAll(".live-demo__server").forEach((other) => { other.value = server(); });
    });
    return input;
  }

  function mountTryIt(block) {
    if (block.dataset.ready) return;
    block.dataset.ready = "1";
    const code = block.querySelector("code");
    if (!code) return;
    const request = parseRequest(code.textContent);
    const result = h("div", { class: "live-demo__result", "aria-live": "polite" });
    const button = h("button", { type: "button", class: "md-button md-button--primary live-demo__run",
      onclick: async () => {
        button.disabled = true;
        result.replaceChildren(h("p", {}, "Sending…"));
        try {
          const { response, text, ms } = await send(request);
          const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
          result.replaceChildren(
            h("p", { class: "live-demo__status" },
              h("strong", {}, `${response.status} ${response.statusText}`), ` in ${ms} ms`),
            h("pre", { class: "live-demo__headers" }, h("code", {}, headers)),
            text ? h("pre", { class: "live-demo__body" },
              h("code", {}, pretty(text, response.headers.get("content-type")))) : null);
          if (request.method !== "GET") document.dispatchEvent(new CustomEvent("live-demo:changed"));
        } catch {
          result.replaceChildren(unreachable(server()));
        } finally {
          button.disabled = false;
        }
      } }, "Try it");
    block.append(h("div", { class: "live-demo__bar" }, button,
      h("label", {}, "Server ", serverField())), result);
  }

  /* The to-do page: the live list when the demo runs, the static one when it does not. */
  function mountTodos(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    const original = [...box.childNodes];
    const status = h("p", { class: "live-todos__status", "aria-live": "polite" });
    const api = (method, path, body) => send({ method, path, body: body && JSON.stringify(body),
      headers: body ? { "Content-Type": "application/json" } : {} });

    async function act(method, path, body) {
      try {
        const { response, text } = await api(method, path, body);
        if (!response.ok) status.textContent = JSON.parse(text).error.message;
      } catch { status.replaceChildren(unreachable(server())); }
      await refresh();
    }

    function list(todos, parent) {
      const items = todos.filter((t) => t.parent_id === parent);
      if (!items.length) return null;
      return h("ul", { class: "task-list" }, items.map((t) => h("li", { class: "task-list-item" },
        h("label", {}, h("input", { type: "checkbox", checked: t.done,
          onchange: (e) => act("PATCH", `/api/todos/${t.id}`, { done: e.target.checked }) }),
          ` ${t.title}`),
        h("button", { type: "button", class: "live-todos__delete", "aria-label": `Delete ${t.title}`,
          title: "Delete", onclick: () => act("DELETE", `/api/todos/${t.id}`) }, "×"),
        list(todos, t.id))));
    }

    async function refresh() {
      let todos;
      try {
        const { response, text } = await api("GET", "/api/todos");
        if (!response.ok) throw new Error(response.statusText);
        todos = JSON.parse(text).todos;
      } catch {
        box.replaceChildren(...original, h("p", { class: "live-todos__status" },
          "This is the list the demo server starts with. ", unreachable(server())));
        return;
      }
      const input = h("input", { type: "text", required: true, maxlength: "200",
        "aria-label": "New to-do", placeholder: "New to-do" });
      const form = h("form", { class: "live-todos__add", onsubmit: (e) => {
        e.preventDefault();
        act("POST", "/api/todos", { title: input.value });
      } }, input, h("button", { type: "submit", class: "md-button" }, "Add"));
      box.replaceChildren(list(todos, null) || h("p", {}, "Nothing to do."), form, status,
        h("p", { class: "live-todos__source" }, `Live from the demo server at ${server()}.`));
    }

    document.addEventListener("live-demo:changed", refresh);
    if (mayConnect()) refresh();
    else box.append(h("p", { class: "live-todos__status" },
      h("button", { type: "button", class: "md-button", onclick: refresh },
        "Show the live list from my demo server")));
  }

  function init() {
    document.querySelectorAll(".live-demo").forEach(mountTryIt);
    document.querySelectorAll(".live-todos").forEach(mountTodos);
  }
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
