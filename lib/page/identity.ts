/**
 * Page side: is a name on the page the person the corpus knows? A name is only a string; the words
 * around it say who is meant. "Ruritanian Prime Minister Jane Doe" is not the corpus's Jane Doe
 * when the corpus knows her as Freedonia's defence minister.
 *
 * - An office phrase before the name ("Ruritania's prime minister, Jane Doe") or after it
 *   ("Jane Doe, the Ruritanian prime minister", "Jane Doe of Ruritania") names a country: if the
 *   corpus describes the person with other countries only, the name is not underlined.
 * - The same phrase names an office: if none of the corpus's offices for the person fits, the name
 *   stays underlined and its card says plainly that it may be someone else.
 * - A surname alone needs evidence: a title before it, the full name elsewhere on the page, or a
 *   page on the corpus's story. In a headline, a surname followed by a lower-case word that is not
 *   a verb of saying or a function word modifies that word ("Doe prices") and is no person.
 *
 * Pure functions over text and the compact hints the dictionary carries (built by
 * `identityHints` in lib/dictionary.ts); `createIdentityVetter` holds the page-level evidence.
 */
import { fold } from '../corpus/text';

import type { IdentityHints } from '../protocol';

export type { IdentityHints };

export interface Office {
  /** Office words, compared by their first five letters across languages. */
  roles: Set<string>;
  /** Capitalised words that say which office ("Defence", "Prime"), same key. */
  mods: Set<string>;
}

/** What the words around a name say about who it is. */
export interface PageContext {
  /** Region codes the phrase around the name gives. */
  countries: string[];
  office: Office | null;
  /** The phrase as written on the page, name included ("Prime Minister Jane Doe"). */
  phrase: string | null;
  /** A title or honorific stands right before the name. */
  titled: boolean;
  /** The next word is lower case and neither a function word nor a verb of saying. */
  modifiesNext: boolean;
}

interface Lexicon {
  hints: IdentityHints;
  countries: Map<string, string>;
  demonyms: Map<string, string>;
  stems: Map<string, string>;
  endings: string[];
  /** Words already looked up (a page repeats its words): key -> region code or null. */
  regions: Map<string, string | null>;
  roles: Set<string>;
  honorifics: Set<string>;
  qualifiers: Set<string>;
  connectors: Set<string>;
  stops: Set<string>;
}

const lexicons = new WeakMap<IdentityHints, Lexicon>();
function lexicon(hints: IdentityHints): Lexicon {
  let l = lexicons.get(hints);
  if (!l) {
    const unpack = (byCode: Record<string, string>) => {
      const out = new Map<string, string>();
      for (const [code, keys] of Object.entries(byCode))
        for (const k of keys.split(' ')) if (k) out.set(k, code);
      return out;
    };
    l = {
      hints,
      countries: unpack(hints.countries),
      demonyms: unpack(hints.demonyms),
      stems: unpack(hints.stems),
      endings: hints.endings,
      regions: new Map(),
      roles: new Set(hints.roles),
      honorifics: new Set(hints.honorifics),
      qualifiers: new Set(hints.qualifiers),
      connectors: new Set(hints.connectors),
      stops: new Set(hints.stops),
    };
    lexicons.set(hints, l);
  }
  return l;
}

/** Person mentions in one text node whose words are read one by one (see `vet`). */
const MAX_JUDGED_PER_NODE = 200;
/** How far around a name the phrase is read (characters). */
const WINDOW = 120;
/** Words an office phrase may have on one side of a name. */
const MAX_WORDS = 7;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’-]*/gu;
const UPPER = /^\p{Lu}/u;

interface Tok {
  raw: string;
  start: number;
  end: number;
  /** Folded, without a possessive or a final period. */
  key: string;
  upper: boolean;
  possessive: boolean;
  /** Ends with a period that is not an abbreviation's (a sentence ends here). */
  endsSentence: boolean;
}

