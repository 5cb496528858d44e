/**
 * Grouping: occurrences under one entity by their aliases (surnames, acronyms, initials,
 * countries in any language, person-name variants, near-miss spellings).
 */
import { boundedMemo } from '../../bounded-memo';
import { distance } from 'fastest-levenshtein';
import { anyLanguage, companySuffixes, countryCode, demonymCountry, nameGlosses } from '../../lang';
import { type CorrectionRules, mayJoin, NO_RULES } from '../corrections';
import { fold } from '../text';
import { isAllCaps, isConjunction, isConnector, isInitialism } from '../tokens';
import type { Occurrence } from './occurrences';
import { ComponentIndex, type Hub } from './components';
import { groupHeadedName, headedIndex, headFirstTarget } from './short-names';
import { cognates, commonPrefix, jaroWinkler } from './similarity';
import { ARTICLES, isHeadWord, key, TAIL_KEYWORD, typeFromKeywords } from './words';

/** Near-miss spellings are looked for among names up to this long (names are far shorter). */
const NEAR_MISS_MAX_CHARS = 64;

/** A word shared by more groups than this is no evidence that two names are one person. */
const MAX_SHARED_NAME_WORD = 32;

/**
 * One person's shorter and longer names, by evidence in the words: "Doe Roe" and "Jane
 * Ann Doe" inside "Ana María Doe Roe" and "Jane Ann Doe Roe"; "Jane Roe" for "Jane
 * Ann Roe" (same first and last words); "Doe Roe" after "Jane Doe" (a second surname); "Janne
 * Roe" for "Jane Roe" (same surname, given names one edit apart). A shorter name joins only
 * when exactly one longer person fits.
 */
function linkPersonVariants(
  multi: readonly Group[],
  union: (child: string, into: string) => void,
  find: (k: string) => string,
  /** How many persons' names over the whole corpus hold a word (when `multi` is a part of it). */
  holding?: (w: string) => number,
): void {
  const persons = multi.map(personWords).filter((p): p is { g: Group; w: string[] } => p !== null);
  const byWord = new Map<string, typeof persons>();
  for (const p of persons) {
    for (const w of new Set(p.w)) {
      const list = byWord.get(w);
      if (list) list.push(p);
      else byWord.set(w, [p]);
    }
  }
  // Twice: a name that two variants fit becomes unambiguous once they are joined.
  for (const p of [...persons, ...persons]) {
    if (p.w.length > 3) continue;
    const candidates = new Set<(typeof persons)[number]>();
    for (const w of [p.w[0]!, p.w[p.w.length - 1]!]) {
      const list = byWord.get(w) ?? [];
      if ((holding ? holding(w) : list.length) <= MAX_SHARED_NAME_WORD)
        for (const c of list) if (c !== p) candidates.add(c);
    }
    const targets = new Set<string>();
    for (const c of candidates) if (fitsPerson(c, p)) targets.add(find(c.g.key));
    targets.delete(find(p.g.key));
    if (targets.size === 1) union(p.g.key, [...targets][0]!);
  }
}

/** Whether the words `short` may name the person the words `long` name (linkPersonVariants). */
function fitsPersonWords(long: readonly string[], short: readonly string[]): boolean {
  if (long.length > short.length && contains(long, short)) return true;
  const [sf, sl] = [short[0]!, short[short.length - 1]!];
  const [lf, ll] = [long[0]!, long[long.length - 1]!];
  if (short.length === 2 && long.length > 2 && sf === lf && sl === ll) return true;
  if (short.length === 2 && long.length === 2 && sf === ll && sl !== lf) return true;
  return (
    long.length >= short.length &&
    sl === ll &&
    sf !== lf &&
    sf.length >= 5 &&
    lf.length >= 5 &&
    distance(sf, lf) === 1
  );
}

function contains(long: readonly string[], short: readonly string[]): boolean {
  for (let i = 0; i + short.length <= long.length; i++)
    if (short.every((w, j) => long[i + j] === w)) return true;
  return false;
}

// By pair of persons (personWords', kept with their groups).
const fitsPerson = perPair((long: { w: string[] }, short: { w: string[] }) =>
  fitsPersonWords(long.w, short.w),
);

/** A person's name as linkPersonVariants compares it: its longest form's words (null: no person's). */
const personWords = perGroup((g: Group): { g: Group; w: string[] } | null => {
  if (!(personLike(g) && g.occs.length > 0 && !typeFromKeywords(g.occs[0]!.tokens))) return null;
  const longest = maxLen(g);
  const w = g.occs.find((o) => o.tokens.length === longest)!.tokens.map((t) => key(t.text));
  return w.every((x) => !isConnector(x)) && w.length <= 5 ? { g, w } : null;
});

export interface Group {
  key: string;
  occs: Occurrence[];
  aliases: Set<string>;
}

/**
 * The groups of the last build, kept between builds (DiscoveryMemo): a group that holds the
 * same occurrence objects as last time is the same object, so what the passes derive from one
 * group alone (cognateFeatures, abbreviable, countryPrefixed) or from a pair of groups
 * (sameNameAcross) is derived once and read from WeakMaps afterwards. A group is never changed
 * once built, so a kept one says what a new one would.
 *
 * The union passes run per component (components.ts): names that no pass can join or weigh
 * together are apart, and a component none of whose names changed keeps its answer. What makes
 * names meet is read from the passes themselves (hubsOf, the explicit edges of `relink`), and
 * what the passes read beyond the groups (list heads and former names, from each source's
 * occurrences; the corpus-wide count of persons sharing a word) marks the names it concerns.
 */
export class GroupPool {
  private last = new Map<string, Group>();
  /** Groups of the last build that were made afresh (new, or their occurrences changed). */
  fresh = 0;
  /** Groups of the last build kept from the build before. */
  kept = 0;

  /**
   * Keys by their one-deletion variants (one key alone, as most variants have, or a set of them
   * in the order they came), and keys sharing one (unionNearMisses' candidates).
   */
  private readonly byVariant = new Map<string, string | Set<string>>();
  private readonly near = new Map<string, Set<string>>();

  /** Every group of the last build, acronyms' own included (they are kept too). */
  private all = new Map<string, Group>();
  /** Each source's run of occurrences, and the facts the passes read of it. */
  private readonly facts = new Map<string, SourceFacts>();
  /** Indexes of the pairs some pass compares one by one (relink), by what the pair shares. */
  private readonly pairIndex = {
    cognates: new Map<string, Set<string>>(),
    /** Names by shape and word (`shape|word`): the names holding a word cognate with one. */
    byWord: new Map<string, Set<string>>(),
    rare: new Map<string, Set<string>>(),
    abbreviations: new Map<string, Set<string>>(),
    abbreviated: new Map<string, Set<string>>(),
  };
  private readonly indexed = new Map<string, Array<Set<string>>>();
  /**
   * The words of each shape's names by tag (`shape|tag`), each with the names holding it (its
   * set in `byWord`): a word is dropped when the search finds no name holding it any more.
   */
  private readonly cognateWords = new Map<string, Map<string, ReadonlySet<string>>>();
  private readonly components = new ComponentIndex<Answer>(MAX_SHARED_NAME_WORD);
  private readonly roots = new Map<string, string>();
  private readonly surnamed = new Set<string>();
  private readonly extended = new Set<string>();
  private readonly headed = new Map<string, string>();
  /** The corrections the last build applied. */
  private rules: CorrectionRules = NO_RULES;

  /** Components the last build re-resolved, and the groups they held. */
  get redone(): { components: number; groups: number } {
    return { components: this.components.redone, groups: this.components.regrouped };
  }

  /** How many components the names make now. */
  componentCount(): number {
    return this.components.count();
  }

  /** Puts the kept group in place of each of `groups` that holds the same occurrences. */
  settle(groups: Map<string, Group>): void {
    let fresh = 0;
    let kept = 0;
    for (const [k, g] of groups) {
      const was = this.last.get(k);
      if (was && was.occs.length === g.occs.length && was.occs.every((o, i) => o === g.occs[i])) {
        groups.set(k, was);
        kept++;
      } else {
        fresh++;
        if (!was) this.index(k);
      }
    }
    for (const k of this.last.keys()) if (!groups.has(k)) this.unindex(k);
    this.last = new Map(groups);
    this.fresh = fresh;
    this.kept = kept;
  }

