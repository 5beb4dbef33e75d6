/* The code editor a page loads when the reader presses Edit: CodeMirror 6 with Python.
   Bundled by esbuild at site build time (site_plugins/live_demo/editor_bundle.py) into one
   self-hosted ES module; the page imports it with import() only when asked.

   The one API the pages use (the demo's Edit and the exercises' Check both code against it):
     const ed = createEditor(parent, { doc, label, onRun })
     ed.getCode(); ed.setCode(text); ed.markError(line, message); ed.clearError();
     ed.focus(); ed.destroy();
     ed.showLine(line)   (added after the first version: scrolls that line to the top)
   onRun(code) is called on Ctrl+Enter (Cmd+Enter on a Mac). */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting,
} from "@codemirror/language";
import { Compartment, EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter,
  keymap, lineNumbers,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

/* Colours from Material's own custom properties: the editor looks like the page's code blocks,
   and follows the palette (light, or "slate") the moment the reader switches it. */
const theme = EditorView.theme({
  "&": {
    color: "var(--md-code-fg-color)",
    backgroundColor: "var(--md-code-bg-color)",
    fontSize: ".85em",
    border: "1px solid var(--md-default-fg-color--lightest)",
    borderRadius: ".1rem",
    maxHeight: "min(70vh, 36em)",
  },
  /* A long module scrolls inside the editor, not the page. */
  ".cm-scroller": { overflow: "auto" },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "var(--md-code-font-family)", caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": {
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--md-default-fg-color--light)",
    border: "none",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--md-code-hl-color--light, transparent)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { backgroundColor: "var(--md-accent-fg-color--transparent)" },
  ".cm-error-line": { backgroundColor: "rgba(230, 60, 60, .18)", boxShadow: "inset 3px 0 #e53935" },
});

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword],
    color: "var(--md-code-hl-keyword-color)" },
  { tag: [t.string, t.special(t.string)], color: "var(--md-code-hl-string-color)" },
  { tag: [t.number, t.bool, t.null], color: "var(--md-code-hl-number-color)" },
  { tag: [t.comment, t.lineComment], color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)],
    color: "var(--md-code-hl-function-color)" },
  { tag: [t.className, t.typeName], color: "var(--md-code-hl-constant-color)" },
  { tag: [t.operator, t.punctuation], color: "var(--md-code-hl-punctuation-color)" },
  { tag: t.meta, color: "var(--md-code-hl-special-color)" },
]);

/* The line the last Run failed on: one line decoration, as state. */
const setError = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setError)) {
        const { line, message } = effect.value || {};
        if (!line || line > tr.state.doc.lines) return Decoration.none;
        const at = tr.state.doc.line(line).from;
        return Decoration.set([Decoration.line({
          class: "cm-error-line", attributes: { title: message || "", "data-error-line": String(line) },
        }).range(at)]);
      }
    }
    return tr.docChanged ? marks.map(tr.changes) : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/* Material's palette is the body's data-md-color-scheme: "slate" is the dark one. */
const isDark = () => document.body?.getAttribute("data-md-color-scheme") === "slate";

let editors = 0;

export function createEditor(parent, { doc = "", label = "Code editor", onRun } = {}) {
  const darkness = new Compartment();
  /* The error's words under the editor, read out with the code (aria-describedby). */
  const said = document.createElement("p");
  said.className = "cm-error-message";
  said.id = `code-editor-error-${(editors += 1)}`;
  said.hidden = true;
  said.style.cssText = "margin: .3em 0 0; font-size: .75rem; color: #b71c1c";
  const runKeys = keymap.of([{ key: "Mod-Enter", preventDefault: true,
    run: (view) => { onRun?.(view.state.doc.toString()); return true; } }]);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), history(),
        drawSelection(), indentOnInput(), bracketMatching(), indentUnit.of("    "),
        python(), syntaxHighlighting(highlight), theme, errorLine, EditorView.lineWrapping,
        darkness.of(EditorView.darkTheme.of(isDark())),
        // Mod-Enter first, so that it runs rather than inserting a line. Tab indents, as in
        // any code editor; Escape then Tab leaves the editor (CodeMirror's own way out), so
        // the keyboard is never trapped.
        runKeys, keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": said.id }),
      ],
    }),
  });
  parent.append(said);
  const scheme = new MutationObserver(() =>
    view.dispatch({ effects: darkness.reconfigure(EditorView.darkTheme.of(isDark())) }));
  if (document.body) scheme.observe(document.body, { attributeFilter: ["data-md-color-scheme"] });

  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(text) {
      said.hidden = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text },
        effects: setError.of(null) });
    },
    markError(line, message) {
      said.textContent = line ? `Line ${line}: ${message}` : message;
      said.style.color = isDark() ? "#ff8a80" : "#b71c1c";
      said.hidden = false;
      const effects = [setError.of({ line, message })];
      if (line && line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "center" }));
      }
      view.dispatch({ effects });
    },
    clearError() {
      said.hidden = true;
      view.dispatch({ effects: setError.of(null) });
    },
    showLine(line) {
      if (!line || line > view.state.doc.lines) return;
      const at = view.state.doc.line(line).from;
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "start" }) });
    },
    focus: () => view.focus(),
    destroy() {
      scheme.disconnect();
      view.destroy();
      said.remove();
    },
  };
}
