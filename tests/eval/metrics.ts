/**
 * Pure metric computation for the entity evaluation: the gold schema, where gold forms occur in
 * the texts, how system entities are matched to gold entities, the counts and ratios per scope,
 * and the incremental-versus-batch comparison. No file or pipeline access here (see evaluate.ts).
 */
import type { Entity, EntityType } from '../../lib/types';

// ---------------------------------------------------------------------------------------------
// Gold schema (tests/eval/gold/<event>.json; documented in tests/eval/README.md).

export interface GoldEntity {
  /** Canonical name; with `names`, the names a system entity may be called by. */
  name: string;
  names?: string[];
  type: EntityType;
  /** Other types that are also right (a palace that stands for the presidency). */
  altTypes?: EntityType[];
  /** Every surface form in the texts, possessive "'s" left off. */
  forms: string[];
  /** Named in 3+ sources of the event (checked against the texts by gold.test.ts). */
  core: boolean;
  /** Not scored for recall; a system entity matching only optional ones is neither right nor junk. */
  optional?: boolean;
  note?: string;
}

export interface GoldEvent {
  event: string;
  /** The folder with the articles and sources.json, relative to the repository root. */
  dir: string;
  about: string;
  /** The files the gold was written from, in sources.json order. */
  files: string[];
  entities: GoldEntity[];
  /** Strings in the texts that are not entities: credits, bylines, headline words, menus. */
  nonEntities: string[];
}

// ---------------------------------------------------------------------------------------------
// Folding.

/** Comparison key: case-, accent- and dot-insensitive, one apostrophe, single spaces. */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Case- and accent-folding that keeps every UTF-16 offset, for searching forms in a text. */
function foldChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    const plain = base.length === ch.length ? base : ch;
    const lower = plain.toLowerCase();
    const kept = lower.length === ch.length ? lower : plain;
    out += kept === '’' || kept === '‘' ? "'" : kept;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Where gold strings occur in the texts.

export interface TextSource {
  id: string;
  language: string;
  text: string;
}

export interface Located {
  /** Per gold entity (by index): sources naming it, after longer strings take their words. */
  sources: Array<Set<string>>;
  /** Per gold entity: sources with any occurrence of a form, even inside a longer string. */
  anySources: Array<Set<string>>;
  /** Per gold entity: folded form key -> sources where that form is a name on its own. */
  formSources: Array<Map<string, Set<string>>>;
  /** Folded forms and non-entity strings that occur nowhere. */
  absent: string[];
}

/**
 * Finds every gold form and non-entity string in the texts (case- and accent-insensitive, whole
 * words). Overlaps go to the longest string, so "Valencia" inside "Instituto de Medicina Legal
 * de Valencia" does not count as naming Valencia.
 */
export function locateGold(
  gold: Pick<GoldEvent, 'entities' | 'nonEntities'>,
  texts: readonly TextSource[],
): Located {
  const strings: Array<{ text: string; owner: number }> = [];
  gold.entities.forEach((e, i) => {
    for (const f of e.forms) strings.push({ text: f, owner: i });
  });
  for (const n of gold.nonEntities) strings.push({ text: n, owner: -1 });

  const sources = gold.entities.map(() => new Set<string>());
  const anySources = gold.entities.map(() => new Set<string>());
  const formSources = gold.entities.map(() => new Map<string, Set<string>>());
  const seen = new Set<string>();

  for (const src of texts) {
    const hay = foldChars(src.text);
    const hits: Array<{ start: number; end: number; owner: number; key: string }> = [];
    for (const s of strings) {
      const needle = foldChars(s.text);
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'gu');
      for (const m of hay.matchAll(re)) {
        const start = m.index ?? 0;
        hits.push({ start, end: start + needle.length, owner: s.owner, key: foldKey(s.text) });
        seen.add(`${s.owner}\u0000${s.text}`);
        if (s.owner >= 0) anySources[s.owner]!.add(src.id);
      }
    }
    // Longest first, then leftmost: a longer name owns its words.
    hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const taken: Array<[number, number]> = [];
    for (const h of hits) {
      if (taken.some(([s, e]) => h.start < e && s < h.end)) continue;
      taken.push([h.start, h.end]);
      if (h.owner < 0) continue;
      sources[h.owner]!.add(src.id);
      const perForm = formSources[h.owner]!;
      const set = perForm.get(h.key) ?? new Set<string>();
      set.add(src.id);
      perForm.set(h.key, set);
    }
  }
  const absent = strings.filter((s) => !seen.has(`${s.owner}\u0000${s.text}`)).map((s) => s.text);
  return { sources, anySources, formSources, absent };
}

