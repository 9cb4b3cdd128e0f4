/**
 * Reconnect delay for attempt n (0-based): exponential from `base` up to `max`, with "equal jitter"
 * (half fixed, half random) so delays still grow but a node restart does not make every open console
 * reconnect in the same millisecond.
 */
export function backoffDelay(attempt, { base = 1000, max = 30000, random = Math.random } = {}) {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
