// Render TeX with the real KaTeX (npm package `katex`, installed into .ci-node/ by scripts/setup.sh).
// Reads a JSON list of {"tex": ..., "display": true|false} on stdin; writes a JSON list of
// {"ok": bool, "error": message or null, "html": KaTeX's HTML or null}. throwOnError is on and
// strict mode is "error", so an unknown command or a warning is an error, never red text in a page.
const katex = require("katex");
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ tex, display }) => {
    try {
      return { ok: true, error: null, html: katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "error" }) };
    } catch (err) {
      return { ok: false, error: String(err.message || err), html: null };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
