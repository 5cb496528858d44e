/**
 * The union passes re-resolve only the components a change touches (GroupPool, components.ts),
 * and the answer is the batch build's after adds, removals and edits in random orders, on real
 * coverage of four events in four languages and on invented sources built to cross the limits
 * the passes read corpus-wide (a word shared by too many persons).
 */
import { describe, expect, test } from 'vitest';
import { loadSeedSources } from '../../node/seeds';
import type { RawSource } from '../../types';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { type PreparedSource, prepareSource, resolveEntities } from '../pipeline';
import { ComponentIndex, type Hub } from './components';
import { DiscoveryMemo } from './index';

const coverage = new URL('../../../tests/eval/coverage/', import.meta.url);
const raw = (dir: string, n: number) =>
  loadSeedSources(new URL(`${dir}/`, coverage))
    .slice(0, n)
    .map((r): RawSource => ({ ...r, id: `${dir}/${r.id}` }));

/** The batch build: fresh objects, no memo. */
const batch = (sources: readonly PreparedSource[]) =>
  resolveEntities(
    sources.map((p) => ({ source: { ...p.source }, passages: p.passages.map((x) => ({ ...x })) })),
  );

/** A small seeded generator (mulberry32): the same orders on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A source edited: its last paragraph dropped and another source's first one added. */
function edited(r: RawSource, other: RawSource): RawSource {
  const paragraphs = r.text.split(/\n\s*\n/);
  const kept = paragraphs.length > 1 ? paragraphs.slice(0, -1) : paragraphs;
  return { ...r, text: [...kept, other.text.split(/\n\s*\n/)[0]!].join('\n\n') };
}

describe('adds, removals and edits in random orders give the batch build', () => {
  const pool = [
    ...raw('voepass-2283-vinhedo-crash-2024', 4),
    ...raw('morocco-al-haouz-earthquake-2023', 4),
    ...raw('valencia-dana-floods-2024', 3),
    ...raw('mexico-presidential-election-2024', 3),
    ...raw('unrelated', 3),
  ];

  test.each([1, 2, 3])('order %i', (seed) => {
    const next = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const memo = new DiscoveryMemo();
    const live = new Map<string, PreparedSource>();
    // Start from half the pool, then change one source at a time.
    for (const r of pool) if (next() < 0.5) live.set(r.id, prepareSource(r));
    resolveEntities([...live.values()], null, memo);
    for (let step = 0; step < 10; step++) {
      const absent = pool.filter((r) => !live.has(r.id));
      const roll = next();
      if (roll < 0.4 && absent.length > 0) {
        const r = pick(absent);
        live.set(r.id, prepareSource(r));
      } else if (roll < 0.7 && live.size > 1) {
        live.delete(pick([...live.keys()]));
      } else {
        const id = pick([...live.keys()]);
        const r = pool.find((x) => x.id === id)!;
        live.set(id, prepareSource(edited(r, pick(pool))));
      }
      const sources = [...live.values()];
      expect(resolveEntities(sources, null, memo)).toEqual(batch(sources));
      // A change touches a few components, never all of them.
      const { components } = memo.groups.redone;
      expect(components).toBeLessThan(memo.groups.componentCount());
    }
  });
});

describe('a change re-resolves the components it touches', () => {
  const sources = [
    ...raw('voepass-2283-vinhedo-crash-2024', 5),
    ...raw('morocco-al-haouz-earthquake-2023', 5),
    ...raw('unrelated', 1),
  ].map((r) => prepareSource(r));
  const unrelated = raw('unrelated', 3).map((r) => prepareSource(r));
  const memo = new DiscoveryMemo();
  const live = [...sources];
  resolveEntities(live, null, memo);

  test('the first build resolves every component', () => {
    const all = memo.groups.componentCount();
    expect(memo.groups.redone.components).toBe(all);
    // Most names meet no other: nearly as many components as names.
    const names = memo.groups.fresh + memo.groups.kept;
    expect(all * 2).toBeGreaterThan(names);
  });

  test.each([
    ['adding an unrelated article', () => live.push(unrelated[1]!), 1],
    ['adding another unrelated article', () => live.push(unrelated[2]!), 1],
    // The removed names' components are re-resolved (none when they met no other name).
    ['removing an unrelated article', () => live.splice(live.indexOf(unrelated[1]!), 1), 0],
  ])('%s', (_what, change, least) => {
    change();
    expect(resolveEntities(live, null, memo)).toEqual(batch(live));
    const { components, groups } = memo.groups.redone;
    expect(components).toBeGreaterThanOrEqual(least);
    expect(groups).toBeGreaterThanOrEqual(components);
    // An unrelated article shares few names with two stories: most components are kept.
    const names = memo.groups.fresh + memo.groups.kept;
    expect(groups * 3).toBeLessThan(names);
  });

  test('a build with nothing changed re-resolves nothing', () => {
    expect(resolveEntities(live, null, memo)).toEqual(batch(live));
    expect(memo.groups.redone).toEqual({ components: 0, groups: 0 });
  });
});

