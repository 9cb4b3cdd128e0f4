// Per-server command history kept in localStorage (newest last), walked with the arrow keys.

const MAX_ENTRIES = 100;

export class CommandHistory {
  #key;
  #storage;
  #entries;
  #cursor;
  #draft = '';

  /** @param {string} serverId @param {Storage | null} storage */
  constructor(serverId, storage) {
    this.#key = `aerie.history.${serverId}`;
    this.#storage = storage;
    this.#entries = this.#load();
    this.#cursor = this.#entries.length;
  }

  get entries() { return [...this.#entries]; }

  /** Records a sent command (consecutive duplicates once) and resets the cursor. */
  add(command) {
    if (!command.trim()) return;
    if (this.#entries.at(-1) !== command) this.#entries.push(command);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
    this.#cursor = this.#entries.length;
    this.#draft = '';
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(this.#entries));
    } catch {
      // storage full or disabled: history stays in memory for this page
    }
  }

  /** Arrow up: the previous entry; `current` is what is typed now (kept as a draft). */
  previous(current) {
    if (this.#cursor === this.#entries.length) this.#draft = current;
    if (this.#cursor > 0) this.#cursor--;
    return this.#entries[this.#cursor] ?? current;
  }

  /** Arrow down: the next entry, then back to the draft. */
  next() {
    if (this.#cursor < this.#entries.length) this.#cursor++;
    return this.#cursor === this.#entries.length ? this.#draft : this.#entries[this.#cursor];
  }

  #load() {
    try {
      const value = JSON.parse(this.#storage?.getItem(this.#key) ?? '[]');
      return Array.isArray(value) ? value.filter((v) => typeof v === 'string').slice(-MAX_ENTRIES) : [];
    } catch {
      return [];
    }
  }
}
