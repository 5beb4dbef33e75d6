// For tests/live_demo/test_http_grammar.py: the page script's parseRequest on each case.
// stdin: {"grammar": {...}, "cases": ["GET / HTTP/1.1", ...]}; stdout: one answer per case,
// the request it parsed or the string that says why not.
import { readFileSync } from "node:fs";

const { parseRequest } = await import(process.argv[2]);
const { grammar, cases } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map((text) => parseRequest(text, grammar) ?? null)));