  /**
   * The union passes' answer over `groups` (settled, acronyms' groups not yet added: added
   * here, as unionAcronyms adds them), re-resolving only the components the change touches.
   */
  resolve(
    groups: Map<string, Group>,
    occs: readonly Occurrence[],
    rules: CorrectionRules = NO_RULES,
  ): UnionAnswer {
    for (const g of [...groups.values()]) {
      for (const a of acronymsOf(g)) {
        const ak = key(a);
        if (groups.has(ak) || rules.hidden.has(ak)) continue;
        const was = this.all.get(ak);
        const same = was && was.occs.length === 0 && was.aliases.size === 1 && was.aliases.has(a);
        groups.set(ak, same ? was : { key: ak, occs: [], aliases: new Set([a]) });
      }
    }
    const changed = new Set<string>();
    for (const [k, g] of groups) if (this.all.get(k) !== g) changed.add(k);
    for (const k of this.all.keys()) if (!groups.has(k)) changed.add(k);
    const dirty = new Set(changed);
    this.takeRules(rules, dirty);
    const { heads, former } = this.readFacts(occs, dirty);
    for (const k of dirty) {
      const g = groups.get(k);
      this.components.setHubs(k, g ? hubsOf(g, heads.get(k), rules) : null, dirty);
    }
    this.relink(changed, groups);
    const formerOf = new Map<string, string[]>();
    for (const [a, b] of former) {
      formerOf.set(a, [...(formerOf.get(a) ?? []), b]);
      formerOf.set(b, [...(formerOf.get(b) ?? []), a]);
    }
    const order = new Map<string, number>();
    for (const k of groups.keys()) order.set(k, order.size);
    const facts: PassFacts = {
      heads,
      former,
      holding: (w) => this.components.size(`pw:${w}`),
      initialled: (letters) => this.components.members(`in:${letters}`),
    };
    const { dropped, made } = this.components.resolve(
      dirty,
      (k) => groups.has(k),
      order,
      (k) => [...this.nearPairs(k), ...(formerOf.get(k) ?? [])],
      (keys) => {
        if (keys.length === 1) return NO_ANSWER;
        const sub = new Map(keys.map((k) => [k, groups.get(k)!]));
        const u = unions(rules);
        const r = unionAll(sub, facts, u, this);
        return {
          roots: keys.map((k): [string, string] => [k, u.find(k)]).filter(([k, r]) => k !== r),
          surnamed: [...r.personSurnames],
          extended: [...r.extended],
          headed: [...r.headed],
        };
      },
    );
    for (const a of dropped) {
      for (const [k] of a.roots) this.roots.delete(k);
      for (const k of a.surnamed) this.surnamed.delete(k);
      for (const k of a.extended) this.extended.delete(k);
      for (const [k] of a.headed) this.headed.delete(k);
    }
    for (const a of made) {
      for (const [k, r] of a.roots) this.roots.set(k, r);
      for (const k of a.surnamed) this.surnamed.add(k);
      for (const k of a.extended) this.extended.add(k);
      for (const [k, h] of a.headed) this.headed.set(k, h);
    }
    this.all = new Map(groups);
    const roots = this.roots;
    return {
      find: (k) => roots.get(k) ?? k,
      personSurnames: this.surnamed,
      extended: this.extended,
      headed: this.headed,
    };
  }

  /**
   * The reader's corrections, when they changed: the keys they name, before and after, are
   * dirty (their hubs and the unions allowed among them change).
   */
  private takeRules(rules: CorrectionRules, dirty: Set<string>): void {
    if (rules.signature === this.rules.signature) return;
    for (const r of [this.rules, rules]) {
      for (const k of r.hidden) dirty.add(k);
      for (const k of r.apart.keys()) dirty.add(k);
      for (const k of r.sameOf.keys()) dirty.add(k);
    }
    this.rules = rules;
  }

  /**
   * Each source's list heads and former names (listHeads, formerPairs read one source's run of
   * occurrences at a time), made again for the sources whose run changed; the keys those
   * facts name, before and after, are dirty.
   */
  private readFacts(occs: readonly Occurrence[], dirty: Set<string>): PassFacts {
    const heads = new Map<string, string>();
    const former: Array<[string, string]> = [];
    const seen = new Set<string>();
    const mark = (f: SourceFacts) => {
      for (const k of f.heads.keys()) dirty.add(k);
      for (const [a, b] of f.former) dirty.add(a).add(b);
    };
    for (let i = 0; i < occs.length;) {
      const source = occs[i]!.source;
      let j = i;
      while (j < occs.length && occs[j]!.source === source) j++;
      seen.add(source.id);
      let f = this.facts.get(source.id);
      if (!f || f.run.length !== j - i || !f.run.every((o, n) => o === occs[i + n])) {
        const run = occs.slice(i, j);
        const made = { run, heads: listHeads(run), former: formerPairs(run) };
        if (f) mark(f);
        mark(made);
        this.facts.set(source.id, made);
        f = made;
      }
      for (const [k, h] of f.heads) heads.set(k, h);
      for (const p of f.former) former.push(p);
      i = j;
    }
    for (const [id, f] of this.facts) {
      if (seen.has(id)) continue;
      mark(f);
      this.facts.delete(id);
    }
    return { heads, former };
  }

  /**
   * The explicit edges of the changed keys: pairs unionCognates, unionRareMisspellings and
   * unionAbbreviations compare one by one, found through indexes of what such pairs share.
   */
  private relink(changed: ReadonlySet<string>, groups: ReadonlyMap<string, Group>): void {
    const { cognates, rare, abbreviations, abbreviated } = this.pairIndex;
    const add = (index: Map<string, Set<string>>, at: string, k: string) => {
      let set = index.get(at);
      if (!set) index.set(at, (set = new Set()));
      set.add(k);
      this.indexed.get(k)!.push(set);
    };
    for (const k of changed) {
      for (const set of this.indexed.get(k) ?? []) set.delete(k);
      this.indexed.delete(k);
    }
    for (const k of changed) {
      const g = groups.get(k);
      if (!g) continue;
      this.indexed.set(k, []);
      const named = cognateFeatures(g);
      if (named)
        named.words.forEach((word, w) => {
          const at = `${named.shape}|${word}`;
          let names = this.pairIndex.byWord.get(at);
          if (!names) this.pairIndex.byWord.set(at, (names = new Set()));
          names.add(k);
          this.indexed.get(k)!.push(names);
          for (const t of named.tags[w]!) {
            const tagged = `${named.shape}|${t}`;
            add(cognates, tagged, k);
            const words = this.cognateWords.get(tagged);
            if (words) words.set(word, names);
            else this.cognateWords.set(tagged, new Map([[word, names]]));
          }
        });
      if (rareShaped(g)) add(rare, rareKey(k, k.length), k);
      if (abbreviationShaped(g)) add(abbreviations, k.slice(0, ABBREVIATION_KEY), k);
      const long = maxLen(g) >= 2 ? abbreviable(g) : null;
      if (long) for (const at of abbreviationStarts(long.words)) add(abbreviated, at, k);
    }
    const group = (j: string) => groups.get(j)!;
    // Whether any name is kept (a cold build changes them all: none to find from its end).
    let anyKept = false;
    for (const k of groups.keys())
      if (!changed.has(k)) {
        anyKept = true;
        break;
      }
    // Edges are added from both ends: a pair of changed names is found by either. A pair whose
    // test reads the same from both ends is tested once: by the first of the two to come here
    // (`done`: the changed names whose pairs were tested). rarePair is symmetric; for
    // abbreviatesName, a name is either abbreviation-shaped (one word) or a long name (two
    // words or more), never both, so only one of its two directions can apply to a pair.
    for (const k of changed) this.components.setEdges(k, []);
    const done = new Set<string>();
    for (const k of changed) {
      const g = groups.get(k);
      if (!g) continue;
      const edges = new Set<string>();
      const named = cognateFeatures(g);
      if (named) this.cognateEdges(k, named, edges, groups, anyKept ? changed : null);
      if (rareShaped(g))
        for (let n = k.length - RARE_MAX_EDITS; n <= k.length + RARE_MAX_EDITS; n++)
          for (const j of rare.get(rareKey(k, n)) ?? [])
            if (j !== k && !done.has(j) && rarePair(k, j)) edges.add(j);
      if (abbreviationShaped(g))
        for (const j of abbreviated.get(k.slice(0, ABBREVIATION_KEY)) ?? [])
          if (!done.has(j) && abbreviatesName(k, abbreviable(group(j))!)) edges.add(j);
      const long = maxLen(g) >= 2 ? abbreviable(g) : null;
      if (long)
        for (const at of abbreviationStarts(long.words))
          for (const j of abbreviations.get(at) ?? [])
            if (!done.has(j) && abbreviatesName(j, long)) edges.add(j);
      this.components.addEdges(k, edges);
      done.add(k);
    }
  }

