/** The gold files agree with the texts they were written from (see README.md, "Gold"). */
import { describe, expect, it } from 'vitest';
import { loadEventSources, loadGoldEvents, locate } from './evaluate';
import { goldProblems } from './metrics';

describe.each(loadGoldEvents().map((g) => [g.event, g] as const))('gold %s', (_event, gold) => {
  const raw = loadEventSources(gold);

  it('was written from exactly the files its folder lists', () => {
    expect(raw.map((r) => r.file)).toEqual(gold.files);
  });

  it('names only strings that occur, each once, with the right core flags', () => {
    expect(goldProblems(gold, locate(gold, raw))).toEqual([]);
  });
});
