/* Try it: send a page's ```http try example and show the whole answer under it. */
import { demoFetch, whereText } from "./demo-fetch.js";
import { failure } from "./diagnostics.js";
import { fill, h } from "./dom.js";
import { announce } from "./list-changes.js";
import { mode } from "./page-config.js";
import { progressView } from "./progress.js";
import { tabStarted } from "./worker-client.js";

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

function pretty(text, type) {
  if (!/json/.test(type || "")) return text;
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

/* "Edit request": the example in a form the reader changes (request-editor.js, loaded at the
   first press); while the form is open, Try it sends what it says. */
let requestEditor = null;
const loadRequestEditor = () => (requestEditor ||= import("./request-editor.js"));

async function editRequest(button) {
  const block = button.closest(".live-demo");
  const editor = await loadRequestEditor();
  editor.editRequest(block, {
    onSend: () => tryIt(block.querySelector(".live-demo__run")),
    onClose: () => { button.hidden = false; button.focus(); },
  });
  button.hidden = true;
}

async function tryIt(button) {
  const block = button.closest(".live-demo");
  const result = block.querySelector(".live-demo__result");
  // The progress (or "Sending…") at once, before anything is fetched: a cold start's first
  // 100 ms must show it, and the parser below may come over a slow network first.
  result.replaceChildren(mode() === "tab" && !tabStarted() ? progressView() : h("p", {}, "Sending…"));
  const editor = block.classList.contains("live-demo--editing") ? await loadRequestEditor() : null;
  /* The grammar's parser comes with the first press, not with every page. */
  const request = editor ? editor.editedRequest(block)
    : (await import("./http-example.js")).parseRequest(block.querySelector("code").textContent);
  if (typeof request === "string") {
    return fill(result, h("p", { class: "live-demo__error" }, editor
      ? `Your request cannot be sent: ${request}.` : `This example is malformed: ${request}.`));
  }
  button.disabled = true;
  let sent = request;
  try {
    let note;
    ({ request: sent, note } = await concrete(request));
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
    if (request.method !== "GET") {
      document.dispatchEvent(new CustomEvent("live-demo:changed"));
      announce(); // to the other tabs
    }
  } catch (error) {
    result.replaceChildren(await failure(error, sent));
  } finally {
    button.disabled = false;
  }
}

export function wireTryIt() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".live-demo__run");
    if (button) tryIt(button);
    const edit = event.target.closest?.(".live-demo__edit-request");
    if (edit) editRequest(edit);
  });
}