  /**
   * The names the changed name `k` reads as one (sameNameAcross), into `edges`; and, when some
   * names are kept (`changed` given), the kept names that read as it (found by tags).
   */
  private cognateEdges(
    k: string,
    named: Named,
    edges: Set<string>,
    groups: ReadonlyMap<string, Group>,
    changed: ReadonlySet<string> | null,
  ): void {
    const group = (j: string) => groups.get(j)!;
    const holders = (t: string) => this.pairIndex.cognates.get(`${named.shape}|${t}`) ?? NONE;
    const wordsOf = (t: string) => this.cognateWords.get(`${named.shape}|${t}`);
    // The names it may read as pair each of its anchor words with a cognate of it (one to
    // one): they hold a cognate of its anchor word whose tags the fewest words share, found
    // among those words, then the names holding them (cognateCandidates' test on the rest).
    const anchors = named.anchors;
    let rarest = anchors[0]!;
    let fewest = Infinity;
    for (const w of anchors) {
      let n = 0;
      for (const t of named.tags[w]!) n += wordsOf(t)?.size ?? 0;
      if (n < fewest) [rarest, fewest] = [w, n];
    }
    const anchor = named.words[rarest]!;
    const tags = named.tags[rarest]!;
    const tried = tags.length > 1 ? new Set<string>() : null;
    const seen = new Set<string>();
    for (const t of tags) {
      const words = wordsOf(t);
      if (!words) continue;
      for (const [word, names] of words) {
        if (names.size === 0) {
          words.delete(word);
          continue;
        }
        if (tried) {
          if (tried.has(word)) continue;
          tried.add(word);
        }
        if (!cognates(anchor, word)) continue;
        for (const j of names) {
          if (j === k || edges.has(j) || seen.has(j)) continue;
          seen.add(j);
          const other = cognateFeatures(group(j))!;
          const theirs = tagSet(other);
          if (!anchors.every((w) => w === rarest || named.tags[w]!.some((x) => theirs.has(x))))
            continue;
          if (mayReadAsOne(named, other) && sameNameAcross(named, other)) edges.add(j);
        }
      }
    }
    // The kept names that may read as it (a changed one finds it from its own end).
    if (changed) {
      const mine = tagSet(named);
      for (const tags of named.tags)
        for (const t of tags)
          for (const j of holders(t)) {
            if (changed.has(j) || edges.has(j)) continue;
            const other = cognateFeatures(group(j))!;
            if (covers(other, mine) && sameNameAcross(other, named)) edges.add(j);
          }
    }
  }

  /**
   * The keys of this build's groups that share a one-deletion variant with `k` (itself left
   * out): what unionNearMisses would find in an index of every group, kept up to date key by key.
   */
  nearKeys(k: string): ReadonlySet<string> {
    return this.near.get(k) ?? NONE;
  }

  /** The near keys unionNearMisses compares with `k` (one of the two is looked at: 8 to 64 characters). */
  private nearPairs(k: string): string[] {
    const looked = (j: string) => j.length >= 8 && j.length <= NEAR_MISS_MAX_CHARS;
    return [...this.nearKeys(k)].filter((j) => looked(k) || looked(j));
  }

  private index(k: string): void {
    // One longer than the longest name compared: it may be a near miss of one that is.
    if (k.length > NEAR_MISS_MAX_CHARS + 1) return;
    const mine = new Set<string>();
    const meet = (j: string) => {
      mine.add(j);
      this.near.get(j)!.add(k);
    };
    for (const v of variantsOf(k)) {
      const keys = this.byVariant.get(v);
      if (keys === undefined) this.byVariant.set(v, k);
      else if (typeof keys === 'string') {
        meet(keys);
        this.byVariant.set(v, new Set([keys, k]));
      } else {
        for (const j of keys) meet(j);
        keys.add(k);
      }
    }
    this.near.set(k, mine);
  }

  private unindex(k: string): void {
    const mine = this.near.get(k);
    if (!mine) return;
    for (const j of mine) this.near.get(j)?.delete(k);
    this.near.delete(k);
    for (const v of variantsOf(k)) {
      const keys = this.byVariant.get(v);
      if (keys === k) this.byVariant.delete(v);
      else if (typeof keys === 'object') {
        keys.delete(k);
        if (keys.size === 0) this.byVariant.delete(v);
      }
    }
  }
}

const NONE: ReadonlySet<string> = new Set();

/** One source's run of occurrences and what listHeads and formerPairs read of it. */
interface SourceFacts {
  run: readonly Occurrence[];
  heads: Map<string, string>;
  former: Array<[string, string]>;
}

/** What the union passes read beyond the groups. */
interface PassFacts {
  /** Names a plural head word after a list of them types (listHeads). */
  heads: ReadonlyMap<string, string>;
  /** Former names: [later name's key, earlier name's key], in the occurrences' order. */
  former: ReadonlyArray<readonly [string, string]>;
  /** Persons holding a word over the whole corpus (when the passes see a part of it). */
  holding?: (w: string) => number;
  /** Multi-word names indexed by an initialism's letters over the whole corpus (idem). */
  initialled?: (letters: string) => number;
}

/** What the union passes made of a set of groups, besides the unions. */
interface Unioned {
  personSurnames: Set<string>;
  extended: Set<string>;
  headed: Map<string, string>;
}

/** The passes' answer: a union root by key, and what Grouping says besides. */
type UnionAnswer = Pick<Grouping, 'find' | 'personSurnames' | 'extended' | 'headed'>;

/** One component's answer (GroupPool.resolve): the keys that are not their own root, and the rest. */
interface Answer {
  roots: ReadonlyArray<[string, string]>;
  surnamed: readonly string[];
  extended: readonly string[];
  headed: ReadonlyArray<[string, string]>;
}

const NO_ANSWER: Answer = { roots: [], surnamed: [], extended: [], headed: [] };

/**
 * Every hub a group holds (components.ts): one per way a pass may read another name while it
 * decides about this one. Anchored hubs link only once they have an anchor (the name that
 * would be looked up exists); each group anchors its own key, which names refer to.
 */
function hubsOf(g: Group, head: string | undefined, rules: CorrectionRules = NO_RULES): Hub[] {
  const out: Hub[] = [];
  const anchor = (k: string) => out.push({ key: k, anchor: true, capped: false });
  const member = (k: string) => out.push({ key: k, anchor: false, capped: false });
  anchor(`k:${g.key}`);
  // unionSameAs: the reader's "same as" joins every key it names.
  for (const i of rules.sameOf.get(g.key) ?? []) anchor(`sa:${rules.same[i]!.join('|')}`);
  // unionAcronyms, unionCompanySuffixes, unionLowercaseHeads, unionHeadWordVariants.
  for (const a of acronymsOf(g)) member(`k:${key(a)}`);
  for (const k of companyBases(g)) member(`k:${k}`);
  for (const k of headedForms(g)) member(`k:${k}`);
  const without = withoutHeadWord(g);
  if (without !== null) member(`k:${without}`);
  // unionCountryPrefixes.
  const prefixed = countryPrefixed(g);
  for (const rest of prefixed.rests) anchor(`cp:${rest}`);
  for (const code of prefixed.before) member(`cp:${code}|${g.key}`);
  // unionCountries.
  for (const a of g.aliases) {
    const code = countryCode(a);
    if (!code) continue;
    anchor(`cc:${code}`);
    break;
  }
  // attachShortNames and unionInitialisms: a one-word name looks up the multi-word ones.
  if (maxLen(g) === 1) anchor(`sh:${g.key}`);
  const letters = initialismOf(g);
  if (letters !== null) out.push({ key: `in:${letters}`, anchor: true, capped: false, most: 1 });
  if (maxLen(g) >= 2) {
    // linkPersonVariants: a word more persons share than MAX_SHARED_NAME_WORD links none.
    const person = personWords(g);
    if (person)
      for (const w of new Set(person.w)) out.push({ key: `pw:${w}`, anchor: true, capped: true });
    const short = shortNames(g);
    for (const s of [short.surname, short.firstName, short.head, short.start])
      if (s !== null) member(`sh:${s}`);
    // attachShortNames (headFirstTarget): a facility named after one word ("Airport of X").
    const headed = groupHeadedName(g);
    if (headed) member(`sh:${headed.named}`);
    for (const s of initialsIndexed(g, head))
      out.push({ key: `in:${s}`, anchor: false, capped: false, most: 1 });
  }
  return out;
}

/** Whether every anchor word of `a` shares a tag with `theirs` (cognateCandidates' test). */
function covers(a: Named, theirs: ReadonlySet<string>): boolean {
  return a.anchors.every((k) => a.tags[k]!.some((t) => theirs.has(t)));
}

/** The words of a name that cognateCandidates pairs: those not head words (all, when all are). */
function anchorWords(words: readonly string[]): number[] {
  const nonHead = words.flatMap((w, k) => (isHeadWord(w) ? [] : [k]));
  return nonHead.length > 0 ? nonHead : words.map((_, k) => k);
}

// Every tag of a name's words (kept with its Named, which lives as long as its group).
const tagSets = new WeakMap<Named, ReadonlySet<string>>();

function tagSet(n: Named): ReadonlySet<string> {
  let set = tagSets.get(n);
  if (!set) tagSets.set(n, (set = new Set(n.tags.flat())));
  return set;
}

/** A one-word name unionRareMisspellings looks at. */
function rareShaped(g: Group): boolean {
  return g.occs.length > 0 && maxLen(g) === 1 && g.key.length >= 7 && /^\p{L}+$/u.test(g.key);
}

/** Two keys unionRareMisspellings may join (whatever their counts and sources). */
function rarePair(a: string, b: string): boolean {
  return distance(a, b) <= 2 && (jaroWinkler(a, b) >= 0.9 || jaroWinkler(b, a) >= 0.9);
}

/** A one-word name unionAbbreviations tries as an abbreviation. */
function abbreviationShaped(g: Group): boolean {
  if (maxLen(g) !== 1 || g.occs.length === 0) return false;
  const word = key(g.occs[0]!.surface);
  return /^\p{L}{4,8}$/u.test(word) && g.occs.every((o) => /^\p{Lu}/u.test(o.surface));
}