/**
 * What is wrong with a gold file, given where its strings occur: forms or non-entity strings
 * absent from the texts, a string claimed twice, a wrong core flag, an unscored type scored.
 */
export function goldProblems(
  gold: Pick<GoldEvent, 'entities' | 'nonEntities'>,
  located: Located,
): string[] {
  const problems: string[] = [];
  for (const a of located.absent) problems.push(`"${a}" occurs in no text`);
  const claimed = new Map<string, string>();
  const claim = (text: string, by: string) => {
    const k = foldKey(text);
    const prev = claimed.get(k);
    if (prev !== undefined && prev !== by)
      problems.push(`"${text}" is claimed by ${prev} and ${by}`);
    claimed.set(k, by);
  };
  gold.entities.forEach((e, i) => {
    for (const f of e.forms) claim(f, e.name);
    const named = located.sources[i]!.size;
    if (e.core !== named >= 3)
      problems.push(`${e.name}: core is ${e.core} but ${named} sources name it`);
    if (e.type === 'other' && !e.optional)
      problems.push(`${e.name}: type "other" must be optional`);
    if (e.forms.length === 0) problems.push(`${e.name}: no forms`);
  });
  for (const n of gold.nonEntities) claim(n, 'the non-entities');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// System entities and matching.

/** What the metrics need of one system entity. */
export interface SystemEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: Array<{ sourceId: string; surface: string }>;
}

/** Turns pipeline entities and mentions into the metrics' view of them. */
export function systemEntities(
  entities: readonly Entity[],
  mentions: ReadonlyArray<{ entityId: string; sourceId: string; surface: string }>,
): SystemEntity[] {
  const byEntity = new Map<string, SystemEntity['mentions']>();
  for (const m of mentions) {
    const list = byEntity.get(m.entityId) ?? [];
    list.push({ sourceId: m.sourceId, surface: m.surface });
    byEntity.set(m.entityId, list);
  }
  return entities.map((e) => ({
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: [...e.aliases],
    mentions: byEntity.get(e.id) ?? [],
  }));
}

/** Restricts the counts to some gold entities, system entities and forms (for per-language views). */
export interface Scope {
  gold?: (goldIndex: number) => boolean;
  system?: (s: SystemEntity) => boolean;
  form?: (goldIndex: number, formKey: string) => boolean;
}

export interface Counts {
  /** Scored (non-optional) gold entities in scope, and how many of them some system entity matches. */
  gold: number;
  found: number;
  goldCore: number;
  foundCore: number;
  /** Distinct folded forms of the scored gold entities, and those on the entity's primary match. */
  forms: number;
  formsLinked: number;
  /** System entities in scope: right, matching only optional gold, junk. */
  system: number;
  correct: number;
  neutral: number;
  junk: number;
  /** Junk entities that carry a listed non-entity string. */
  junkListed: number;
  /** Other junk entities with a string that is a gold form with words added or cut ("En Valencia"). */
  junkPartial: number;
  /** Scored gold entities matched by two or more system entities. */
  split: number;
  /** The same, for core gold entities (named in three or more sources). */
  coreSplit: number;
  /** System entities matching two or more gold entities. */
  merged: number;
  /** Found gold entities whose primary match has a name that is not one of theirs. */
  nameErrors: number;
  /** The same, for core gold entities. */
  coreNameErrors: number;
  /** Found gold entities whose primary match has a type that is not one of theirs. */
  typeErrors: number;
}

export interface Details {
  missed: string[];
  junk: Array<{ name: string; kind: 'listed' | 'partial' | 'other' }>;
  splits: Array<{ gold: string; system: string[] }>;
  merges: Array<{ system: string; gold: string[] }>;
  nameErrors: Array<{ gold: string; system: string }>;
  typeErrors: Array<{ gold: string; expected: EntityType; got: EntityType }>;
  unlinkedForms: Array<{ gold: string; form: string }>;
}

