/** Text with some stretches marked; source text is rendered as text, never as HTML. */
export function Marked({
  text,
  ranges,
}: {
  text: string;
  ranges: ReadonlyArray<readonly [number, number]>;
}) {
  const sorted = [...ranges].filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  sorted.forEach(([a, b], i) => {
    if (a < at) return;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={i}>{text.slice(a, b)}</mark>);
    at = b;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
