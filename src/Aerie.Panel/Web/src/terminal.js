// The console terminal: xterm.js with fit and search, bounded scrollback, writes batched per frame.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import { WriteBatcher } from './write-batcher.js';

export const SCROLLBACK_LINES = 5000;

const theme = {
  background: '#0f1419',
  foreground: '#d6dde6',
  cursor: '#0f1419',
  selectionBackground: '#3a5070',
  black: '#1c232b', red: '#f06c6c', green: '#7fd67f', yellow: '#f0c674', blue: '#6cb6ff',
  magenta: '#d08ee8', cyan: '#5fd7d7', white: '#d6dde6',
  brightBlack: '#5c6773', brightRed: '#ff8f8f', brightGreen: '#a6f0a6', brightYellow: '#ffe08a',
  brightBlue: '#9ccfff', brightMagenta: '#e6b3ff', brightCyan: '#8ff0f0', brightWhite: '#ffffff',
};

export function createConsoleTerminal(container) {
  const term = new Terminal({
    scrollback: SCROLLBACK_LINES,
    convertEol: true,
    disableStdin: true,
    cursorInactiveStyle: 'none',
    cursorStyle: 'bar',
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    theme,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.open(container);

  const batcher = new WriteBatcher((text, done) => term.write(text, done), { maxPending: SCROLLBACK_LINES });
  let fitQueued = false;
  const refit = () => {
    if (fitQueued) return;
    fitQueued = true;
    requestAnimationFrame(() => {
      fitQueued = false;
      // fit() throws while the container is detached or has no size; the next resize fixes it.
      try { fit.fit(); } catch { /* not laid out yet */ }
    });
  };
  const observer = new ResizeObserver(refit);
  observer.observe(container);
  refit();

  return {
    /** A console line from the node; SGR is reset after each so a colour never bleeds into the next. */
    writeLine(line) {
      batcher.push(`${line}\x1b[0m\r\n`);
    },
    /** A notice of the page itself (connection state), dim and prefixed so it is not mistaken for game output. */
    notice(text, level = 'info') {
      const colour = level === 'error' ? '31' : level === 'warning' ? '33' : '36';
      batcher.push(`\x1b[1;${colour}m[Aerie Console]:\x1b[0m ${text}\r\n`);
    },
    separator(text) {
      batcher.push(`\x1b[2m──── ${text} ────\x1b[0m\r\n`);
    },
    findNext: (q) => (q ? search.findNext(q, { caseSensitive: false }) : false),
    findPrevious: (q) => (q ? search.findPrevious(q, { caseSensitive: false }) : false),
    clearSearch: () => term.clearSelection(),
    dispose() {
      observer.disconnect();
      term.dispose();
    },
  };
}