describe('corpus-wide limits mark the components they change', () => {
  // Invented names: a long and a short form of one person, and persons sharing their words.
  const syllables = ['ber', 'cas', 'dol', 'fen', 'gar', 'hol', 'lin', 'mor', 'nel', 'pas', 'rov'];
  const word = (i: number) => {
    const w = syllables[i % 11]! + syllables[Math.floor(i / 11) % 11]! + 'an';
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const said = (name: string) => `On Monday, ${name} said the new bridge would open in May.`;
  const person = prepareSource(
    rawSource(
      'person',
      'en',
      [said('Anabel Lucia Quintero'), said('Anabel Quintero'), said('Anabel Lucia Quintero')].join(
        ' ',
      ),
    ),
  );
  // Enough persons named Anabel or Quintero that neither word is evidence any more.
  const crowd = prepareSource(
    rawSource(
      'crowd',
      'en',
      Array.from({ length: 36 }, (_, i) =>
        said(i % 2 === 0 ? `Anabel ${word(i)}` : `${word(i)} Quintero`),
      )
        .concat(Array.from({ length: 36 }, (_, i) => said(`Anabel ${word(i + 40)} Quintero`)))
        .join(' '),
    ),
  );
  const far = prepareSource(
    rawSource('far', 'en', 'The Sample Harbour Company said its Sample Harbour ships would sail.'),
  );
  const memo = new DiscoveryMemo();
  const live: PreparedSource[] = [];
  const joined = (names: readonly string[]) =>
    batch(live).entities.some((e) => names.every((n) => [e.name, ...e.aliases].includes(n)));

  test.each([
    ['the person alone: the short name joins the long one', () => live.push(person), true],
    ['a far source: nothing changes', () => live.push(far), true],
    ['the crowd: the shared words are no evidence', () => live.push(crowd), false],
    ['the crowd gone: the words are evidence again', () => live.splice(2, 1), true],
  ])('%s', (_what, change, together) => {
    change();
    expect(resolveEntities(live, null, memo)).toEqual(batch(live));
    expect(joined(['Anabel Lucia Quintero', 'Anabel Quintero'])).toBe(together);
  });
});

describe('ComponentIndex: what a change marks and re-resolves', () => {
  const order = new Map(['a', 'b', 'c', 'd', 'e'].map((k, i) => [k, i]));
  const capped = (key: string): Hub => ({ key, anchor: true, capped: true });
  const anchor = (key: string, most?: number): Hub => ({ key, anchor: true, capped: false, most });
  const member = (key: string, most?: number): Hub => ({ key, anchor: false, capped: false, most });
  // Each step: the keys whose hubs change (null: the key leaves), and the components re-resolved.
  type Step = [string, Record<string, Hub[] | null>, string[][]];
  const index = new ComponentIndex<null>(2);
  const present = new Set<string>();
  test.each<Step>([
    ['two holders of a capped hub meet', { a: [capped('w')], b: [capped('w')] }, [['a', 'b']]],
    // A third holder passes the cap: the hub links none, and the two it linked are marked.
    ['a third holder passes the cap', { c: [capped('w')] }, [['a'], ['b'], ['c']]],
    ['back under the cap', { c: null }, [['a', 'b']]],
    // Members of an anchored hub meet only once it has an anchor.
    ['members without an anchor', { d: [member('x')], e: [member('x')] }, [['d'], ['e']]],
    ['the anchor comes', { c: [anchor('x')] }, [['c', 'd', 'e']]],
    ['the anchor goes', { c: null }, [['d'], ['e']]],
    // An initialism that two names share names neither: no link (most: 1).
    ['one name for an initialism', { c: [anchor('i', 1)], d: [member('i', 1)] }, [['c', 'd']]],
    ['a second name for it', { e: [member('x'), member('i', 1)] }, [['c'], ['d'], ['e']]],
  ])('%s', (_what, changes, expected) => {
    const dirty = new Set<string>();
    for (const [k, hubs] of Object.entries(changes)) {
      if (hubs) present.add(k);
      else present.delete(k);
      dirty.add(k);
      index.setHubs(k, hubs, dirty);
    }
    const made: string[][] = [];
    index.resolve(
      dirty,
      (k) => present.has(k),
      order,
      () => [],
      (keys) => {
        made.push([...keys]);
        return null;
      },
    );
    expect(made.sort()).toEqual(expected);
    expect(index.redone).toBe(expected.length);
  });
});