export interface Scored {
  counts: Counts;
  details: Details;
}

export function emptyCounts(): Counts {
  return {
    gold: 0,
    found: 0,
    goldCore: 0,
    foundCore: 0,
    forms: 0,
    formsLinked: 0,
    system: 0,
    correct: 0,
    neutral: 0,
    junk: 0,
    junkListed: 0,
    coreSplit: 0,
    coreNameErrors: 0,
    junkPartial: 0,
    split: 0,
    merged: 0,
    nameErrors: 0,
    typeErrors: 0,
  };
}

/** One key's words appear, in order and whole, inside the other's ("en valencia" / "valencia"). */
function wordOverlap(a: string, b: string): boolean {
  const inside = (x: string, y: string) => ` ${y} `.includes(` ${x} `);
  return a !== b && (inside(a, b) || inside(b, a));
}

/**
 * Scores system entities against one event's gold.
 *
 * A system entity matches a gold entity when one of its strings (name, alias, mention surface)
 * has the same foldKey as one of the gold entity's forms. It is junk when it matches no gold
 * entity or carries a listed non-entity string; neutral when it matches only optional ones;
 * otherwise correct. A gold entity's primary match is the matching system entity holding most
 * of its mentions (surfaces that are its forms), then most of its forms, then the smaller name;
 * its forms are linked when they are strings of that primary match.
 */
export function score(
  gold: Pick<GoldEvent, 'entities' | 'nonEntities'>,
  system: readonly SystemEntity[],
  scope: Scope = {},
): Scored {
  const owner = new Map<string, number>();
  gold.entities.forEach((g, i) => {
    for (const f of g.forms) owner.set(foldKey(f), i);
  });
  const formKeys = [...owner.keys()];
  const nonEntity = new Set(gold.nonEntities.map(foldKey));
  const inGold = (i: number) => !gold.entities[i]!.optional && (scope.gold?.(i) ?? true);
  const inSystem = system.filter((s) => scope.system?.(s) ?? true);

  const keysOf = new Map<SystemEntity, Set<string>>();
  const hitsOf = new Map<SystemEntity, number[]>();
  for (const s of inSystem) {
    const keys = new Set([s.name, ...s.aliases, ...s.mentions.map((m) => m.surface)].map(foldKey));
    keysOf.set(s, keys);
    const hits = new Set<number>();
    for (const k of keys) {
      const g = owner.get(k);
      if (g !== undefined) hits.add(g);
    }
    hitsOf.set(
      s,
      [...hits].sort((a, b) => a - b),
    );
  }

  const counts = emptyCounts();
  const details: Details = {
    missed: [],
    junk: [],
    splits: [],
    merges: [],
    nameErrors: [],
    typeErrors: [],
    unlinkedForms: [],
  };

  for (const s of inSystem) {
    const hits = hitsOf.get(s)!;
    const keys = [...keysOf.get(s)!];
    const listed = keys.some((k) => nonEntity.has(k));
    counts.system++;
    if (hits.length === 0 || listed) {
      counts.junk++;
      const partial = !listed && keys.some((k) => formKeys.some((f) => wordOverlap(k, f)));
      if (listed) counts.junkListed++;
      if (partial) counts.junkPartial++;
      details.junk.push({ name: s.name, kind: listed ? 'listed' : partial ? 'partial' : 'other' });
    } else if (hits.every((g) => gold.entities[g]!.optional)) counts.neutral++;
    else counts.correct++;
    if (hits.length >= 2) {
      counts.merged++;
      details.merges.push({ system: s.name, gold: hits.map((g) => gold.entities[g]!.name) });
    }
  }

  gold.entities.forEach((g, i) => {
    if (!inGold(i)) return;
    const own = new Set(g.forms.map(foldKey));
    const scoped = [...own].filter((k) => scope.form?.(i, k) ?? true);
    const matches = inSystem.filter((s) => hitsOf.get(s)!.includes(i));
    counts.gold++;
    if (g.core) counts.goldCore++;
    counts.forms += scoped.length;
    if (matches.length === 0) {
      details.missed.push(g.name);
      for (const k of scoped) details.unlinkedForms.push({ gold: g.name, form: k });
      return;
    }
    counts.found++;
    if (g.core) counts.foundCore++;
    const held = (s: SystemEntity) => s.mentions.filter((m) => own.has(foldKey(m.surface))).length;
    const carried = (s: SystemEntity) => [...own].filter((k) => keysOf.get(s)!.has(k)).length;
    const primary = [...matches].sort(
      (a, b) =>
        held(b) - held(a) ||
        carried(b) - carried(a) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )[0]!;
    for (const k of scoped) {
      if (keysOf.get(primary)!.has(k)) counts.formsLinked++;
      else details.unlinkedForms.push({ gold: g.name, form: k });
    }
    if (matches.length >= 2) {
      counts.split++;
      if (g.core) counts.coreSplit++;
      details.splits.push({ gold: g.name, system: matches.map((s) => s.name) });
    }
    const names = new Set([g.name, ...(g.names ?? [])].map(foldKey));
    if (!names.has(foldKey(primary.name))) {
      counts.nameErrors++;
      if (g.core) counts.coreNameErrors++;
      details.nameErrors.push({ gold: g.name, system: primary.name });
    }
    if (primary.type !== g.type && !(g.altTypes ?? []).includes(primary.type)) {
      counts.typeErrors++;
      details.typeErrors.push({ gold: g.name, expected: g.type, got: primary.type });
    }
  });
  return { counts, details };
}

