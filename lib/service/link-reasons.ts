/**
 * Why a name in a new source was linked to an entity the corpus already knows, in plain words.
 * Worked out after indexing, from the mention's surface form and the known entity's name and
 * aliases (the pipeline's own matching state is not kept), so the reader can spot a wrong link
 * before saving. Nothing here knows any particular story.
 */
import { distance } from 'fastest-levenshtein';
import { fold } from '../corpus/text';
import { countryCode } from '../lang';
import type { LinkReason, LinkReasonKind } from '../protocol';

/** The known entity, as stored before the new source was indexed. */
export interface KnownNames {
  name: string;
  aliases: readonly string[];
  /** "person" words the last-word match as a surname. */
  type?: string;
}

const RANK: Record<LinkReasonKind, number> = {
  'same-name': 0,
  alias: 1,
  surname: 2,
  'first-word': 3,
  acronym: 4,
  country: 5,
  spelling: 6,
  other: 7,
};

const words = (s: string): string[] => s.split(/[\s\u00a0]+/).filter(Boolean);
/** Letters and digits only, folded: "U.S." → "us". */
const bare = (s: string): string => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
const capitalised = (w: string): boolean => /^\p{Lu}/u.test(w);

/** "EPA", "U.N.", "FARC-EP" → its letters, if it reads as an acronym (two or more capitals). */
function acronymLetters(s: string): string | null {
  const t = s.replace(/[.\-\s]/g, '');
  return t.length >= 2 && t.length <= 10 && /^[\p{Lu}\d]+$/u.test(t) && /\p{Lu}/u.test(t)
    ? fold(t)
    : null;
}

/** Initials of a multi-word name: every word, and the capitalised words only (skips "of", "de"). */
function initials(name: string): string[] {
  const ws = words(name)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter(Boolean);
  if (ws.length < 2) return [];
  const all = ws.map((w) => fold(w)[0]).join('');
  const caps = ws
    .filter(capitalised)
    .map((w) => fold(w)[0])
    .join('');
  return caps.length >= 2 && caps !== all ? [all, caps] : [all];
}

function isAcronymOf(short: string, long: string): boolean {
  const letters = acronymLetters(short);
  return letters !== null && initials(long).includes(letters);
}

function reasonFor(
  surface: string,
  matched: string,
  isName: boolean,
  entity: string,
  person: boolean,
): LinkReason {
  const s = surface.trim();
  const q = `“${s}”`;
  const make = (kind: LinkReasonKind, text: string): LinkReason => ({
    kind,
    surface: s,
    matched,
    text,
  });
  if (s === matched || s.toLowerCase() === matched.toLowerCase())
    return isName
      ? make('same-name', `The same name as in your sources`)
      : make('alias', `${q} is a name of ${entity} in your sources`);
  if (bare(s) === bare(matched))
    return isName
      ? make('spelling', `${q} ≈ “${matched}” (accents or punctuation differ)`)
      : make('alias', `${q} is a name of ${entity} in your sources (as “${matched}”)`);
  const sw = words(s);
  const mw = words(matched);
  // "Okafor" for "Amara Okafor" (or "Amara Okafor Eze"); "Minister Okafor" for "Amara Okafor".
  if (mw.length >= 2 && capitalised(mw[0]!)) {
    const rest = mw.slice(1).filter(capitalised).map(bare);
    const last = bare(sw[sw.length - 1]!);
    const one = sw.length === 1 && rest.includes(last);
    if (one || (sw.length > 1 && last === bare(mw.at(-1)!)))
      return make(
        'surname',
        !person
          ? `${q} ends like ${matched}`
          : one
            ? `${q} is the surname of ${matched}`
            : `${q} has the surname of ${matched}`,
      );
  }
  // "Amara" for "Amara Okafor", "Lumen" for "Lumen Bay": the pipeline groups these too.
  if (sw.length === 1 && mw.length >= 2 && bare(sw[0]!) === bare(mw[0]!))
    return make('first-word', `${q} is the first word of ${matched}`);
  if (isAcronymOf(s, matched)) return make('acronym', `${q} is the initials of ${matched}`);
  if (isAcronymOf(matched, s)) return make('acronym', `${matched} is the initials of ${q}`);
  const code = countryCode(s);
  if (code !== null && code === countryCode(matched))
    return make('country', `${q} is ${matched} in another language`);
  const d = distance(fold(s), fold(matched));
  if (d <= 2 && Math.min(s.length, matched.length) >= 4 + d)
    return make(
      'spelling',
      `${q} ≈ “${matched}” (a spelling ${d === 1 ? 'one letter' : 'two letters'} off)`,
    );
  return make('other', `${q} does not match a known name of ${entity}: check this link`);
}

/** Why one surface form was linked to a known entity: the surest match over its names. */
export function linkReason(surface: string, known: KnownNames): LinkReason {
  const names: Array<[string, boolean]> = [
    [known.name, true],
    ...known.aliases.filter((a) => a !== known.name).map((a): [string, boolean] => [a, false]),
  ];
  let best: LinkReason | null = null;
  for (const [n, isName] of names) {
    const r = reasonFor(surface, n, isName, known.name, known.type === 'person');
    if (!best || RANK[r.kind] < RANK[best.kind]) best = r;
    if (best.kind === 'same-name') break;
  }
  return best!;
}

/**
 * Why an entity was linked, given every surface form the new source used for it: the surest one
 * (the source that writes "Amara Okafor" once and "Okafor" after links by the full name).
 */
export function entityLinkReason(surfaces: Iterable<string>, known: KnownNames): LinkReason {
  let best: LinkReason | null = null;
  for (const s of new Set(surfaces)) {
    const r = linkReason(s, known);
    if (!best || RANK[r.kind] < RANK[best.kind]) best = r;
  }
  return best ?? linkReason(known.name, known);
}
