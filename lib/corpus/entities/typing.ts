/** An entity's type, from its head words and the context of its occurrences. */
import { anyLanguage, inLanguage, LEXICONS } from '../../lang';
import { fold } from '../text';
import { isAllCaps, isConjunction, isConnector, isInitialism } from '../tokens';
import type { Entity, EntityType } from '../../types';
import {
  ROLE_CONTEXT,
  CONTEXT_TYPES,
  PLACE_PREPOSITIONS,
  PLACE_CUES,
  PLACE_WORDS,
  SPEECH_VERBS,
  STOP_BACK,
  key,
  languageOf,
  typeFromKeywords,
} from './words';
import type { Occurrence } from './occurrences';
import { type Group, maxLen } from './grouping';
import { acronymHead } from './naming';

/**
 * Names without any evidence of their type take the type of the names listed with them:
 * "Ruritania, Freedonia y Sylvania" are all places when one is. Two rounds reach a list's
 * far end from a typed name at either side.
 */
export function typeFromNeighbours(
  untyped: ReadonlyArray<{ entity: Entity; occs: readonly Occurrence[] }>,
  aliasToEntity: ReadonlyMap<string, Entity>,
): void {
  const neighbour = (w: string | undefined) => (w ? aliasToEntity.get(w) : undefined);
  for (let round = 0; round < 2; round++) {
    for (const { entity, occs } of untyped) {
      if (entity.type !== 'other') continue;
      const votes = new Map<EntityType, number>();
      for (const o of occs) {
        const b = o.before;
        const prev = isConjunction(b[b.length - 1] ?? '') ? b[b.length - 2] : b[b.length - 1];
        const next = isConjunction(o.after[0] ?? '') ? o.after[1] : o.after[0];
        const [before, after] = bracketedNeighbours(o, aliasToEntity);
        for (const n of [neighbour(prev) ?? before, neighbour(next) ?? after])
          if (n && n !== entity && n.type !== 'other' && n.type !== 'person')
            votes.set(n.type, (votes.get(n.type) ?? 0) + 1);
      }
      const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0];
      if (best) entity.type = best[0];
    }
  }
}