/**
 * Letters (UTF-16 units, as abbreviates compares them) of an abbreviation's start that index
 * it for relink: an abbreviation is at least four letters long (abbreviationShaped).
 */
const ABBREVIATION_KEY = 3;

/**
 * Every start of ABBREVIATION_KEY letters an abbreviation of these words may have (relink's
 * index of long names): the walks of abbreviates, each word giving a prefix of one letter or
 * more, the first word never left out, at most one other, cut at the key's length. Whatever
 * word `abbreviates(word, words)` accepts starts with one of them.
 */
export function abbreviationStarts(words: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (made: string, w: number, skipped: boolean): void => {
    if (made.length >= ABBREVIATION_KEY) {
      out.add(made.slice(0, ABBREVIATION_KEY));
      return;
    }
    if (w >= words.length) return;
    const word = words[w]!;
    const most = Math.min(word.length, ABBREVIATION_KEY - made.length);
    for (let n = 1; n <= most; n++) walk(made + word.slice(0, n), w + 1, skipped);
    if (!skipped && w > 0) walk(made, w + 1, true);
  };
  walk('', 0, false);
  return [...out];
}

/** Edits (insertions, deletions, changes) rarePair allows: its keys' lengths differ by no more. */
const RARE_MAX_EDITS = 2;

/** relink's index key of a misspelling's candidates: first two letters and a length. */
function rareKey(k: string, length: number): string {
  return `${k.slice(0, 2)}|${length}`;
}

/**
 * Whether `a` may read as `b` (sameNameAcross; the two of one shape, and `a` sharing a tag
 * with `b`'s words for each of its anchor words): what the pair must hold for that, read
 * cheaply. The pairings sameNameAcross looks for are one to one and cognates share a tag
 * (wordTags), so each of `b`'s anchor words shares one with `a`'s words too; a typed name
 * pairs all its words, of the same number, or its words that are not head words, when it has
 * a head word; the countries of a typed name's demonyms do not differ. False means
 * sameNameAcross says false.
 */
export function mayReadAsOne(a: Named, b: Named): boolean {
  if (a.words.length === 1) return true;
  if (a.country && b.country && a.country !== b.country) return false;
  if (a.type && a.words.length !== b.words.length && !a.headed) return false;
  return covers(b, tagSet(a));
}

/** What relinkMisses found: the pairs each comparison accepts, and those relink would miss. */
export interface RelinkCheck {
  accepted: { cognates: number; misspellings: number; abbreviations: number };
  missed: string[];
}

/**
 * Every pair of `groups` that unionCognates, unionRareMisspellings or unionAbbreviations may
 * join (sameNameAcross, rarePair, abbreviates: compared pair by pair, not through an index),
 * and those among them that relink's keys and cheap tests would not compare (for tests: none
 * may be missed).
 */
export function relinkMisses(groups: ReadonlyMap<string, Group>): RelinkCheck {
  const out: RelinkCheck = {
    accepted: { cognates: 0, misspellings: 0, abbreviations: 0 },
    missed: [],
  };
  const all = [...groups.values()];
  const named = all.map(cognateFeatures).filter((n): n is Named => n !== null);
  for (const a of named)
    for (const b of named) {
      if (a === b || a.shape !== b.shape || !sameNameAcross(a, b)) continue;
      out.accepted.cognates++;
      const paired = a.anchors.every((w) => b.words.some((x) => cognates(a.words[w]!, x)));
      if (!paired || !covers(a, tagSet(b)) || !mayReadAsOne(a, b))
        out.missed.push(`cognates: ${a.g.key} / ${b.g.key}`);
    }
  const rare = all.filter(rareShaped).map((g) => g.key);
  for (const a of rare)
    for (const b of rare) {
      if (a === b || !rarePair(a, b)) continue;
      out.accepted.misspellings++;
      if (Math.abs(a.length - b.length) > RARE_MAX_EDITS || a.slice(0, 2) !== b.slice(0, 2))
        out.missed.push(`misspellings: ${a} / ${b}`);
    }
  const long = all.flatMap((g) => (maxLen(g) >= 2 ? (abbreviable(g) ?? []) : []));
  for (const g of all.filter(abbreviationShaped))
    for (const l of long) {
      if (!abbreviates(g.key, l.words)) continue;
      out.accepted.abbreviations++;
      if (!abbreviationStarts(l.words).includes(g.key.slice(0, ABBREVIATION_KEY)))
        out.missed.push(`abbreviations: ${g.key} / ${l.g.key}`);
    }
  return out;
}

/** `read` of one group, remembered while the group lives (GroupPool keeps groups between builds). */
function perGroup<T>(read: (g: Group) => T): (g: Group) => T {
  const cache = new WeakMap<Group, T>();
  return (g) => {
    // One lookup for a remembered answer (a second only for one that is undefined).
    const known = cache.get(g);
    if (known !== undefined || cache.has(g)) return known as T;
    const v = read(g);
    cache.set(g, v);
    return v;
  };
}

/** `read` of a pair of objects, computed once while both live (as perGroup, by pair). */
function perPair<A extends object, B extends object, T>(
  read: (a: A, b: B) => T,
): (a: A, b: B) => T {
  const cache = new WeakMap<A, WeakMap<B, T>>();
  return (a, b) => {
    let byB = cache.get(a);
    if (!byB) cache.set(a, (byB = new WeakMap()));
    const known = byB.get(b);
    if (known !== undefined || byB.has(b)) return known as T;
    const v = read(a, b);
    byB.set(b, v);
    return v;
  };
}

/**
 * Token count of the group's longest occurrence (-Infinity for a group without any). Groups are
 * complete before anyone asks it, so a group of many occurrences has it computed once; one of
 * a few is read directly (cheaper than a lookup, and nothing kept for it).
 */
export function maxLen(g: Group): number {
  return g.occs.length <= FEW_OCCURRENCES ? longestOf(g) : rememberedLongest(g);
}

/** Occurrences a group may have for maxLen to read them each time it is asked. */
const FEW_OCCURRENCES = 4;

function longestOf(g: Group): number {
  let n = Number.NEGATIVE_INFINITY;
  for (const o of g.occs) if (o.tokens.length > n) n = o.tokens.length;
  return n;
}

const rememberedLongest = perGroup(longestOf);

/** Union-find over group keys. */
export interface Unions {
  find: (k: string) => string;
  union: (child: string, into: string) => void;
  /** The reader's corrections: what is never a name, what never joins, what joins. */
  rules: CorrectionRules;
}

/**
 * Union-find over group keys. A union the reader's "not the same" forbids is not made: it is
 * a function of the two keys alone, so a component holds only keys of one such set (or of
 * none) whatever order the unions come in.
 */
function unions(rules: CorrectionRules = NO_RULES): Unions {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let p = parent.get(k) ?? k;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    return p;
  };
  const union = (child: string, into: string) => {
    if (!mayJoin(rules, child, into)) return;
    const a = find(child);
    const b = find(into);
    if (a !== b) parent.set(a, b);
  };
  return { find, union, rules };
}

export interface Grouping {
  /** Occurrences by key (acronyms given in parentheses get a group without occurrences). */
  groups: Map<string, Group>;
  /** Occurrences that only link to a name found elsewhere. */
  linkOnly: Occurrence[];
  /** The groups of each entity, by the root of their union. */
  byRoot: Map<string, Group[]>;
  find: (k: string) => string;
  /** Roots of persons whose surname alone names them somewhere. */
  personSurnames: Set<string>;
  /** Keys of names that are another name plus a head word ("X Mountains" of "X"). */
  extended: Set<string>;
  /**
   * Keys of names written without their head word, which a list gives ("X and Y parties"), that
   * an acronym names: the head word types them.
   */
  headed: ReadonlyMap<string, string>;
}

/**
 * Groups the occurrences that are not junk by key, then joins groups that name one thing:
 * acronyms, person-name variants, surnames, first names and heads of places, initialisms,
 * countries in any language, near-miss spellings.
 */
export function groupOccurrences(
  occs: readonly Occurrence[],
  isJunk: (o: Occurrence) => boolean,
  pool?: GroupPool,
  rules: CorrectionRules = NO_RULES,
): Grouping {
  const groups = new Map<string, Group>();
  const linkOnly: Occurrence[] = [];
  for (const o of occs) {
    if (isJunk(o)) continue;
    // What the reader said is not a name is junk too.
    if (rules.hidden.size > 0 && rules.hidden.has(key(o.surface))) continue;
    if (o.linkOnly) {
      linkOnly.push(o);
      continue;
    }
    const k = key(o.surface);
    let g = groups.get(k);
    if (!g) {
      g = { key: k, occs: [], aliases: new Set() };
      groups.set(k, g);
    }
    g.occs.push(o);
    g.aliases.add(o.surface);
  }
  let answer: UnionAnswer;
  if (pool) {
    pool.settle(groups);
    answer = pool.resolve(groups, occs, rules);
  } else {
    const u = unions(rules);
    answer = {
      ...unionAll(groups, { heads: listHeads(occs), former: formerPairs(occs) }, u),
      find: u.find,
    };
  }
  const byRoot = new Map<string, Group[]>();
  for (const g of groups.values()) {
    const r = answer.find(g.key);
    const list = byRoot.get(r);
    if (list) list.push(g);
    else byRoot.set(r, [g]);
  }
  return { groups, linkOnly, byRoot, ...answer };
}

