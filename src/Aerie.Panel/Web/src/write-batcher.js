// Collects console lines and hands them to the terminal once per animation frame, so a server that
// floods thousands of lines a second costs one terminal write per frame instead of one per line.
// Pending lines are bounded: beyond `maxPending` the oldest are dropped (they would scroll out of the
// terminal's scrollback anyway) and the flush says how many.

export class WriteBatcher {
  #pending = [];
  #dropped = 0;
  #scheduled = false;
  #write;
  #schedule;
  #maxPending;

  /**
   * @param {(text: string) => void} write receives one string per frame
   * @param {{schedule?: (fn: () => void) => void, maxPending?: number}} [opts]
   */
  constructor(write, { schedule = (fn) => requestAnimationFrame(fn), maxPending = 5000 } = {}) {
    this.#write = write;
    this.#schedule = schedule;
    this.#maxPending = maxPending;
  }

  get pending() { return this.#pending.length; }

  /** Queues text (already terminated by the caller, e.g. "line\r\n"). */
  push(text) {
    this.#pending.push(text);
    if (this.#pending.length > this.#maxPending) {
      const excess = this.#pending.length - this.#maxPending;
      this.#pending.splice(0, excess);
      this.#dropped += excess;
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => this.flush());
    }
  }

  flush() {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    let text = this.#pending.join('');
    if (this.#dropped > 0) {
      text = `\x1b[2m… ${this.#dropped} lines skipped to keep up with the server\x1b[0m\r\n${text}`;
      this.#dropped = 0;
    }
    this.#pending = [];
    this.#write(text);
  }
}
