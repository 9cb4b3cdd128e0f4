// Small formatting helpers for the stats panel.

export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Math.max(0, Number(bytes) || 0);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatUptime(ms) {
  let seconds = Math.floor(Math.max(0, Number(ms) || 0) / 1000);
  const days = Math.floor(seconds / 86400);
  seconds %= 86400;
  const pad = (n) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Bytes per second between two cumulative network counters; 0 when a counter went backwards (restart). */
export function rate(previous, current, elapsedMs) {
  if (previous == null || elapsedMs <= 0 || current < previous) return 0;
  return ((current - previous) * 1000) / elapsedMs;
}