// A list's separator between two names, and a bracketed figure or note after a name.
const SEPARATOR = /^\s*[,;]?\s*(?:(\p{L}+)\s+)?$/u;
const BRACKETED = /\([^()]{0,60}\)/u;
const NAME_WORD = /^\p{Lu}[\p{L}\p{N}'’.-]*$/u;

/**
 * The names listed before and after an occurrence across a bracketed figure or note:
 * "Exampleton (13), Otherville (5) y Thirdburg (1)", "Acme (at $3 billion), Initech (…)".
 * (Without brackets, the words next to the name are its neighbours: typeFromNeighbours.)
 */
function bracketedNeighbours(
  o: Occurrence,
  aliasToEntity: ReadonlyMap<string, Entity>,
): [Entity | undefined, Entity | undefined] {
  const text = o.source.text;
  const lookup = (words: string[]) => {
    // The longest run of capitalised words that is a known name ("Upper Exampleton").
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const run = words.slice(words.length - n);
      if (!run.every((w) => NAME_WORD.test(w))) continue;
      const e = aliasToEntity.get(key(run.join(' ')));
      if (e) return e;
    }
    return undefined;
  };
  const joins = (gap: string) => {
    const m = SEPARATOR.exec(gap);
    return m !== null && (m[1] === undefined || isConjunction(fold(m[1])));
  };
  // Before: "… Name (note), [and] " then this occurrence.
  let before: Entity | undefined;
  const head = text.slice(Math.max(0, o.start - 160), o.start);
  const close = head.lastIndexOf(')');
  if (close >= 0 && joins(head.slice(close + 1))) {
    const open = head.lastIndexOf('(', close);
    if (open >= 0 && BRACKETED.test(head.slice(open, close + 1)))
      before = lookup(head.slice(0, open).trimEnd().split(/\s+/));
  }
  // After: this occurrence " (note), [and] Name …".
  let after: Entity | undefined;
  const tail = text.slice(o.end, o.end + 160);
  const note = /^\s*\([^()]{0,60}\)/u.exec(tail);
  if (note) {
    const rest = tail.slice(note[0].length);
    const m = /^(\s*[,;]?\s*(?:\p{L}+\s+)?)((?:\p{Lu}[\p{L}\p{N}'’.-]*\s?){1,4})/u.exec(rest);
    if (m && joins(m[1]!)) {
      const words = m[2]!.trim().split(/\s+/);
      for (let n = words.length; n >= 1 && !after; n--) after = lookup(words.slice(0, n));
    }
  }
  return [before, after];
}

const ownWordsCache = new Map<string | null, OwnWords>();
interface OwnWords {
  places: ReadonlySet<string>;
  weakPlaces: ReadonlySet<string>;
  articles: ReadonlySet<string>;
  /** Articles that go before an institution's or a place's name, never a person's. */
  nameArticles: ReadonlySet<string>;
  /** Head words of institutions and facilities, folded: "la rodovia X", "l'institut X". */
  heads: ReadonlyArray<[EntityType, ReadonlySet<string>]>;
}
/** A language's place prepositions and articles; every language's where it is unknown. */
function ownWords(lang: string | null): OwnWords {
  let w = ownWordsCache.get(lang);
  if (!w) {
    const known = lang !== null && LEXICONS.some((l) => l.code === lang);
    const pick = (
      field: 'placePrepositions' | 'weakPlacePrepositions' | 'articles' | 'nameArticles',
    ) => (known ? inLanguage(field, lang) : anyLanguage(field));
    w = {
      places: pick('placePrepositions'),
      weakPlaces: pick('weakPlacePrepositions'),
      articles: pick('articles'),
      nameArticles: pick('nameArticles'),
      heads: (['facility', 'organization'] as const).map((type) => [
        type,
        new Set(
          LEXICONS.filter((l) => !known || l.code === lang)
            .flatMap((l) => l.keywords[type].split(/\s+/))
            .filter((w) => w.length > 0)
            .map(fold),
        ),
      ]),
    };
    ownWordsCache.set(lang, w);
  }
  return w;
}

/** Place evidence around one occurrence: votes, and how many are not a weak "à X". */
function placeEvidence(
  o: Occurrence,
  own: OwnWords,
  prepositions: boolean,
): { votes: number; strong: number } {
  let votes = 0;
  let strong = 0;
  const prev = o.before[o.before.length - 1] ?? '';
  const prev2 = o.before[o.before.length - 2] ?? '';
  const prev3 = o.before[o.before.length - 3] ?? '';
  // "in X", "dans les X", "en el X": a preposition of the source's own language (a folded
  // "à" is another language's article), maybe with an article between.
  const prep = own.places.has(prev)
    ? prev
    : own.articles.has(prev) && own.places.has(prev2)
      ? prev2
      : '';
  if (prep && prepositions) {
    votes += 1;
    if (!own.weakPlaces.has(prep)) strong++;
  }
  // "the city of X", "la ciudad de X", "natural de X", "nascida em X", "condomínio X", "la
  // ciudad costera de X" (an adjective after the place word), "the X mountains".
  const ofPlace = isConnector(prev) || PLACE_PREPOSITIONS.has(prev);
  if (
    (PLACE_WORDS.has(prev) && !o.tokens[0]!.initial) ||
    (ofPlace && (PLACE_WORDS.has(prev2) || PLACE_CUES.has(prev2))) ||
    (ofPlace && PLACE_WORDS.has(prev3) && !STOP_BACK.has(prev2) && !isConnector(prev2)) ||
    PLACE_WORDS.has(o.after[0] ?? '')
  ) {
    votes += 2;
    strong++;
  }
  return { votes, strong };
}

/** Person, institution and facility evidence around one occurrence, added to `votes`. */
function contextVotes(
  o: Occurrence,
  own: OwnWords,
  acronym: boolean,
  votes: Record<EntityType, number>,
): void {
  if (o.titled) votes.person += 3;
  const prev = o.before[o.before.length - 1] ?? '';
  const prev2 = o.before[o.before.length - 2] ?? '';
  // "la rodovia X", "el partido X", "l'institut X": the head word written before the name.
  // "the X party", "the X news channel": a head word after it (a weaker sign: "the X
  // government" may be a person's).
  for (const [type, heads] of own.heads) {
    if (heads.has(prev) && !o.tokens[0]!.initial) votes[type] += 2;
    if (heads.has(o.after[0] ?? '')) votes[type] += 1;
  }
  // "the X leader said": the office speaks, and X is what it leads (not "X, leader of").
  if (ROLE_CONTEXT.has(o.after[0] ?? '') && o.source.text[o.end] === ' ') votes.organization += 1;
  // An acronym's speech is an institution's ("the ABC said"), not a person's.
  else if (SPEECH_VERBS.has(o.after[0] ?? '') || SPEECH_VERBS.has(o.after[1] ?? ''))
    votes[acronym ? 'organization' : 'person'] += 1;
  if (ROLE_CONTEXT.has(prev)) votes.person += 2;
  // "the minister of X", "el secretario de X": an office's institution (a mayor's "of X" is
  // a place, above; countries are known by name).
  else if (isConnector(prev) && ROLE_CONTEXT.has(prev2)) votes.organization += 1;
  for (const [type, set] of CONTEXT_TYPES) {
    if (o.before.some((w) => set.has(w)) || set.has(o.after[0] ?? '')) votes[type] += 1;
  }
}

export function inferType(g: Group, allPersonSurnames: Set<string>, owner = false): EntityType {
  // An acronym that opens every other name ("ABC Example Prize") is what they are things of:
  // its own occurrences say what it is.
  const head = acronymHead(g.aliases);
  if (head && g.aliases.size > 1) {
    const own = g.occs.filter((o) => key(o.surface) === key(head));
    if (own.length > 0)
      return inferType({ ...g, occs: own, aliases: new Set([head]) }, allPersonSurnames, true);
  }
  const longestLen = maxLen(g);
  const longest = g.occs.filter((o) => o.tokens.length === longestLen);
  const kw = typeFromKeywords(longest[0]!.tokens);
  if (kw) return kw;
  const acronym = longest[0]!.tokens.every((t) => isAllCaps(t.text) || isInitialism(t.text));
  const votes: Record<EntityType, number> = {
    person: 0,
    organization: 0,
    place: 0,
    facility: 0,
    law: 0,
    agreement: 0,
    group: 0,
    other: 0,
  };
  // Place evidence that a preposition also used for persons ("à X") cannot give.
  let strongPlace = 0;
  // Occurrences right after an article that never goes before a person's name ("the X Y").
  let articled = 0;
  for (const o of g.occs) {
    const own = ownWords(languageOf(o.source));
    if (own.nameArticles.has(o.before[o.before.length - 1] ?? '')) articled++;
    // An acronym that names things after itself ("ABC Example Prize") is an institution's, and
    // institutions take the same prepositions ("a letter from ABC").
    const place = placeEvidence(o, own, !(owner && acronym));
    votes.place += place.votes;
    strongPlace += place.strong;
    contextVotes(o, own, acronym, votes);
  }
  if (allPersonSurnames.has(g.key)) votes.person += 2;
  const toks = longest[0]!.tokens;
  // A name of several words that mostly follows such an article ("the Example Fund said", "la
  // Cruz Example pidió") is no person's, whatever verb follows; one word may be a surname used
  // as an adjective ("the Doe administration").
  const notPerson =
    toks.length >= 2 &&
    articled * 2 >= g.occs.length &&
    !g.occs.some((o) => o.titled) &&
    !allPersonSurnames.has(g.key);
  // A person is named by the surname alone; a place rarely by its last word.
  if (toks.length >= 2) {
    const last = key(toks[toks.length - 1]!.text);
    for (const o of g.occs) if (o.tokens.length === 1 && key(o.surface) === last) votes.person += 1;
  }
  if (notPerson) votes.person = 0;
  const best = (Object.entries(votes) as Array<[EntityType, number]>).sort(
    (a, b) => b[1] - a[1],
  )[0]!;
  // Two to four plain words read as a person's name: one "à"/"en" before them is not enough.
  const personShaped =
    toks.length >= 2 &&
    toks.length <= 4 &&
    !toks.some((t) => isConnector(t.text) || isAllCaps(t.text));
  if (best[0] === 'place' && personShaped && strongPlace === 0 && !notPerson) return 'person';
  if (best[1] > 0) return best[0];
  if (toks.every((t) => isAllCaps(t.text) || isInitialism(t.text))) return 'organization';
  // Two to four plain capitalised words with no keyword read as a person's name; one in
  // capitals ("Example de ABC") is an institution's.
  if (toks.length >= 2 && toks.length <= 4)
    return notPerson || toks.some((t) => isAllCaps(t.text)) ? 'organization' : 'person';
  return 'other';
}
