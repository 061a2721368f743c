// The function code editor: CodeMirror 6 behind a few calls the wasm page
// makes through `globalThis.stratusEditor` (src/web/code_editor.rs). The page
// loads this bundle only when a function's Code tab is first shown.
//
//   create(parent, { doc, file, label, describedBy, onChange }) -> view
//   open(view, file, doc)       show another file; each file keeps its own undo history
//   setDoc(view, doc)           replace the open file's text (undoable, no onChange)
//   setDiagnostics(view, list)  [{ line, column, message }]: 1-based, column in characters
//   focus(view), destroy(view)
//
// Tab indents; Escape then Tab moves keyboard focus on (CodeMirror's own
// escape hatch), which the page says in a hint beside the editor.
import { EditorState, Annotation } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, drawSelection, dropCursor,
} from '@codemirror/view';
import { history, historyKeymap, defaultKeymap, indentWithTab } from '@codemirror/commands';
import {
  indentOnInput, indentUnit, bracketMatching, syntaxHighlighting, HighlightStyle,
} from '@codemirror/language';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { search, searchKeymap } from '@codemirror/search';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { tags as t } from '@lezer/highlight';

// Changes the page makes itself (opening a file, replacing its text) are not reported back.
const fromPage = Annotation.define();

// Light colours on white, each at least 4.5:1 (www/style.css's palette).
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword, t.modifier], color: '#7c3aed' },
  { tag: [t.string, t.special(t.string)], color: '#15803d' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#b45309' },
  { tag: t.regexp, color: '#be123c' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#5f6b7d', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: '#1d4ed8' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: '#0f5f8c' },
  { tag: t.propertyName, color: '#0f766e' },
  { tag: [t.className, t.typeName], color: '#a21caf' },
  { tag: t.invalid, color: '#c62828' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '12px', color: '#1c2330', backgroundColor: '#ffffff', height: '100%' },
  '&.cm-focused': { outline: '2px solid #bfd3fb' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace', lineHeight: '1.5' },
  '.cm-content': { caretColor: '#1c2330' },
  '.cm-gutters': { backgroundColor: '#f4f6f9', color: '#5f6b7d', borderRight: '1px solid #d9dee7' },
  '.cm-activeLine': { backgroundColor: '#f3f7ff' },
  '.cm-activeLineGutter': { backgroundColor: '#e6eeff', color: '#1c2330' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: '#cfe0ff' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: '#d7f0dd', outline: '1px solid #1b7f3b' },
  '.cm-nonmatchingBracket, &.cm-focused .cm-nonmatchingBracket': { backgroundColor: '#fdecea', outline: '1px solid #c62828' },
  '.cm-searchMatch': { backgroundColor: '#fff1b8', outline: '1px solid #d4a300' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: '#ffd66b' },
  '.cm-panels': { backgroundColor: '#f4f6f9', color: '#1c2330', fontSize: '12px' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid #d9dee7' },
  '.cm-panel.cm-search label': { fontSize: '12px' },
  '.cm-textfield, .cm-button': { fontSize: '12px' },
  '.cm-tooltip': { fontSize: '12px' },
  '.cm-diagnostic-error': { borderLeft: '4px solid #c62828' },
}, { dark: false });

function isCode(file) {
  return /\.(m|c)?js$/.test(file || '');
}

function stateFor(view, file, doc) {
  return EditorState.create({
    doc,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      EditorState.tabSize.of(2),
      indentUnit.of('  '),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      search({ top: true }),
      lintGutter(),
      isCode(file) ? javascriptLanguage : [],
      syntaxHighlighting(highlight),
      theme,
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...lintKeymap,
        indentWithTab,
      ]),
      EditorView.contentAttributes.of(view.stratus.attributes),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged || update.transactions.every((tr) => tr.annotation(fromPage))) return;
        const onChange = update.view.stratus.onChange;
        if (onChange) onChange(update.state.doc.toString());
      }),
    ],
  });
}

function create(parent, opts) {
  // tabindex: the content is already focusable (contenteditable); saying so lets checkers see
  // that the scrolling editor is reachable by keyboard.
  const attributes = { 'aria-label': opts.label || 'Code', tabindex: '0' };
  if (opts.describedBy) attributes['aria-describedby'] = opts.describedBy;
  // The view is made first so the extensions can read its settings.
  const view = new EditorView({ parent });
  view.stratus = { attributes, onChange: opts.onChange, file: opts.file || '', states: new Map() };
  view.setState(stateFor(view, view.stratus.file, opts.doc || ''));
  return view;
}

function open(view, file, doc) {
  const s = view.stratus;
  if (file === s.file) {
    setDoc(view, doc);
    return;
  }
  s.states.set(s.file, view.state);
  const kept = s.states.get(file);
  s.file = file;
  view.setState(kept && kept.doc.toString() === doc ? kept : stateFor(view, file, doc));
}

function setDoc(view, doc) {
  const current = view.state.doc.toString();
  if (current === doc) return;
  // Replace only what differs, so the cursor and the undo history stay useful.
  let start = 0;
  while (start < current.length && start < doc.length && current[start] === doc[start]) start++;
  let endA = current.length;
  let endB = doc.length;
  while (endA > start && endB > start && current[endA - 1] === doc[endB - 1]) { endA--; endB--; }
  view.dispatch({ changes: { from: start, to: endA, insert: doc.slice(start, endB) }, annotations: fromPage.of(true) });
}

// The offset of a 1-based line and column (in characters, as boa counts them).
function offset(doc, line, column) {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  const chars = Array.from(l.text);
  const before = chars.slice(0, Math.max(0, column - 1)).join('').length;
  return { from: l.from + Math.min(before, l.length), line: l };
}

function diagnostics(view, list) {
  const doc = view.state.doc;
  const out = (list || []).map((d) => {
    const { from, line } = offset(doc, d.line, d.column);
    const rest = doc.sliceString(from, line.to);
    const word = /^[\w$]+/.exec(rest);
    const to = from + (word ? word[0].length : Math.min(1, rest.length));
    return { from, to, severity: 'error', source: 'SyntaxError', message: d.message };
  });
  view.dispatch(setDiagnostics(view.state, out));
}

globalThis.stratusEditor = {
  create,
  open,
  setDoc,
  setDiagnostics: diagnostics,
  focus(view) { view.focus(); },
  destroy(view) { view.destroy(); },
};
