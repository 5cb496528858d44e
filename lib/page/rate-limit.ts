/**
 * Page side: a sliding-window limit for actions a card can trigger (turn off on this site, open
 * the list). A trusted click is required too; the limit caps the damage of anything that gets
 * past that check.
 */
export function rateLimit(max: number, windowMs: number, now: () => number = Date.now) {
  const times: number[] = [];
  return (): boolean => {
    const t = now();
    while (times.length > 0 && t - times[0]! >= windowMs) times.shift();
    if (times.length >= max) return false;
    times.push(t);
    return true;
  };
}