/**
 * The union passes over `groups` (all of them, or one component of them: GroupPool), in the
 * order that gives each its evidence.
 */
function unionAll(
  groups: Map<string, Group>,
  facts: PassFacts,
  u: Unions,
  pool?: GroupPool,
): Unioned {
  unionAcronyms(groups, u);
  const multi = [...groups.values()].filter((g) => maxLen(g) >= 2);
  linkPersonVariants(multi, u.union, u.find, facts.holding);
  unionCognates(groups, u);
  unionCompanySuffixes(groups, u);
  unionLowercaseHeads(groups, u);
  unionCountryPrefixes(groups, u);
  unionFormerNames(facts.former, groups, u);
  const extended = unionHeadWordVariants(groups, u);
  const personSurnames = attachShortNames(groups, multi, u);
  const headed = unionInitialisms(groups, multi, u, facts.heads, facts.initialled);
  unionAbbreviations(groups, multi, u);
  unionCountries(groups, u);
  unionNearMisses(groups, u, pool);
  unionRareMisspellings(groups, u);
  unionSameAs(groups, u);
  return { personSurnames, extended, headed };
}

/**
 * The reader's "same as": every present key of a correction joins its first present key.
 * After the passes, so they decide as they would without it; "not the same" still holds.
 */
function unionSameAs(groups: ReadonlyMap<string, Group>, { union, rules }: Unions): void {
  for (const keys of rules.same) {
    const present = keys.filter((k) => groups.has(k));
    for (const k of present.slice(1)) union(k, present[0]!);
  }
}

/** Named after a title, or two to four words without a type's head word. */
const personLike = perGroup(
  (g: Group): boolean =>
    g.occs.some((o) => o.titled) ||
    (!typeFromKeywords(g.occs[0]!.tokens) && maxLen(g) >= 2 && maxLen(g) <= 4),
);

/**
 * Acronyms in parentheses name the same thing as the long form (two long forms sharing one
 * acronym are one entity: a translated name and the original's acronym).
 */
function unionAcronyms(groups: Map<string, Group>, { union, rules }: Unions): void {
  for (const g of groups.values()) {
    for (const a of acronymsOf(g)) {
      const ak = key(a);
      if (rules.hidden.has(ak)) continue;
      if (!groups.has(ak)) groups.set(ak, { key: ak, occs: [], aliases: new Set([a]) });
      union(ak, g.key);
    }
  }
}

/** The acronyms a group's occurrences give in parentheses, one per occurrence, in order. */
const acronymsOf = perGroup((g: Group): string[] =>
  g.occs.flatMap((o) => (o.acronym ? [o.acronym] : [])),
);

/**
 * One-word names join the one multi-word name they are the surname, the head word ("Mojave"
 * -> "Mojave Desert") or the first name of; a type's head word alone ("Policía") the one name
 * it opens ("Policía Nacional"). A surname two persons share joins the one its own sources
 * name (mostSources); a facility's name "of" one word ("Aeroporto de X") that word, on
 * evidence (short-names.ts). Returns the roots named by a surname.
 */
function attachShortNames(
  groups: ReadonlyMap<string, Group>,
  multi: readonly Group[],
  { find, union }: Unions,
): Set<string> {
  const surnameOf = new Map<string, string[]>();
  const firstNameOf = new Map<string, string[]>();
  const headOf = new Map<string, string[]>();
  const startOf = new Map<string, string[]>();
  const addTo = (m: Map<string, string[]>, k: string, v: string) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const g of multi) {
    const short = shortNames(g);
    if (short.surname !== null) addTo(surnameOf, short.surname, g.key);
    if (short.firstName !== null) addTo(firstNameOf, short.firstName, g.key);
    if (short.head !== null) addTo(headOf, short.head, g.key);
    if (short.start !== null) addTo(startOf, short.start, g.key);
  }
  const personSurnames = new Set<string>();
  const headedNames = headedIndex(multi);
  for (const g of groups.values()) {
    if (maxLen(g) !== 1) continue;
    const by = (m: Map<string, string[]>) => {
      const targets = [...new Set((m.get(g.key) ?? []).map(find))];
      return targets.length === 1 ? targets[0]! : null;
    };
    const target =
      by(surnameOf) ??
      mostSources(g, surnameOf.get(g.key) ?? [], groups, find) ??
      by(headOf) ??
      by(firstNameOf) ??
      (isHeadWord(g.key) ? by(startOf) : null) ??
      headFirstTarget(g, headedNames, find);
    if (target) {
      union(g.key, target);
      if (surnameOf.has(g.key)) personSurnames.add(target);
    }
  }
  return personSurnames;
}

/** The one-word names that may name a multi-word name (attachShortNames), by group. */
const shortNames = perGroup((g: Group) => {
  const longest = maxLen(g);
  const toks = g.occs.find((o) => o.tokens.length === longest)!.tokens;
  const person = personLike(g) && !toks.some((t) => isConnector(t.text));
  // "Mojave Desert", "Labour Party": the head word alone names them too.
  const kw = typeFromKeywords(toks);
  const headed =
    (kw === 'place' || kw === 'organization') && toks.length === 2 && TAIL_KEYWORD(toks);
  // "Policía Nacional", "Centro de Estudios": the head word alone, capitalised, refers back.
  const first = key(toks[0]!.text);
  return {
    surname: person ? key(toks[toks.length - 1]!.text) : null,
    firstName: person ? first : null,
    head: headed ? first : null,
    start: kw && isHeadWord(first) ? first : null,
  };
});

/** A surname's sources that name a person ending with it must outnumber the others this much. */
const SURNAME_MAJORITY = 2;

/**
 * Of the persons a surname may name (`keys`, their full names' groups), the one the surname's
 * own sources name (the person most of its sources mean): the sources writing both the surname
 * and that person's full name are at least two and outnumber those writing another's
 * SURNAME_MAJORITY times. A person of the same surname in another story, named in a few
 * sources, does not detach the surname from this one.
 */
function mostSources(
  g: Group,
  keys: readonly string[],
  groups: ReadonlyMap<string, Group>,
  find: (k: string) => string,
): string | null {
  if (keys.length < 2) return null;

  const own = new Set(g.occs.map((o) => o.source.id));
  const shared = new Map<string, Set<string>>();
  for (const k of keys) {
    const root = find(k);
    const set = shared.get(root) ?? new Set<string>();
    for (const o of groups.get(k)?.occs ?? []) if (own.has(o.source.id)) set.add(o.source.id);
    shared.set(root, set);
  }
  if (shared.size < 2) return null;
  const ranked = [...shared].sort((a, b) => b[1].size - a[1].size);
  const [best, ...rest] = ranked;
  const others = rest.reduce((n, [, s]) => n + s.size, 0);
  return best![1].size >= 2 && best![1].size > SURNAME_MAJORITY * others ? best![0] : null;
}

/**
 * Initialisms for multi-word names: "U.S." = "United States". Multi-word names are indexed by
 * their initials (one character per word, so equal strings mean equal word counts). A name
 * ending in a head word, its own or one a list gives it ("the Example Action and Sample
 * parties"), is also indexed in the orders a translation puts its words in: an acronym keeps
 * the original language's order, and Romance languages put the head word first and the
 * modifiers after ("Partido Ejemplo Nacional" = "National Example Party": head first, the rest
 * reversed, or head first and the rest in order).
 */
function unionInitialisms(
  groups: ReadonlyMap<string, Group>,
  multi: readonly Group[],
  { union }: Unions,
  heads: ReadonlyMap<string, string>,
  initialled?: (letters: string) => number,
): Map<string, string> {
  const headed = new Map<string, string>();
  const byInitials = new Map<string, Set<Group>>();
  const index = (initials: string, g: Group) => {
    const set = byInitials.get(initials);
    if (set) set.add(g);
    else byInitials.set(initials, new Set([g]));
  };
  for (const m of multi) for (const s of initialsIndexed(m, heads.get(m.key))) index(s, m);
  for (const g of groups.values()) {
    const letters = initialismOf(g);
    if (letters === null) continue;
    const matches = byInitials.get(letters);
    if (matches?.size !== 1 || (initialled && initialled(letters) !== 1)) continue;
    const m = [...matches][0]!;
    union(g.key, m.key);
    const head = heads.get(m.key);
    if (head) headed.set(m.key, head);
  }
  return headed;
}

/** A multi-word name's words' first letters (connectors left out), and whether a head word ends it. */
const initialsOf = perGroup((m: Group) => ({
  initials: m.occs[0]!.tokens.filter((t) => !isConnector(t.text)).map((t) => fold(t.text)[0]!),
  own: TAIL_KEYWORD(m.occs[0]!.tokens),
}));

