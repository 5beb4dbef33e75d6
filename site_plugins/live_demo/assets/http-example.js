/* The grammar of a ```http try example, as page_checks checks it at build time:
   "METHOD /path HTTP/1.1", header lines, a blank line, then the body. A request, or why not. */
export function parseRequest(text) {
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
