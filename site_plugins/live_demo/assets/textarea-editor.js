/* A plain <textarea> behind the editor's API, for a site built without the code editor's
   bundle: `createEditor(parent, { doc, label, onRun })` returns { getCode, setCode, markError,
   clearError, focus, destroy }, and Ctrl/Cmd+Enter calls onRun, as in the code editor. Tab
   keeps moving the focus (a keyboard reader is never trapped); indent with spaces. */
export function createEditor(parent, { doc = "", label = "Code", onRun = () => {} } = {}) {
  const area = document.createElement("textarea");
  area.className = "exercise__textarea";
  area.setAttribute("aria-label", label);
  area.spellcheck = false;
  area.wrap = "off"; // Python's indentation must show as it is
  area.autocapitalize = "off";
  area.setAttribute("autocomplete", "off");
  area.value = doc;
  const rows = () => Math.min(30, Math.max(8, area.value.split("\n").length + 1));
  area.rows = rows();
  const error = document.createElement("p");
  error.className = "exercise__editor-error";
  error.id = `editor-error-${Math.random().toString(36).slice(2)}`;
  error.hidden = true;
  area.addEventListener("input", () => { area.rows = rows(); });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });
  parent.append(area, error);
  return {
    getCode: () => area.value,
    setCode(text) { area.value = text; area.rows = rows(); },
    markError(line, message) {
      error.textContent = `Line ${line}: ${message}`;
      error.hidden = false;
      area.setAttribute("aria-invalid", "true");
      area.setAttribute("aria-describedby", error.id);
      const lines = area.value.split("\n");
      const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
      area.setSelectionRange(start, start + (lines[line - 1] || "").length);
    },
    clearError() {
      error.hidden = true;
      area.removeAttribute("aria-invalid");
      area.removeAttribute("aria-describedby");
    },
    focus: () => area.focus(),
    destroy: () => { area.remove(); error.remove(); },
  };
}