/**
 * The strings a multi-word name is indexed by (unionInitialisms): its initials, and with a
 * head word (its own last one, or `listHead`), head first and the rest reversed or in order.
 */
function initialsIndexed(m: Group, listHead: string | undefined): string[] {
  const { initials, own } = initialsOf(m);
  const letters = [...initials];
  const out = [letters.join('')];
  const head = own ? letters.pop()! : listHead?.[0];
  if (!head || letters.length < 2) return out;
  out.push(head + [...letters].reverse().join(''), head + letters.join(''));
  return out;
}

/** A one-word initialism's or all-capitals name's letters (null: neither). */
const initialismOf = perGroup((g: Group): string | null => {
  const surface = g.occs[0]?.surface ?? [...g.aliases][0] ?? '';
  if (maxLen(g) > 1 || !(isInitialism(surface) || isAllCaps(surface))) return null;
  return key(surface).replace(/[^a-z]/g, '');
});

/** A plural head word's singular, when some lexicon lists it ("parties" -> "party"). */
function singularHead(word: string): string | null {
  for (const w of [word.replace(/ies$/, 'y'), word.replace(/e?s$/, ''), word.slice(0, -1)])
    if (w !== word && w.length > 2 && isHeadWord(w)) return w;
  return null;
}

// headAfter by occurrence (OccurrenceMemo keeps occurrences between builds).
const headsAfter = new WeakMap<Occurrence, string | null>();

/** The singular of a plural lower-case head word right after an occurrence ("parties"). */
function headAfter(o: Occurrence): string | null {
  let head = headsAfter.get(o);
  if (head === undefined) {
    const m = /^\s+(\p{Ll}+)/u.exec(o.source.text.slice(o.end, o.end + 40));
    head = m ? singularHead(fold(m[1]!)) : null;
    headsAfter.set(o, head);
  }
  return head;
}

/**
 * Names a plural lower-case head word after a list of them types: "the Example and Sample
 * parties", "Example, Sample y Other partidos": each name of the list, by key, with that head
 * word's singular. A single name before a head word is left alone ("Example state" is no
 * "Example State").
 */
function listHeads(occs: readonly Occurrence[]): Map<string, string> {
  const out = new Map<string, string>();
  const joiners = new Set(anyLanguage('conjunctions'));
  occs.forEach((o, i) => {
    const head = headAfter(o);
    if (!head) return;
    const list = [o];
    for (let j = i - 1; j >= 0; j--) {
      const [p, q] = [occs[j]!, occs[j + 1]!];
      if (p.source !== q.source || p.end > q.start) break;
      const between = fold(p.source.text.slice(p.end, q.start)).trim();
      if (!(between === ',' || joiners.has(between.replace(/^,\s*/, '')))) break;
      list.push(p);
    }
    if (list.length >= 2) for (const p of list) out.set(key(p.surface), head);
  });
  return out;
}

/** Country names in any language and their short forms are one place ("Alemania" = "Allemagne"). */
function unionCountries(groups: ReadonlyMap<string, Group>, { union }: Unions): void {
  const byCountry = new Map<string, string>();
  for (const g of groups.values()) {
    for (const a of g.aliases) {
      const code = countryCode(a);
      if (!code) continue;
      const first = byCountry.get(code);
      if (first) union(g.key, first);
      else byCountry.set(code, g.key);
      break;
    }
  }
}

/**
 * Near-miss spellings ("Gardian" -> "Guardian"): one edit on a long name, the rarer spelling
 * joins the commoner. Short names never merge ("Mara" is not "Maria"). Only pairs one edit
 * apart can merge, and those share a key with one character deleted (or one key is the other
 * minus a character): candidates come from that index, visited in the same order as a scan over
 * all pairs would.
 */
function unionNearMisses(
  groups: ReadonlyMap<string, Group>,
  { find, union }: Unions,
  pool?: GroupPool,
): void {
  const roots = [...groups.values()].filter((g) => g.occs.length > 0);
  if (pool) {
    // The pool's index holds the same candidates (its groups are `roots`), kept between builds.
    const at = new Map(roots.map((g, i) => [g.key, i]));
    roots.forEach((a) => {
      if (a.key.length < 8 || a.key.length > NEAR_MISS_MAX_CHARS) return;
      const near = pool.nearKeys(a.key);
      if (near.size === 0) return;
      const candidates = [...near].map((k) => at.get(k)!).sort((x, y) => x - y);
      for (const bi of candidates) nearMiss(a, roots[bi]!, find, union);
    });
    return;
  }
  const byVariant = new Map<string, number[]>();
  roots.forEach((g, i) => {
    // One longer than the longest name compared: it may be a near miss of one that is.
    if (g.key.length > NEAR_MISS_MAX_CHARS + 1) return;
    for (const v of variantsOf(g.key)) {
      const list = byVariant.get(v);
      if (list) list.push(i);
      else byVariant.set(v, [i]);
    }
  });
  roots.forEach((a, ai) => {
    if (a.key.length < 8 || a.key.length > NEAR_MISS_MAX_CHARS) return;
    const candidates = new Set<number>();
    for (const v of variantsOf(a.key))
      for (const bi of byVariant.get(v) ?? []) if (bi !== ai) candidates.add(bi);
    for (const bi of [...candidates].sort((x, y) => x - y)) nearMiss(a, roots[bi]!, find, union);
  });
}

/** One candidate pair of unionNearMisses: the rarer spelling joins the commoner. */
function nearMiss(a: Group, b: Group, find: Unions['find'], union: Unions['union']): void {
  if (find(a.key) === find(b.key)) return;
  if (Math.abs(a.key.length - b.key.length) > 1) return;
  if (a.key.split(' ').length !== b.key.split(' ').length || a.key[0] !== b.key[0]) return;
  if (a.occs.length > b.occs.length) {
    // A shorter rare spelling of a long name ("Al-Houz") is not visited as `a`: join it here.
    if (b.key.length < 8 && distance(a.key, b.key) === 1) union(b.key, a.key);
    return;
  }
  if (distance(a.key, b.key) === 1) union(a.key, b.key);
}

// Every build asks the same keys' variants again: remembered (bounded, like key()).
/** A key and every string it gives with one character deleted. */
const variantsOf = boundedMemo(50_000, (k: string): readonly string[] => {
  const set = new Set([k]);
  for (let i = 0; i < k.length; i++) set.add(k.slice(0, i) + k.slice(i + 1));
  return [...set];
});

/** The folded words of a group's longest form, without connectors and articles. */
function contentWords(g: Group): string[] {
  const longest = maxLen(g);
  const toks = g.occs.find((o) => o.tokens.length === longest)!.tokens;
  return toks
    .map((t) => key(t.text))
    .filter((w) => !isConnector(w) && !isConjunction(w) && !ARTICLES.has(w));
}

