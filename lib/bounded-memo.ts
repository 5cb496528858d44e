/**
 * A function of a string remembered for the strings asked again and again (names, keys, quotes),
 * bounded: past `max` answers the memory starts afresh, so a long-lived worker never grows
 * without limit and the answers stay those of `compute`.
 */
export function boundedMemo<T>(max: number, compute: (s: string) => T): (s: string) => T {
  const answers = new Map<string, T>();
  return (s) => {
    const known = answers.get(s);
    if (known !== undefined || answers.has(s)) return known as T;
    const answer = compute(s);
    if (answers.size >= max) answers.clear();
    answers.set(s, answer);
    return answer;
  };
}
