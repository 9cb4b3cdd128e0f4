// Canvas sparklines for the live stats, fed only by the socket's "stats" events.

const POINTS = 60;

export class Sparkline {
  #canvas;
  #values = [];
  #colour;
  #fixedMax;

  /** @param {HTMLCanvasElement} canvas @param {{colour?: string, max?: number}} [opts] max fixes the scale (e.g. 100 % CPU) */
  constructor(canvas, { colour = '#6cb6ff', max } = {}) {
    this.#canvas = canvas;
    this.#colour = colour;
    this.#fixedMax = max;
  }

  push(value) {
    this.#values.push(Math.max(0, Number(value) || 0));
    if (this.#values.length > POINTS) this.#values.shift();
    this.draw();
  }

  draw() {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 160;
    const height = canvas.clientHeight || 36;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (this.#values.length < 2) return;
    const max = Math.max(this.#fixedMax ?? 0, ...this.#values, 1e-9);
    const step = width / (POINTS - 1);
    const offset = POINTS - this.#values.length;
    const y = (v) => height - 2 - (v / max) * (height - 4);
    ctx.beginPath();
    this.#values.forEach((v, i) => (i === 0 ? ctx.moveTo((offset + i) * step, y(v)) : ctx.lineTo((offset + i) * step, y(v))));
    ctx.strokeStyle = this.#colour;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.lineTo((offset + this.#values.length - 1) * step, height);
    ctx.lineTo(offset * step, height);
    ctx.closePath();
    ctx.globalAlpha = 0.15;
    ctx.fillStyle = this.#colour;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
}
