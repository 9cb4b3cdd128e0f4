// Collects console lines and hands them to the terminal at most once per animation frame, and only
// after the terminal has finished parsing the previous batch (xterm's write callback). So a server
// that floods thousands of lines a second costs one terminal write per frame, and the terminal's own
// input buffer never grows behind our back. Pending lines are bounded: beyond `maxPending` the oldest
// are dropped (they would scroll out of the scrollback anyway) and the next write says how many.

export class WriteBatcher {
  #pending = [];
  #dropped = 0;
  #scheduled = false;
  #inFlight = false;
  #write;
  #schedule;
  #maxPending;

  /**
   * @param {(text: string, done: () => void) => void} write receives one string per frame and calls
   *        done() once the text is processed
   * @param {{schedule?: (fn: () => void) => void, maxPending?: number}} [opts]
   */
  constructor(write, { schedule = (fn) => requestAnimationFrame(fn), maxPending = 5000 } = {}) {
    this.#write = write;
    this.#schedule = schedule;
    this.#maxPending = maxPending;
  }

  /** Lines that the next write will carry (at most maxPending). */
  get pending() { return Math.min(this.#pending.length, this.#maxPending); }

  /** Queues text (already terminated by the caller, e.g. "line\r\n"). */
  push(text) {
    this.#pending.push(text);
    // Trimmed only at twice the bound, so a flood costs amortised O(1) per line, not a splice each.
    if (this.#pending.length >= 2 * this.#maxPending) this.#trim();
    this.#request();
  }

  flush() {
    this.#scheduled = false;
    if (this.#inFlight || this.#pending.length === 0) return;
    this.#trim();
    let text = this.#pending.join('');
    if (this.#dropped > 0) {
      text = `\x1b[2m… ${this.#dropped} lines skipped to keep up with the server\x1b[0m\r\n${text}`;
      this.#dropped = 0;
    }
    this.#pending = [];
    this.#inFlight = true;
    this.#write(text, () => {
      this.#inFlight = false;
      if (this.#pending.length > 0) this.#request();
    });
  }

  #trim() {
    const excess = this.#pending.length - this.#maxPending;
    if (excess <= 0) return;
    this.#pending.splice(0, excess);
    this.#dropped += excess;
  }

  #request() {
    if (this.#scheduled || this.#inFlight) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }
}