function tokens(text: string, from: number, to: number, lex: Lexicon): Tok[] {
  const out: Tok[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(WORD)) {
    let raw = m[0];
    const start = from + m.index;
    // "Ruritania's" -> possessive; a trailing hyphen or apostrophe is not part of the word.
    raw = raw.replace(/[-'’]+$/, '');
    let word = raw;
    let possessive = false;
    if (/['’]s$/i.test(word)) {
      word = word.slice(0, -2);
      possessive = true;
    }
    let endsSentence = false;
    if (word.endsWith('.')) {
      const bare = word.replace(/\.+$/, '');
      // "U.S.", "Gov.", "Mr.", "J.": an abbreviation's period does not end the sentence.
      const abbreviation =
        bare.includes('.') ||
        bare.length <= 2 ||
        lex.roles.has(fold(bare)) ||
        lex.honorifics.has(fold(bare));
      if (!abbreviation) {
        word = bare;
        endsSentence = true;
      } else if (!bare.includes('.')) word = bare;
    }
    out.push({
      raw,
      start,
      end: start + raw.length,
      key: fold(word),
      upper: UPPER.test(word),
      possessive,
      endsSentence,
    });
  }
  return out;
}

/** The comparison key of lib/lang's country index: folded, no dots, spaces or apostrophes. */
const countryKey = (s: string) => fold(s).replace(/[.\s'’-]+/g, '');

/** The region a word (or a few) denotes: a country's name or a word for its people. */
export function countryOf(words: string, upper: boolean, hints: IdentityHints): string | null {
  return regionOf(words, upper, lexicon(hints));
}

function regionOf(words: string, upper: boolean, lex: Lexicon): string | null {
  const cacheKey = (upper ? 'U' : 'l') + words;
  const cached = lex.regions.get(cacheKey);
  if (cached !== undefined) return cached;
  const code = lookUpRegion(countryKey(words), upper, lex);
  if (lex.regions.size > 20_000) lex.regions.clear();
  lex.regions.set(cacheKey, code);
  return code;
}

function lookUpRegion(key: string, upper: boolean, lex: Lexicon): string | null {
  if (key.length < 2) return null;
  const named = lex.demonyms.get(key) ?? (upper ? lex.countries.get(key) : undefined);
  if (named) return named;
  if (key.length < 5) return null;
  for (const e of lex.endings) {
    if (!key.endsWith(e) || key.length - e.length < 4) continue;
    const stem = key.slice(0, -e.length);
    const code = lex.stems.get(stem) ?? lex.countries.get(stem);
    if (code) return code;
  }
  return upper ? (lex.stems.get(key) ?? null) : null;
}

/** A country's own name (not a word for its people): "Ruritania", not "Ruritanian". */
function isCountryName(raw: string, lex: Lexicon): boolean {
  const key = countryKey(raw);
  return lex.countries.has(key) && !lex.demonyms.has(key);
}

const prefix = (key: string) => key.slice(0, 5);

type Kind = 'role' | 'honorific' | 'qualifier' | 'connector' | 'country' | 'mod' | 'lower' | 'stop';

interface Classified {
  kind: Kind;
  tok: Tok;
  /** Tokens this class covers (a country's name of two or three words). */
  span: number;
  country?: string;
}

function classify(toks: Tok[], i: number, backward: boolean, lex: Lexicon): Classified {
  const t = toks[i]!;
  const k = t.key;
  if (/^\p{N}/u.test(k)) return { kind: 'stop', tok: t, span: 1 };
  // Country names of several words ("United States", "South Korean"), longest first.
  for (const n of [3, 2]) {
    const from = backward ? i - n + 1 : i;
    const to = backward ? i : i + n - 1;
    if (from < 0 || to >= toks.length) continue;
    const part = toks.slice(from, to + 1);
    // Inside one phrase: no possessive or period before its last word.
    if (part.slice(0, -1).some((p) => p.possessive || p.endsSentence)) continue;
    if (!part.every((p) => p.upper)) continue;
    const code = regionOf(part.map((p) => p.raw).join(' '), true, lex);
    if (code) return { kind: 'country', tok: t, span: n, country: code };
  }
  if (lex.honorifics.has(k)) return { kind: 'honorific', tok: t, span: 1 };
  if (lex.roles.has(k)) return { kind: 'role', tok: t, span: 1 };
  if (lex.qualifiers.has(k)) return { kind: 'qualifier', tok: t, span: 1 };
  const code = regionOf(t.raw.replace(/['’]s$/i, ''), t.upper, lex);
  if (code) return { kind: 'country', tok: t, span: 1, country: code };
  if (lex.connectors.has(k) && !t.upper) return { kind: 'connector', tok: t, span: 1 };
  if (lex.stops.has(k)) return { kind: 'stop', tok: t, span: 1 };
  return { kind: t.upper ? 'mod' : 'lower', tok: t, span: 1 };
}

function officeOf(parts: Classified[]): Office | null {
  const roles = new Set<string>();
  const mods = new Set<string>();
  for (const p of parts) {
    if (p.kind === 'role') roles.add(prefix(p.tok.key));
    else if (p.kind === 'mod') mods.add(prefix(p.tok.key));
  }
  return roles.size > 0 ? { roles, mods } : null;
}

/** Whether two offices can be the same: one office word in common, and which one if both say. */
export function officesFit(a: Office, b: Office): boolean {
  if (![...a.roles].some((r) => b.roles.has(r))) return false;
  if (a.mods.size === 0 || b.mods.size === 0) return true;
  return [...a.mods].some((m) => b.mods.has(m));
}

/** The phrase before a name, read backwards; `null` when there is none. */
function phraseBefore(text: string, start: number, lex: Lexicon): Classified[] {
  const toks = tokens(text, Math.max(0, start - WINDOW), start, lex);
  const parts: Classified[] = [];
  let commaUsed = false;
  // Lower-case words are kept only when a country word or a title stands further out.
  let tentative = 0;
  for (let i = toks.length - 1; i >= 0 && parts.length < MAX_WORDS;) {
    const t = toks[i]!;
    const gap = text.slice(t.end, parts.length ? parts[parts.length - 1]!.tok.start : start);
    if (!/^\s+$/.test(gap)) {
      // "Ruritania's prime minister, Jane Doe": one comma, right before the name.
      if (parts.length === 0 && /^\s*,\s+$/.test(gap) && !commaUsed) commaUsed = true;
      else break;
    }
    if (t.endsSentence) break;
    const c = classify(toks, i, true, lex);
    if (c.kind === 'stop') break;
    // A possessive that is no country ("Someone's secretary") is someone else's office.
    if (t.possessive && c.kind !== 'country') break;
    if (c.kind === 'lower') {
      tentative++;
      if (tentative > 2) break;
    } else if (c.kind === 'country' || c.kind === 'role' || c.kind === 'honorific') {
      // "Ruritania welcomed President Doe": a bare country name does not take lower-case words.
      if (tentative > 0 && c.kind === 'country' && !t.possessive && isCountryName(t.raw, lex))
        break;
      tentative = 0;
    }
    if (c.kind === 'connector' && parts.length === 0) break;
    parts.push(c);
    i -= c.span;
  }
  // Drop unconfirmed lower-case words and dangling connectors at the far end.
  while (parts.length > 0) {
    const last = parts[parts.length - 1]!;
    if (last.kind === 'lower' || last.kind === 'connector') parts.pop();
    else break;
  }
  // With a comma before the name, the phrase must be an office ("…, Jane Doe" is a list).
  if (commaUsed && !parts.some((p) => p.kind === 'role')) return [];
  return parts.reverse();
}

/** The phrase after a name: "(Ruritania)", "of Ruritania", ", Ruritania's prime minister". */
function phraseAfter(text: string, end: number, lex: Lexicon): Classified[] {
  const toks = tokens(text, end, Math.min(text.length, end + WINDOW), lex);
  if (toks.length === 0) return [];
  const lead = text.slice(end, toks[0]!.start);
  // "(Ruritania)" or "of Ruritania".
  if (/^\s*\(\s*$/.test(lead)) {
    const c = classify(toks, 0, false, lex);
    return c.kind === 'country' ? [c] : [];
  }
  if (/^\s+$/.test(lead) && lex.connectors.has(toks[0]!.key) && toks.length > 1) {
    const c = classify(toks, 1, false, lex);
    const gap = text.slice(toks[0]!.end, toks[1]!.start);
    return c.kind === 'country' && /^\s+$/.test(gap) ? [c] : [];
  }
  if (!/^\s*,\s+$/.test(lead)) return [];
  const parts: Classified[] = [];
  for (let i = 0; i < toks.length && parts.length < MAX_WORDS;) {
    const t = toks[i]!;
    if (i > 0) {
      const gap = text.slice(toks[i - 1]!.end, t.start);
      if (!/^\s+$/.test(gap)) break;
    }
    const c = classify(toks, i, false, lex);
    if (c.kind === 'stop') {
      // "the Ruritanian prime minister": an article may open the phrase.
      if (parts.length === 0 && i === 0 && !t.upper && t.key.length <= 3) {
        i++;
        continue;
      }
      break;
    }
    parts.push(c);
    i += c.span;
    if (t.possessive && c.kind !== 'country') break;
    if (t.endsSentence) break;
  }
  // The office ends with its last role or country word ("prime minister of Ruritania").
  let last = -1;
  parts.forEach((p, i) => {
    if (p.kind === 'role' || p.kind === 'country') last = i;
  });
  const kept = parts.slice(0, last + 1);
  return kept.some((p) => p.kind === 'role') ? kept : [];
}

/** What the words around `text[start, end)` say about who the name is. */
export function readContext(
  text: string,
  start: number,
  end: number,
  hints: IdentityHints,
): PageContext {
  const lex = lexicon(hints);
  const before = phraseBefore(text, start, lex);
  const after = phraseAfter(text, end, lex);
  const countries = [...before, ...after].filter((p) => p.country).map((p) => p.country!);
  const beforeOffice = officeOf(before);
  const office = beforeOffice ?? officeOf(after);
  let phrase: string | null = null;
  if (beforeOffice || (before.length > 0 && countries.length > 0 && after.length === 0))
    phrase = text.slice(before[0]!.tok.start, end);
  else if (after.length > 0) phrase = text.slice(start, after[after.length - 1]!.tok.end);
  else if (before.length > 0) phrase = text.slice(before[0]!.tok.start, end);
  const nearest = before[before.length - 1];
  const titled = nearest?.kind === 'role' || nearest?.kind === 'honorific';
  // The next word, for "Doe prices": one space, lower case, not a function word or a title.
  const next = /^ (\p{Ll}[\p{L}\p{M}'’-]*)/u.exec(text.slice(end, end + 40));
  const nextKey = next ? fold(next[1]!) : null;
  const modifiesNext =
    nextKey !== null &&
    !lex.stops.has(nextKey) &&
    !lex.roles.has(nextKey) &&
    !lex.connectors.has(nextKey) &&
    !lex.qualifiers.has(nextKey);
  return { countries, office, phrase, titled, modifiesNext };
}

/** How the corpus describes a person: countries and offices, from its descriptor phrases. */
export interface Known {
  countries: Set<string>;
  offices: Array<{ office: Office; text: string }>;
}

const knownCache = new WeakMap<IdentityHints, Map<string, Known>>();
export function knownIdentity(entityId: string, hints: IdentityHints): Known | null {
  const phrases = hints.people[entityId];
  if (!phrases || phrases.length === 0) return null;
  let cache = knownCache.get(hints);
  if (!cache) knownCache.set(hints, (cache = new Map()));
  let k = cache.get(entityId);
  if (k) return k;
  const lex = lexicon(hints);
  k = { countries: new Set(), offices: [] };
  for (const text of phrases) {
    const toks = tokens(text, 0, text.length, lex);
    const parts: Classified[] = [];
    for (let i = 0; i < toks.length;) {
      const c = classify(toks, i, false, lex);
      parts.push(c);
      i += c.span;
    }
    for (const p of parts) if (p.country) k.countries.add(p.country);
    const office = officeOf(parts);
    if (office) k.offices.push({ office, text });
  }
  cache.set(entityId, k);
  return k;
}

export type Verdict =
  | { keep: true; note: IdentityNote | null }
  | { keep: false; why: 'other-country' | 'no-evidence' | 'modifier' };

/** What the card says when a name may be someone else. */
export interface IdentityNote {
  /** The page's words ("Prime Minister Jane Doe"). */
  page: string;
  /** The corpus's description ("Freedonia's defence minister"). */
  known: string;
}

export interface Evidence {
  /** The name is a surname alone (one word of a longer name). */
  surnameOnly: boolean;
  /** The line reads like a headline (a heading, or a short line with no final stop). */
  headline: boolean;
  /** The page names this person in full somewhere, or is on the corpus's story. */
  elsewhere: boolean;
}

/** Is `text[start, end)` the corpus's person `entityId`? */
export function judgeMention(
  text: string,
  start: number,
  end: number,
  entityId: string,
  evidence: Evidence,
  hints: IdentityHints,
): Verdict {
  const ctx = readContext(text, start, end, hints);
  const known = knownIdentity(entityId, hints);
  if (
    known &&
    known.countries.size > 0 &&
    ctx.countries.length > 0 &&
    !ctx.countries.some((c) => known.countries.has(c))
  )
    return { keep: false, why: 'other-country' };
  if (evidence.surnameOnly) {
    if (evidence.headline && ctx.modifiesNext && !ctx.titled)
      return { keep: false, why: 'modifier' };
    if (!ctx.titled && !evidence.elsewhere) return { keep: false, why: 'no-evidence' };
  }
  let note: IdentityNote | null = null;
  if (ctx.office && known && known.offices.length > 0) {
    const fits = known.offices.some((o) => officesFit(ctx.office!, o.office));
    if (!fits) note = { page: ctx.phrase ?? text.slice(start, end), known: known.offices[0]!.text };
  }
  return { keep: true, note };
}

/** A text node reads like a headline: inside a heading, or a short line with no final stop. */
export function isHeadlineLike(node: Text): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  if (parent.closest('h1,h2,h3,h4,h5,h6,[role="heading"]')) return true;
  const line = node.data.trim();
  if (line.length === 0 || line.length > 120 || /[.!?…:;"”’)]$/.test(line)) return false;
  // The whole line of its element: not a piece of a longer sentence.
  return parent.childNodes.length === 1;
}

export interface EntityInfo {
  name: string;
  type: string;
}

/**
 * Page-level evidence for one document: which people it names in full. A surname seen before its
 * full name is held back, and `wantsRescan` says when a rescan would now underline it.
 */
export interface IdentityVetter {
  vet<M extends { start: number; end: number; entityId: string }>(node: Text, found: M[]): M[];
  /** The card's note for a mention, or null when nothing suggests someone else. */
  note(text: string, start: number, end: number, entityId: string): IdentityNote | null;
  /** Some surname held back now has evidence: rescan once. */
  wantsRescan(): boolean;
}

export function createIdentityVetter(opts: {
  hints: () => IdentityHints | null;
  entity: (id: string) => EntityInfo | null;
  onStory: () => boolean;
  headline?: (node: Text) => boolean;
}): IdentityVetter {
  const named = new Set<string>();
  const waiting = new Set<string>();
  const headline = opts.headline ?? isHeadlineLike;
  const surnameOnly = (text: string, m: { start: number; end: number }, id: string) => {
    const e = opts.entity(id);
    return e !== null && /\s/.test(e.name.trim()) && !/\s/.test(text.slice(m.start, m.end).trim());
  };
  return {
    vet(node, found) {
      const hints = opts.hints();
      if (!hints) return found;
      const text = node.data;
      let isHeadline: boolean | null = null;
      // A node repeating a name in the same words (a flood) is judged once per wording.
      const memo = new Map<string, Verdict>();
      let people = 0;
      const kept: typeof found = [];
      for (const m of found) {
        if (opts.entity(m.entityId)?.type !== 'person') {
          kept.push(m);
          continue;
        }
        const surname = surnameOnly(text, m, m.entityId);
        if (surname) isHeadline ??= headline(node);
        const evidence = {
          surnameOnly: surname,
          headline: isHeadline ?? false,
          elsewhere: named.has(m.entityId) || opts.onStory(),
        };
        // Past a bound, a node naming people hundreds of times is no prose: each further
        // mention takes the verdict its name last had here (the cost stays bounded).
        const key =
          people++ < MAX_JUDGED_PER_NODE
            ? `${m.entityId}|${+evidence.elsewhere}|${text.slice(Math.max(0, m.start - WINDOW), m.end + WINDOW)}`
            : `${m.entityId}|${+surname}`;
        let verdict = memo.get(key);
        if (!verdict) {
          verdict = judgeMention(text, m.start, m.end, m.entityId, evidence, hints);
          memo.set(key, verdict);
          memo.set(`${m.entityId}|${+surname}`, verdict);
        }
        if (verdict.keep) {
          kept.push(m);
          if (!surname) named.add(m.entityId);
        } else if (verdict.why === 'no-evidence') waiting.add(m.entityId);
      }
      return kept;
    },
    note(text, start, end, entityId) {
      const hints = opts.hints();
      if (!hints || opts.entity(entityId)?.type !== 'person') return null;
      const v = judgeMention(
        text,
        start,
        end,
        entityId,
        { surnameOnly: false, headline: false, elsewhere: true },
        hints,
      );
      return v.keep ? v.note : null;
    },
    wantsRescan() {
      const ready = [...waiting].filter((id) => named.has(id) || opts.onStory());
      for (const id of ready) waiting.delete(id);
      return ready.length > 0;
    },
  };
}
