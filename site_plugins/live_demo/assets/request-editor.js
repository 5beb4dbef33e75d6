/* A Try it example the reader can change: method, path, headers and body in a form in place of
   the printed request (for GraphQL, the query and its variables as text, not inside a JSON
   string), and "Reset example" back to the request as printed.

   Loaded by try-it.js at the first press of "Edit request". `editRequest(block)` opens the form;
   `editedRequest(block)` is the request Try it sends while the form is open (or why it cannot
   be sent, a sentence), read with the grammar the build checks printed examples with
   (http-example.js, from http_grammar.py), so an edited request is held to what a printed one
   is, and offers the methods that grammar knows. */

import { h } from "./dom.js";
import { grammar, parseRequest } from "./http-example.js";

const forms = new WeakMap(); // example block -> its form's fields

let made = 0; // ids for labels, unique on the page

const printed = (block) => block.querySelector(".highlight code").textContent;

/* A GraphQL example: a POST to /graphql whose body is {"query": ...}. Its query and variables. */
function graphql(request) {
  if (!request.path.startsWith("/graphql") || !request.body) return null;
  try {
    const body = JSON.parse(request.body);
    if (typeof body?.query !== "string") return null;
    return { query: body.query, variables: body.variables, operationName: body.operationName };
  } catch {
    return null;
  }
}

function field(label, control, hint) {
  const id = `live-demo-field-${++made}`;
  control.id = id;
  return h("div", { class: "live-demo__field" },
    h("label", { for: id }, label, hint ? h("span", { class: "live-demo__hint" }, ` ${hint}`) : null),
    control);
}

const area = (value, rows) => h("textarea", { class: "live-demo__input", rows: String(rows),
  spellcheck: "false", autocapitalize: "off", autocomplete: "off", wrap: "off" }, value);
const lines = (text) => Math.min(12, Math.max(2, text.split("\n").length));

function fill(fields, request) {
  fields.method.value = request.method;
  fields.path.value = request.path;
  fields.headers.value = Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`).join("\n");
  const gql = graphql(request);
  fields.gql = Boolean(gql);
  fields.query.value = gql ? gql.query : "";
  fields.variables.value = gql && gql.variables !== undefined
    ? JSON.stringify(gql.variables, null, 2) : "";
  fields.operationName = gql?.operationName;
  fields.body.value = gql ? "" : request.body || "";
  for (const name of ["headers", "body", "query", "variables"]) {
    fields[name].rows = lines(fields[name].value);
  }
  fields.bodyField.hidden = fields.gql;
  fields.queryField.hidden = fields.variablesField.hidden = !fields.gql;
}

/* Open the form under the printed example (which it hides), filled with that example. */
export function editRequest(block, { onSend = () => {}, onClose = () => {} } = {}) {
  if (forms.has(block)) {
    forms.get(block).method.focus();
    return;
  }
  const request = parseRequest(printed(block));
  if (typeof request === "string") throw new Error(`this example is malformed: ${request}`);
  const fields = {
    method: h("select", { class: "live-demo__input" },
      grammar().methods.map((m) => h("option", { value: m }, m))),
    path: h("input", { type: "text", class: "live-demo__input", spellcheck: "false",
      autocapitalize: "off", autocomplete: "off" }),
    headers: area("", 2),
    body: area("", 2),
    query: area("", 4),
    variables: area("", 2),
  };
  fields.bodyField = field("Body", fields.body);
  fields.queryField = field("GraphQL query", fields.query);
  fields.variablesField = field("Variables", fields.variables, "(JSON, may be empty)");
  const reset = h("button", { type: "button", class: "md-button live-demo__reset-example",
    onclick: () => { close(block); onClose(); } }, "Reset example");
  const form = h("fieldset", { class: "live-demo__form" },
    h("legend", {}, "Your request (Try it sends it; Ctrl+Enter too)"),
    h("div", { class: "live-demo__line" }, field("Method", fields.method),
      field("Path", fields.path)),
    field("Headers", fields.headers, "(one Name: value a line)"),
    fields.bodyField, fields.queryField, fields.variablesField, reset);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSend();
    }
  });
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA") event.target.rows = lines(event.target.value);
  });
  fill(fields, request);
  fields.form = form;
  forms.set(block, fields);
  block.querySelector(".highlight").after(form);
  block.classList.add("live-demo--editing");
  fields.method.focus();
}

/* Back to the example as printed: the form goes, the printed request shows again. */
export function close(block) {
  const fields = forms.get(block);
  if (!fields) return;
  fields.form.remove();
  forms.delete(block);
  block.classList.remove("live-demo--editing");
}

export const editing = (block) => forms.has(block);

/* The request in the form, as Try it sends it; or a sentence saying what is wrong with it. */
export function editedRequest(block) {
  const fields = forms.get(block);
  const method = fields.method.value;
  const path = fields.path.value.trim();
  if (!path.startsWith("/") || /\s/.test(path)) {
    return "the path must start with / and have no spaces (write %20 for one)";
  }
  let body = fields.body.value;
  if (fields.gql) {
    let variables;
    if (fields.variables.value.trim()) {
      try {
        variables = JSON.parse(fields.variables.value);
      } catch (error) {
        return `the variables are not JSON (${error.message})`;
      }
    }
    body = JSON.stringify({ query: fields.query.value, variables,
      operationName: fields.operationName });
  }
  if (grammar().noBody.includes(method) && body.trim()) {
    return `a ${method} request has no body: empty it`;
  }
  // A blank line would end the headers: the ones after it would be read as the body.
  const headers = fields.headers.value.split("\n").filter((line) => line.trim());
  const text = [`${method} ${path} HTTP/1.1`, ...headers, "", body].join("\n");
  return parseRequest(text);
}