/** Whether the words pair one to one as cognates (in order, or in any order up to four words). */
function alignsAsCognates(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.every((w, i) => cognates(w, b[i]!))) return true;
  if (a.length > 4) return false;
  const used = new Array<boolean>(b.length).fill(false);
  const place = (i: number): boolean => {
    if (i === a.length) return true;
    for (let j = 0; j < b.length; j++) {
      if (used[j] || !cognates(a[i]!, b[j]!)) continue;
      used[j] = true;
      if (place(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  return place(0);
}

/** Whether two groups are never written in the same source (each source keeps one spelling). */
function neverTogether(a: Group, b: Group): boolean {
  const sources = new Set(a.occs.map((o) => o.source.id));
  return !b.occs.some((o) => sources.has(o.source.id));
}

export interface Named {
  g: Group;
  words: string[];
  type: ReturnType<typeof typeFromKeywords>;
  /** The country a demonym among a typed name's words says ("Ruritanian Air Force"), left out of `words`. */
  country: string | null;
  /** unionCognates' index of names that may pair (a shape's names are compared). */
  shape: string;
  /** Each word's tags (wordTags). */
  tags: string[][];
  /** The words cognateCandidates pairs (anchorWords). */
  anchors: number[];
  /** Whether some words are head words and some not (its words less the head words may pair). */
  headed: boolean;
}

/**
 * Whether two names read as one name in two languages or spellings: typed by the same head
 * word and pairing word for word as cognates; without a head word, in the same word order and
 * never in the same source; one word, with a long common stem and never in the same source.
 * Kept by pair: a group's Named lives as long as the group (cognateFeatures).
 */
const sameNameAcross = perPair(readSameNameAcross);

function readSameNameAcross(a: Named, b: Named): boolean {
  if (a.words.length === 1) {
    const [x, y] = [a.words[0]!, b.words[0]!];
    return commonPrefix(x, y) >= 6 && cognates(x, y) && neverTogether(a.g, b.g);
  }
  if (a.type !== b.type) return false;
  if (a.country && b.country && a.country !== b.country) return false;
  if (a.type) {
    if (alignsAsCognates(a.words, b.words)) return true;
    // "Aeroporto Internacional de X" / "X International Airport": the head words differ.
    const [x, y] = [a.words.filter((w) => !isHeadWord(w)), b.words.filter((w) => !isHeadWord(w))];
    return x.length > 0 && x.length < a.words.length && alignsAsCognates(x, y);
  }
  return a.words.every((w, i) => cognates(w, b.words[i]!)) && neverTogether(a.g, b.g);
}

/**
 * One name in two languages, or spelled two ways: "Instituto Nacional Ejemplar" /
 * "Institut national exemplaire" / "National Example Institute", "Ministerio del Interior" /
 * "Interior Ministry" (sameNameAcross). A name joins the names it fits when they all fit one
 * another too (one entity named several ways), never two that differ. Candidates come from an
 * index of first letters, so the cost grows with the number of names, not the text.
 */
function unionCognates(groups: ReadonlyMap<string, Group>, { find, union }: Unions): void {
  const byShape = new Map<string, Named[]>();
  // Each name with its place in its shape's list.
  const names: Array<[Named, number]> = [];
  for (const g of groups.values()) {
    const named = cognateFeatures(g);
    if (!named) continue;
    const list = byShape.get(named.shape);
    names.push([named, list?.length ?? 0]);
    if (list) list.push(named);
    else byShape.set(named.shape, [named]);
  }
  // Joined in the order of the names, not of their shapes: the order any part of the corpus
  // holding them gives too (GroupPool resolves a component at a time).
  const candidates = new Map<string, (i: number) => number[]>();
  for (const [a, i] of names) {
    const list = byShape.get(a.shape)!;
    if (list.length < 2) continue;
    let maybe = candidates.get(a.shape);
    if (!maybe) candidates.set(a.shape, (maybe = cognateCandidates(list)));
    const fits = maybe(i)
      .map((j) => list[j]!)
      .filter((b) => b !== a && sameNameAcross(a, b));
    const agree = fits.every((b, i) => fits.slice(i + 1).every((c) => sameNameAcross(b, c)));
    if (!agree) continue;
    for (const b of fits) if (find(a.g.key) !== find(b.g.key)) union(a.g.key, b.g.key);
  }
}

/**
 * A group's name as unionCognates compares it (null: a name it leaves alone), kept by group
 * (GroupPool keeps groups across builds).
 */
const cognateFeatures = perGroup(readCognateFeatures);

function readCognateFeatures(g: Group): Named | null {
  if (g.occs.length === 0) return null;
  let words = contentWords(g);
  if (words.length === 0 || words.some((w) => w.length === 0)) return null;
  if (words.length === 1 && (words[0]!.length < 6 || countryCode(g.occs[0]!.surface) !== null))
    return null;
  const type = typeFromKeywords(g.occs[0]!.tokens);
  // A typed name's country adjective is which country's, not part of the name: "Ruritanian
  // Air Force" and "Força Aérea Ruritana" are "Air Force" of one country.
  let country: string | null = null;
  if (type && words.length > 2) {
    const codes = words.map((w) => demonymCountry(w));
    country = codes.find((c) => c !== null) ?? null;
    if (country) words = words.filter((_, i) => codes[i] === null);
  }
  // "Example International Airport" is "Example Airport".
  if (type === 'facility') {
    const major = words.filter((w) => !MINOR_WORDS.has(w));
    if (major.some((w) => !isHeadWord(w))) words = major;
  }
  // Translated words share their gloss's initial ("haut" and "high").
  const initial = (w: string) => [...nameGlosses(w)].sort()[0]?.[0] ?? w[0];
  const shape =
    words.length === 1
      ? `1:${words[0]!.slice(0, 6)}`
      : type
        ? `${type}:${words.filter((w) => !isHeadWord(w)).length}`
        : `=${words.map(initial).join('')}`;
  const anchors = anchorWords(words);
  return {
    g,
    words,
    type,
    country,
    shape,
    tags: words.map(wordTags),
    anchors,
    headed: anchors.length < words.length,
  };
}

/**
 * Word tags for cognateCandidates: cognates (similarity.ts) share their first letter or a gloss.
 */
function wordTags(w: string): string[] {
  return [`:${w[0]}`, ...nameGlosses(w)];
}

/**
 * For each name of one shape, the names (indexes into `list`, in order) that may read as it
 * (sameNameAcross): every word of it that is not a head word (every word, when all are) has a
 * cognate among theirs, so shares a tag with one of their words. Read from an index of tags,
 * so a large shape (every two-word organization) is not compared pair by pair.
 */
function cognateCandidates(list: readonly Named[]): (i: number) => number[] {
  const holders = new Map<string, Set<number>>();
  list.forEach((n, i) => {
    for (const tags of n.tags)
      for (const t of tags) {
        const set = holders.get(t);
        if (set) set.add(i);
        else holders.set(t, new Set([i]));
      }
  });
  return (i) => {
    const { words, tags } = list[i]!;
    const nonHead = words.flatMap((w, k) => (isHeadWord(w) ? [] : [k]));
    let out: number[] | null = null;
    for (const k of nonHead.length > 0 ? nonHead : words.map((_, k) => k)) {
      const mayPair = new Set<number>();
      for (const t of tags[k]!) for (const j of holders.get(t) ?? []) mayPair.add(j);
      out = out === null ? [...mayPair] : out.filter((j) => mayPair.has(j));
      if (out.length === 0) break;
    }
    return (out ?? []).sort((a, b) => a - b);
  };
}

/**
 * "High Example Mountains" and "National Example Directorate" are "High Example" and "National
 * Example" with a head word added: where the name without its last word is itself a name of two
 * or more words in the corpus, they are one entity, named by the shorter (returned keys are the
 * longer ones').
 */
function unionHeadWordVariants(groups: ReadonlyMap<string, Group>, { union }: Unions): Set<string> {
  const extended = new Set<string>();
  for (const g of groups.values()) {
    const without = withoutHeadWord(g);
    if (without === null) continue;
    const shorter = groups.get(without);
    if (!shorter || shorter.occs.length === 0 || maxLen(shorter) < 2) continue;
    union(g.key, shorter.key);
    extended.add(g.key);
  }
  return extended;
}

/** The key of a name of three or more words without the head word ending it (null: none). */
const withoutHeadWord = perGroup((g: Group): string | null => {
  if (g.occs.length === 0 || maxLen(g) < 3) return null;
  const toks = g.occs.find((o) => o.tokens.length === maxLen(g))!.tokens;
  if (!TAIL_KEYWORD(toks)) return null;
  return key(
    toks
      .slice(0, -1)
      .map((t) => t.text)
      .join(' '),
  );
});

/**
 * A one-word abbreviation written as a word ("Exag", "Cenexa") of exactly one longer name
 * typed by a head word: its letters are prefixes of that name's words in order, starting with
 * the first, at most one word left out ("Centro de Estudios Ejemplares" -> "Cenest").
 */
function unionAbbreviations(
  groups: ReadonlyMap<string, Group>,
  multi: readonly Group[],
  { find, union }: Unions,
): void {
  const long = multi.map(abbreviable).filter((l): l is { g: Group; words: string[] } => l !== null);
  if (long.length === 0) return;
  // An abbreviation starts with its name's first letter, and its second letter is the first
  // word's second, or the first letter of the second word or (that one left out) of the third
  // (abbreviates): the names are indexed by those two letters, so each word is tried against
  // the few names it may abbreviate, not every name of the corpus.
  const byStart = new Map<string, Set<(typeof long)[number]>>();
  for (const l of long) {
    const first = l.words[0]![0];
    if (first === undefined) continue;
    for (const second of [l.words[0]![1], l.words[1]?.[0], l.words[2]?.[0]]) {
      if (second === undefined) continue;
      const set = byStart.get(first + second);
      if (set) set.add(l);
      else byStart.set(first + second, new Set([l]));
    }
  }
  for (const g of groups.values()) {
    if (maxLen(g) !== 1 || g.occs.length === 0) continue;
    const word = key(g.occs[0]!.surface);
    if (!/^\p{L}{4,8}$/u.test(word) || g.occs.some((o) => !/^\p{Lu}/u.test(o.surface))) continue;
    const names = byStart.get(word.slice(0, 2)) ?? [];
    const roots = new Set(
      [...names].filter((l) => abbreviatesName(word, l)).map((l) => find(l.g.key)),
    );
    roots.delete(find(g.key));
    if (roots.size === 1) union(g.key, [...roots][0]!);
  }
}

/**
 * A name of three or more content words typed by a head word: one an abbreviation may name
 * (kept by group: GroupPool keeps groups).
 */
const abbreviable = perGroup((g: Group): { g: Group; words: string[] } | null => {
  const words =
    g.occs.length > 0 && typeFromKeywords(g.occs[0]!.tokens) !== null ? contentWords(g) : [];
  return words.length >= 3 ? { g, words } : null;
});

// abbreviates() by name (abbreviable's, kept with its group) and word.
const abbreviations = new WeakMap<{ words: string[] }, Map<string, boolean>>();

function abbreviatesName(word: string, l: { words: string[] }): boolean {
  let byWord = abbreviations.get(l);
  if (!byWord) {
    byWord = new Map();
    abbreviations.set(l, byWord);
  }
  let yes = byWord.get(word);
  if (yes === undefined) {
    yes = abbreviates(word, l.words);
    byWord.set(word, yes);
  }
  return yes;
}

/** Whether `short` is prefixes of `words` in order (from the first word, one word skippable). */
export function abbreviates(short: string, words: readonly string[]): boolean {
  // A walk's answer depends on its state alone: each state is walked once (the search was
  // exponential in the words of a long name). A word takes any prefix of its common prefix with
  // the rest of `short`, longest first, as the search did.
  const seen = new Set<number>();
  const walk = (at: number, w: number, skipped: boolean): boolean => {
    if (at === short.length) return w >= words.length - 1;
    if (w >= words.length) return false;
    const state = ((at * (words.length + 1) + w) << 1) | (skipped ? 1 : 0);
    if (seen.has(state)) return false;
    seen.add(state);
    const word = words[w]!;
    const most = Math.min(word.length, short.length - at);
    let common = 0;
    while (common < most && word.charCodeAt(common) === short.charCodeAt(at + common)) common++;
    for (let n = common; n >= 1; n--) if (walk(at + n, w + 1, skipped)) return true;
    return !skipped && w > 0 && walk(at, w + 1, true);
  };
  return walk(0, 0, false);
}

/**
 * A one-word name seen once or twice with two letters dropped or changed ("Exampleia" for
 * "Exxampleia"): it joins the one commoner name (three times as frequent) that it is close to by
 * Jaro–Winkler, with the same first letter, when no source writes both. Candidates come from an
 * index of first two letters.
 */
function unionRareMisspellings(groups: ReadonlyMap<string, Group>, { find, union }: Unions): void {
  const words = [...groups.values()].filter(
    (g) => g.occs.length > 0 && maxLen(g) === 1 && g.key.length >= 7 && /^\p{L}+$/u.test(g.key),
  );
  const byStart = new Map<string, Group[]>();
  for (const g of words) {
    const list = byStart.get(g.key.slice(0, 2));
    if (list) list.push(g);
    else byStart.set(g.key.slice(0, 2), [g]);
  }
  for (const rare of words) {
    if (rare.occs.length > 2) continue;
    const fits = new Set<string>();
    for (const common of byStart.get(rare.key.slice(0, 2)) ?? []) {
      if (common === rare || common.occs.length < 3 * rare.occs.length) continue;
      if (find(common.key) === find(rare.key)) continue;
      if (distance(rare.key, common.key) > 2 || jaroWinkler(rare.key, common.key) < 0.9) continue;
      if (neverTogether(rare, common)) fits.add(find(common.key));
    }
    if (fits.size === 1) union(rare.key, [...fits][0]!);
  }
}

/**
 * "Example Airlines" / "Example Linhas Aéreas" is the company "Example": a name that is a
 * one-word name plus a company suffix (lib/lang) joins it.
 */
function unionCompanySuffixes(groups: ReadonlyMap<string, Group>, { union }: Unions): void {
  for (const g of groups.values()) {
    for (const k of companyBases(g)) {
      const base = groups.get(k);
      if (base && base.occs.length > 0) union(g.key, base.key);
    }
  }
}

/** A name's one word before a company suffix, once per suffix it ends with. */
const companyBases = perGroup((g: Group): string[] => {
  if (g.occs.length === 0 || maxLen(g) < 2) return [];
  const words = g.occs.find((o) => o.tokens.length === maxLen(g))!.tokens.map((t) => key(t.text));
  const out: string[] = [];
  for (const suffix of companySuffixes()) {
    const n = words.length - suffix.length;
    if (n === 1 && suffix.every((w, i) => words[n + i] === w)) out.push(words[0]!);
  }
  return out;
});

const FORMERLY = anyLanguage('formerly');
const MINOR_WORDS = anyLanguage('minorNameWords');

/**
 * "Example, formerly Sample" / "Example, antiga Sample": one thing under its name and its
 * former name. The earlier name must be followed by a comma or bracket, a former-name word and
 * the other name, which ends the phrase.
 */
function unionFormerNames(
  former: PassFacts['former'],
  groups: ReadonlyMap<string, Group>,
  { union }: Unions,
): void {
  for (const [later, earlier] of former) {
    const [ga, gb] = [groups.get(earlier), groups.get(later)];
    if (ga && gb) union(gb.key, ga.key);
  }
}

/** The former names the occurrences give: [former name's key, name's key], in order. */
function formerPairs(occs: readonly Occurrence[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < occs.length; i++) {
    const [a, b] = [occs[i]!, occs[i + 1]!];
    if (formerlyBetween(a, b)) out.push([key(b.surface), key(a.surface)]);
  }
  return out;
}

// formerlyBetween by occurrence and the one after it (OccurrenceMemo keeps occurrences).
const formerly = new WeakMap<Occurrence, { next: Occurrence; yes: boolean }>();

/** Whether `b` is `a`'s former name: "a, formerly b" ending the phrase. */
function formerlyBetween(a: Occurrence, b: Occurrence): boolean {
  const was = formerly.get(a);
  if (was?.next === b) return was.yes;
  const yes = readFormerly(a, b);
  formerly.set(a, { next: b, yes });
  return yes;
}

function readFormerly(a: Occurrence, b: Occurrence): boolean {
  if (a.source !== b.source || b.start <= a.end) return false;
  const between = a.source.text.slice(a.end, b.start);
  const m = /^\s*[,(]\s*(\p{L}+)-?\s*$/u.exec(between);
  if (!m || !FORMERLY.has(fold(m[1]!))) return false;
  return /^\s*(?:[,.;:)]|$)/u.test(a.source.text.slice(b.end, b.end + 2));
}

/**
 * "o aeroporto Internacional de Example": a name of two or more words after a lower-case head
 * word (and a connector) is the name the corpus writes with that head word capitalised, when
 * it does ("Aeroporto Internacional de Example").
 */
function unionLowercaseHeads(groups: ReadonlyMap<string, Group>, { union }: Unions): void {
  for (const g of groups.values()) {
    for (const k of headedForms(g)) {
      const full = groups.get(k);
      if (full && full !== g && full.occs.length > 0) {
        union(g.key, full.key);
        break;
      }
    }
  }
}

/** The keys of a name with the lower-case head word (and connector) before it, by occurrence. */
const headedForms = perGroup((g: Group): string[] => {
  if (maxLen(g) < 2) return [];
  const out: string[] = [];
  for (const o of g.occs) {
    const b = o.before;
    const n = b.length;
    const heads =
      n >= 1 && isHeadWord(b[n - 1]!)
        ? [b[n - 1]!]
        : n >= 2 && isConnector(b[n - 1]!) && isHeadWord(b[n - 2]!)
          ? [b[n - 2]!, b[n - 1]!]
          : null;
    if (heads) out.push(key([...heads, o.surface].join(' ')));
  }
  return out;
});

/**
 * "United States Example Survey", "US Example Survey" and "the US | Example Survey" (the
 * country read apart from the name): one name, whichever way the country opening it is written.
 */
function unionCountryPrefixes(groups: ReadonlyMap<string, Group>, { union }: Unions): void {
  const byRest = new Map<string, Group[]>();
  for (const g of groups.values()) {
    for (const rest of countryPrefixed(g).rests) {
      const list = byRest.get(rest);
      if (list) list.push(g);
      else byRest.set(rest, [g]);
    }
  }
  if (byRest.size === 0) return;
  for (const g of groups.values())
    for (const code of countryPrefixed(g).before)
      for (const full of byRest.get(`${code}|${g.key}`) ?? []) union(g.key, full.key);
  for (const list of byRest.values()) for (const g of list.slice(1)) union(g.key, list[0]!.key);
}

/**
 * A group's name without a country opening it ("code|rest", for names of three or more
 * words), and the countries written just before its occurrences (one per occurrence that has
 * one, in order). Kept by group (GroupPool keeps groups).
 */
const countryPrefixed = perGroup((g: Group): { rests: string[]; before: string[] } => {
  const out: { rests: string[]; before: string[] } = { rests: [], before: [] };
  if (g.occs.length > 0 && maxLen(g) >= 3) {
    const words = g.key.split(' ');
    for (let n = 1; n <= 3 && words.length - n >= 2; n++) {
      const code = countryCode(words.slice(0, n).join(' '));
      if (code) out.rests.push(`${code}|${words.slice(n).join(' ')}`);
    }
  }
  if (maxLen(g) >= 2) {
    for (const o of g.occs) {
      const code = countryBefore(o.before);
      if (code) out.before.push(code);
    }
  }
  return out;
});

/**
 * The region code the last one, two or three of `words` name, the fewest words first (null:
 * none); the longer phrases are not looked up once a shorter one names a country.
 */
function countryBefore(words: readonly string[]): string | null {
  let phrase = '';
  for (let n = 1; n <= 3 && n <= words.length; n++) {
    const word = words[words.length - n]!;
    phrase = n === 1 ? word : `${word} ${phrase}`;
    const code = countryCode(phrase);
    if (code !== null) return code;
  }
  return null;
}