export function addCounts(a: Counts, b: Counts): Counts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as Array<keyof Counts>) out[k] = a[k] + b[k];
  return out;
}

export interface Ratios {
  /** correct / (correct + junk) */
  precision: number | null;
  /** found / gold */
  recall: number | null;
  /** foundCore / goldCore */
  coreRecall: number | null;
  /** formsLinked / forms */
  formsLinked: number | null;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function ratios(c: Counts): Ratios {
  return {
    precision: ratio(c.correct, c.correct + c.junk),
    recall: ratio(c.found, c.gold),
    coreRecall: ratio(c.foundCore, c.goldCore),
    formsLinked: ratio(c.formsLinked, c.forms),
  };
}

// ---------------------------------------------------------------------------------------------
// Incremental versus batch.

export interface EntitySetDiff {
  /** The same entity with another name, type or aliases (same name, or a name or alias in common). */
  changed: Array<{ batch: string; incremental: string }>;
  onlyBatch: string[];
  onlyIncremental: string[];
  /** changed + onlyBatch + onlyIncremental */
  differences: number;
}

type Comparable = Pick<Entity, 'name' | 'type' | 'aliases'>;

function signature(e: Comparable): string {
  return `${e.type} ${e.name} [${[...e.aliases].sort().join('; ')}]`;
}

/** Compares two entity sets by name, type and aliases (ids, descriptors and origin aside). */
export function compareEntitySets(
  batch: readonly Comparable[],
  incremental: readonly Comparable[],
): EntitySetDiff {
  const view = (e: Comparable) => ({
    sig: signature(e),
    name: foldKey(e.name),
    keys: new Set([e.name, ...e.aliases].map(foldKey)),
  });
  const left = batch.map(view);
  const right = incremental.map(view);
  // Identical entities cancel out (as a multiset).
  for (let i = left.length - 1; i >= 0; i--) {
    const j = right.findIndex((r) => r.sig === left[i]!.sig);
    if (j >= 0) {
      left.splice(i, 1);
      right.splice(j, 1);
    }
  }
  // Then pair what is left: same name first, then any name or alias in common.
  const changed: EntitySetDiff['changed'] = [];
  const pair = (same: (a: (typeof left)[number], b: (typeof left)[number]) => boolean) => {
    for (let i = left.length - 1; i >= 0; i--) {
      const j = right.findIndex((r) => same(left[i]!, r));
      if (j < 0) continue;
      changed.push({ batch: left[i]!.sig, incremental: right[j]!.sig });
      left.splice(i, 1);
      right.splice(j, 1);
    }
  };
  pair((a, b) => a.name === b.name);
  pair((a, b) => [...a.keys].some((k) => b.keys.has(k)));
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    changed: changed.sort((a, b) => order(a.batch, b.batch)),
    onlyBatch: left.map((e) => e.sig).sort(order),
    onlyIncremental: right.map((e) => e.sig).sort(order),
    differences: changed.length + left.length + right.length,
  };
}
