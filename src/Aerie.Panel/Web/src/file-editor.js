// The text editor of the file manager: CodeMirror 6 with the language of the file's name (file-languages.js),
// Ctrl-S / Cmd-S to save, and a dirty flag so the page can warn before unsaved changes are lost.
import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { lua } from '@codemirror/legacy-modes/mode/lua';
import { properties } from '@codemirror/legacy-modes/mode/properties';
import { python } from '@codemirror/legacy-modes/mode/python';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { EditorView, basicSetup } from 'codemirror';
import { languageFor } from './file-languages.js';

const Languages = {
  json: () => json(),
  yaml: () => yaml(),
  javascript: () => javascript(),
  typescript: () => javascript({ typescript: true }),
  xml: () => xml(),
  properties: () => StreamLanguage.define(properties),
  toml: () => StreamLanguage.define(toml),
  shell: () => StreamLanguage.define(shell),
  lua: () => StreamLanguage.define(lua),
  python: () => StreamLanguage.define(python),
};

// Colours readable on the panel's dark background (CodeMirror's default style is made for light ones).
const Highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: '#ff7b72' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: '#a5d6ff' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: '#79c0ff' },
  { tag: [tags.propertyName, tags.attributeName, tags.definition(tags.variableName)], color: '#d2a8ff' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#8b949e', fontStyle: 'italic' },
  { tag: [tags.tagName, tags.typeName, tags.className], color: '#7ee787' },
  { tag: [tags.heading, tags.strong], fontWeight: 'bold' },
  { tag: tags.invalid, color: '#f85149' },
]);

const Theme = EditorView.theme({
  '&': { backgroundColor: '#0f1419', color: '#d6dde6', height: '100%' },
  '.cm-content': { caretColor: '#d6dde6', fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' },
  '.cm-gutters': { backgroundColor: '#141a21', color: '#8593a3', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgb(76 154 255 / 0.08)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'rgb(76 154 255 / 0.3)' },
  '.cm-cursor': { borderLeftColor: '#d6dde6' },
}, { dark: true });

/**
 * Mounts an editor in `parent` with `text`; onSave() is called on Ctrl-S, onChange(dirty) when the dirty state
 * flips. Returns {view, text(), dirty(), markSaved(text), destroy()}.
 */
export function createEditor(parent, { name, text, readOnly = false, onSave, onChange }) {
  let saved = text;
  let dirty = false;
  const language = Languages[languageFor(name)];
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      basicSetup,
      Prec.highest(keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => { onSave?.(); return true; } }])),
      keymap.of([indentWithTab]),
      language ? language() : [],
      syntaxHighlighting(Highlight),
      Theme,
      EditorView.editable.of(!readOnly),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const now = update.state.doc.toString() !== saved;
        if (now !== dirty) {
          dirty = now;
          onChange?.(dirty);
        }
      }),
    ],
  });
  return {
    view,
    language: languageFor(name),
    text: () => view.state.doc.toString(),
    dirty: () => dirty,
    markSaved(content) {
      saved = content;
      const now = view.state.doc.toString() !== saved;
      if (now !== dirty) {
        dirty = now;
        onChange?.(dirty);
      }
    },
    destroy: () => view.destroy(),
  };
}
