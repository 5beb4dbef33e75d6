/* The request in a ```http try example (or the reader's edit of one): "METHOD /path HTTP/1.1",
   header lines, a blank line, then the body. The grammar is not written here: the build puts
   site_plugins/live_demo/http_grammar.py's into the page config, the one page_checks checks
   every example with at build time. A request, or why not. */
import { config } from "./page-config.js";

export function grammar() {
  const data = config().httpGrammar;
  if (!data) throw new Error("this page's live-demo config has no HTTP grammar");
  return JSON.parse(data);
}

export function parseRequest(text, g = grammar()) {
  const lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
  const parts = lines.shift().trim().split(/\s+/);
  if (parts.length !== 3) return `the first line is not METHOD /path ${g.version}`;
  const [method, path, version] = parts;
  if (!g.methods.includes(method)) {
    return `${method} is not an HTTP method (use one of ${g.methods.join(", ")})`;
  }
  if (!path.startsWith("/") || path.startsWith("//")) {
    return `the path must start with one /, like /${path.replace(/^\/+/, "")}`;
  }
  if (version !== g.version) return `the first line must end with ${g.version}, not ${version}`;
  const header = new RegExp(`^(${g.headerName}):(.*)$`);
  const headers = {};
  while (lines.length && lines[0].trim()) {
    const next = lines.shift();
    if (g.bodyStarts.some((start) => next.trimStart().startsWith(start))) {
      return "put a blank line between the headers and the body";
    }
    const found = header.exec(next);
    if (!found) return `${next.trim()} is not a header: write Name: value`;
    headers[found[1]] = found[2].trim();
  }
  const body = lines.slice(1).join("\n");
  if (body.trim() && g.noBody.includes(method)) return `a ${method} request has no body`;
  return { method, path, headers, body: body.trim() ? body : undefined };
}
