/**
 * Quantity claims: a figure with what it counts ("over 12,400 evacuations", "15 rescue
 * flights", "about 80 deported Ruritanians each", "hundreds of Freedonians", "two planes",
 * "a 25% tariff on auto imports"), its hedge, and the words around it that say which count it is.
 */
import {
  HEDGE_PHRASES,
  makeNumber,
  type ParsedNumber,
  parseDigits,
  scaleOf,
  vagueRange,
  wordNumber,
} from './numbers';
import {
  claimLexicons,
  claimWordsIn,
  claimWordsOf,
  isCountedThing,
  isMeasureNoun,
  sameThingAs,
} from '../../lang/claim-words';
import { anyLanguage } from '../../lang';
import {
  clauseBounds,
  foldLower,
  isStopWord,
  lemma,
  lowerBound,
  STOP,
  type Word,
  words,
} from '../text';

export interface QuantityHit {
  /** Offsets in the sentence. */
  start: number;
  end: number;
  span: string;
  number: ParsedNumber;
  /** Lemma of what is counted ("evacuation", "flight"), prefixed "% " for percentages. */
  unit: string;
  /** The counted noun phrase as written ("evacuation flights"). */
  thing: string;
  /** What a rate or count applies to ("auto import" in "a 25% tariff on auto imports"). */
  complement: string | null;
  /** The complement as written, for display ("Ruritanian migrants"). */
  complementText: string | null;
  /** True for "each" / "per": a rate, not a total. */
  each: boolean;
  /** Content lemmas of the clause around the figure (what the figure is about). */
  context: string[];
  /** What happened to those counted ("dead", "injured"), from the words of the clause. */
  outcome: string | null;
  /** The clause speaks of a running tally ("the toll rose to"). */
  tally: boolean;
  /** A count of one read from an indefinite article ("an evacuation flight"). */
  article: boolean;
}

let outcomeOf: Map<string, string> | null = null;
/**
 * The outcome of the counted: the first outcome word after the figure in its clause ("300
 * personnes ont été blessées"), else the nearest one before it ("killing at least 296 people").
 */
function outcomeNear(ws: readonly Word[], from: number, to: number, at: number): string | null {
  if (!outcomeOf) {
    outcomeOf = new Map();
    for (const l of claimLexicons())
      for (const [k, v] of Object.entries(l.outcomes))
        for (const f of v.split('|')) outcomeOf.set(foldLower(f), k);
  }
  let before: string | null = null;
  for (const w of ws) {
    if (w.start < from || w.end > to) continue;
    const o = outcomeOf.get(w.lower);
    if (!o) continue;
    if (w.start > at) return o;
    before = o;
  }
  return before;
}

/** "Ana Pérez, 61 años," / "un hombre de 71 años,": an age, not a span of time counted. */
function isAge(sentence: string, start: number, end: number): boolean {
  const before = sentence.slice(Math.max(0, start - 30), start);
  return (
    /(?:\p{Lu}[\p{L}'’-]+,\s*|\p{L},?\s+(?:de|of|aged)\s+)$/u.test(before) &&
    /^\s*(?:[,.;)]|$)/u.test(sentence.slice(end))
  );
}

const MONTHS =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)$/;
const DETERMINERS = new Set([
  'the',
  'these',
  'those',
  'its',
  'their',
  'our',
  'his',
  'her',
  'your',
  'my',
  'both',
]);
let npStop: Set<string> | null = null;
/** Words that end the counted noun phrase: function words of every language, and verbs. */
function isNpStop(word: string): boolean {
  npStop ??= new Set([
    ...STOP,
    ...'each per a ago year-old within through across toward towards throughout beyond near since upon'.split(
      ' ',
    ),
    ...anyLanguage('functionWords'),
    ...anyLanguage('articles'),
    ...anyLanguage('conjunctions'),
    ...claimWordsOf('verbsAfterFigures'),
  ]);
  return npStop.has(word);
}

/**
 * "4 000" (a space between thousands, as French writes it): the digits after the space belong
 * to the figure. Returns the merged value and the index of its last word, or null.
 */
function spacedThousands(
  sentence: string,
  ws: readonly Word[],
  i: number,
): [number, number] | null {
  let value = Number(ws[i]!.text);
  let k = i;
  while (
    /^\d{3}$/.test(ws[k + 1]?.text ?? '') &&
    /^[ \u00a0\u202f]$/.test(gapText(sentence, 0, ws[k]!, ws[k + 1]!))
  ) {
    value = value * 1000 + Number(ws[k + 1]!.text);
    k++;
  }
  return k > i ? [value, k] : null;
}

let articles: Set<string> | null = null;
/** "los dos países", "les deux pays": an article before a number word makes it a reference. */
function isArticle(word: string): boolean {
  articles ??= anyLanguage('articles');
  return articles.has(word) && !/^(?:a|an|un|une|uno|una|um|uma)$/.test(word);
}

/** "voo 2283", "flight 2283": a long figure right after a noun, written without separators. */
function isIdentifier(sentence: string, ws: readonly Word[], i: number, value: number): boolean {
  const prev = ws[i - 1];
  if (!prev || value < 1000 || /[.,\s]/.test(ws[i]!.text)) return false;
  return (
    gapText(sentence, 0, prev, ws[i]!) === ' ' &&
    /^\p{Ll}{3,}$/u.test(prev.text) &&
    !isNpStop(prev.lower)
  );
}
/** Words after a figure that make it not a count of things. */
const NOT_COUNTS = new Set([
  'percent',
  'per',
  'cent',
  'times',
  'am',
  'pm',
  'a.m',
  'p.m',
  'a.m.',
  'p.m.',
  'of',
]);
const VERBISH =
  /^(?:is|are|was|were|has|have|had|will|would|can|could|carrying|including|according)$/;

function isCapitalised(w: Word): boolean {
  return /^\p{Lu}/u.test(w.text);
}

function isInitialism(w: Word): boolean {
  return /^(?:\p{Lu}\.){2,}$/u.test(w.text) || /^\p{Lu}{2,}$/u.test(w.text);
}

function gapText(sentence: string, base: number, a: Word, b: Word): string {
  return sentence.slice(a.end - base, b.start - base);
}

/** Hedge words right before word i ("more than", "over", "some"), longest match. */
function hedgeBefore(ws: readonly Word[], i: number): { text: string; start: number } | null {
  for (const phrase of HEDGE_PHRASES) {
    const parts = foldLower(phrase).split(' ');
    if (i - parts.length < 0) continue;
    const cand = ws.slice(i - parts.length, i);
    if (cand.map((w) => w.lower).join(' ') === parts.join(' '))
      return { text: cand.map((w) => w.text).join(' '), start: cand[0]!.start };
  }
  return null;
}

/** "percent", "per cent", "por ciento", "pour cent", "por cento" at word k: how many words, or 0. */
function percentWords(ws: readonly Word[], k: number): number {
  const a = ws[k]?.lower;
  if (a === 'percent' || a === 'pourcent') return 1;
  if (/^(?:per|por|pour)$/.test(a ?? '') && /^(?:cent|ciento|cento)$/.test(ws[k + 1]?.lower ?? ''))
    return 2;
  return 0;
}
function isPercentWord(ws: readonly Word[], k: number): boolean {
  return percentWords(ws, k) > 0;
}

let rangeWords: { openers: Set<string>; joiners: Set<string>; articles: Set<string> } | null = null;
/**
 * "between 40 and 45%", "entre un 40 % y un 45 %", "de 40 à 45 %", "40 to 45 per cent": the
 * figure at word i opens a range. Returns its upper end, the index of its last digit word and
 * whether it is a percentage; null when the figure stands alone.
 */
function rangeFrom(
  sentence: string,
  ws: readonly Word[],
  i: number,
  low: number,
  language: string | null,
): [number, number, boolean] | null {
  rangeWords ??= {
    openers: claimWordsOf('rangeOpeners'),
    joiners: claimWordsOf('rangeJoiners'),
    articles: anyLanguage('articles'),
  };
  const { openers, joiners, articles: arts } = rangeWords;
  let k = i + 1;
  let percent = /^\s*%/.test(sentence.slice(ws[i]!.end));
  k += percentWords(ws, k);
  if (percentWords(ws, i + 1) > 0) percent = true;
  const joiner = ws[k];
  if (!joiner || !joiners.has(joiner.lower)) return null;
  k++;
  if (ws[k] && arts.has(ws[k]!.lower)) k++;
  const second = ws[k];
  if (!second || !/^\d/.test(second.text)) return null;
  const high = parseDigits(second.text, language);
  if (high === null || high <= low) return null;
  // "to" and "a" join ranges only after an opener ("from 40 to 45"), or inside percentages.
  let o = i - 1;
  if (ws[o] && arts.has(ws[o]!.lower) && !openers.has(ws[o]!.lower)) o--;
  const opened = ws[o] !== undefined && openers.has(ws[o]!.lower);
  const pct = percent || /^\s*%/.test(sentence.slice(second.end)) || isPercentWord(ws, k + 1);
  if (!opened && !pct) return null;
  return [high, k, pct];
}

/** "of the vote", "de los votos", "des voix": what a percentage is a share of, or null. */
function shareOf(ws: readonly Word[], k: number): Word | null {
  const of = ws[k];
  if (!of || !claimWordsOf('shareOf').has(of.lower)) return null;
  let n = ws[k + 1];
  if (n && (isArticle(n.lower) || DETERMINERS.has(n.lower))) n = ws[k + 2];
  if (!n || isStopWord(n.lower) || /^\d/.test(n.text) || isCapitalised(n)) return null;
  return n;
}

/**
 * "turnout is estimated at 60%", "se estima que votó el 75% de las personas inscritas": a share
 * of the electorate, said by a turnout word before the figure (with no other share between) or
 * after it in its clause.
 */
function isTurnout(ws: readonly Word[], i: number, clauseEnd: number, after: number): boolean {
  const turnout = claimWordsOf('turnoutWords');
  for (let k = Math.max(0, after + 1); k < ws.length && ws[k]!.end <= clauseEnd; k++)
    if (k !== i && turnout.has(ws[k]!.lower)) return true;
  return false;
}

let partitives: { before: string[]; after: string[] } | null = null;
/** "dont 120", "120 de los cuales", "120 of whom": the figure is a part of the count before it. */
function isPartitive(ws: readonly Word[], i: number, endWord: number): boolean {
  if (!partitives) {
    partitives = { before: [], after: [] };
    for (const l of claimLexicons()) {
      for (const f of l.partitivesBefore.split('|')) if (f) partitives.before.push(foldLower(f));
      for (const f of l.partitivesAfter.split('|')) if (f) partitives.after.push(foldLower(f));
    }
  }
  const text = (from: number, n: number) =>
    ws
      .slice(Math.max(0, from), from + n)
      .map((w) => w.lower)
      .join(' ');
  return (
    partitives.before.some(
      (p) => i >= p.split(' ').length && text(i - p.split(' ').length, p.split(' ').length) === p,
    ) || partitives.after.some((p) => text(endWord + 1, p.split(' ').length) === p)
  );
}

/** A figure read at word i, before the noun phrase it counts. */
interface Figure {
  value: number | null;
  vague: [number, number] | null;
  /** Index of the figure's last word. */
  endWord: number;
  /** "two-week": the unit written in the same word as the number. */
  hyphenUnit: string | null;
  percent: boolean;
  /** A count of one read from an indefinite article. */
  article: boolean;
  /** The upper end of a range ("between 40 and 45"), read with the figure as its lower end. */
  high: number | null;
}

/** A figure written in digits at word i, or null when it is no count (a date, a year, a time). */
function digitFigure(
  sentence: string,
  ws: readonly Word[],
  i: number,
  language: string | null,
): Figure | null {
  const w = ws[i]!;
  let value = parseDigits(w.text, language);
  if (value === null) return null;
  let endWord = i;
  let percent = false;
  let high: number | null = null;
  const spaced = /^\d{1,3}$/.test(w.text) ? spacedThousands(sentence, ws, i) : null;
  if (spaced) [value, endWord] = spaced;
  if (!spaced && isIdentifier(sentence, ws, i, value)) return null; // "4 000" is no flight number
  const after = sentence.slice(w.end, w.end + 2);
  if (/^:\d/.test(after) || /^\.\d/.test(after)) return null; // a clock time or a version
  const prev = ws[i - 1];
  const next = ws[i + 1];
  if (prev && MONTHS.test(prev.lower)) return null; // "January 26"
  if (next && MONTHS.test(next.lower)) return null; // "26 January"
  if (
    !spaced &&
    Number.isInteger(value) &&
    value >= 1000 &&
    value <= 2100 &&
    !/[.,\s]/.test(w.text)
  )
    return null; // a year
  const range = rangeFrom(sentence, ws, i, value, language);
  if (range) {
    [high, endWord, percent] = range;
    if (percent && isPercentWord(ws, endWord + 1)) endWord += percentWords(ws, endWord + 1);
  } else if (/^\s*%/.test(sentence.slice(w.end)) || isPercentWord(ws, i + 1)) {
    percent = true;
    endWord = i + percentWords(ws, i + 1);
  }
  return { value, vague: null, endWord, hyphenUnit: null, percent, article: false, high };
}

/** A figure written in words at word i ("two", "two-week", "a", "hundreds of"), or null. */
function wordFigure(ws: readonly Word[], i: number, language: string | null): Figure | null {
  const w = ws[i]!;
  const figure: Figure = {
    value: null,
    vague: null,
    endWord: i,
    hyphenUnit: null,
    percent: false,
    article: false,
    high: null,
  };
  const hy = w.lower.match(/^([a-z]+)-([a-z]+)$/);
  if (wordNumber(w.lower, language) !== null) {
    const prev = ws[i - 1];
    if (prev && (DETERMINERS.has(prev.lower) || isArticle(prev.lower))) return null; // "the two countries": a reference, not a count
    figure.value = wordNumber(w.lower, language);
  } else if (hy && wordNumber(hy[1]!, language) !== null) {
    figure.value = wordNumber(hy[1]!, language);
    figure.hyphenUnit = hy[2]!;
  } else if (i > 0 && claimWordsIn('oneWords', language).has(w.lower)) {
    // Not the sentence's first word: "A plane crashed …" introduces, it does not count.
    figure.value = 1;
    figure.article = true;
  } else if (vagueRange(w.lower) && ws[i + 1]?.lower === 'of') {
    figure.vague = vagueRange(w.lower);
    figure.endWord = i + 1;
  } else return null;
  return figure;
}

/** The figure at word i, with its scale word ("1.5 million", "two hundred"), or null. */
function figureAt(
  sentence: string,
  ws: readonly Word[],
  i: number,
  language: string | null,
): Figure | null {
  const figure = /^\d/.test(ws[i]!.text)
    ? digitFigure(sentence, ws, i, language)
    : wordFigure(ws, i, language);
  if (!figure) return null;
  const scale = ws[figure.endWord + 1] ? scaleOf(ws[figure.endWord + 1]!.lower) : null;
  if (figure.value !== null && scale !== null && !figure.percent) {
    figure.value *= scale;
    figure.endWord += 1;
  }
  return figure;
}

/**
 * The counted noun phrase after the figure, from word `from`: its words (at most four) and the
 * index of the first word after it.
 */
function nounPhrase(
  sentence: string,
  ws: readonly Word[],
  from: number,
  figure: Figure,
  w: Word,
): { np: Word[]; j: number } {
  const { percent, hyphenUnit } = figure;
  const np: Word[] = [];
  if (hyphenUnit) np.push({ ...w, text: hyphenUnit, lower: hyphenUnit });
  let j = from;
  while (j < ws.length && np.length < 4) {
    const n = ws[j]!;
    const between = gapText(sentence, 0, ws[j - 1]!, n);
    if (!(np.length === 0 && percent ? /^%?[\s-]*$/ : /^[\s-]*$/).test(between)) break;
    if (np.length > 0 && /ed$/.test(n.lower)) break; // "Freedonians deported": a participle after the noun
    if (isNpStop(n.lower) || VERBISH.test(n.lower) || (/ing$/.test(n.lower) && np.length > 0))
      break;
    if (/^\d/.test(n.text)) break;
    if (
      np.length === 0 &&
      isCapitalised(n) &&
      !isInitialism(n) &&
      !/s$/.test(n.text) &&
      !hyphenUnit
    )
      break;
    np.push(n);
    j++;
  }
  return { np, j };
}

/**
 * What the figure applies to, from word k: "on auto imports", "of Ruritanian migrants", and
 * whether it is a rate ("each", "per").
 */
function complementAt(
  sentence: string,
  ws: readonly Word[],
  k: number,
  hyphenUnit: string | null,
): { each: boolean; complement: string | null; complementText: string | null } {
  let complement: string | null = null;
  let complementText: string | null = null;
  const each = ws[k]?.lower === 'each' || ws[k]?.lower === 'per';
  if (each) k++;
  if (ws[k] && /^(?:on|of|for|against|from)$/.test(ws[k]!.lower)) {
    const comp: string[] = [];
    const written: string[] = [];
    for (let m = k + 1; m < ws.length && comp.length < 3; m++) {
      const c = ws[m]!;
      if (!/^[\s-]*$/.test(gapText(sentence, 0, ws[m - 1]!, c))) break;
      if (STOP.has(c.lower)) {
        if (comp.length === 0 && /^(?:the|a|an)$/.test(c.lower)) continue;
        break;
      }
      comp.push(lemma(c.text));
      written.push(c.text);
    }
    if (comp.length && !hyphenUnit) {
      complement = comp.join(' ');
      complementText = written.join(' ');
    }
  }
  return { each, complement, complementText };
}

/**
 * The words of what the figure counts: its noun phrase, else (for a share) what it is a share
 * of, else (for a part) what the whole before it counted.
 */
function countedThing(
  ws: readonly Word[],
  i: number,
  figure: Figure,
  np: Word[],
  lastShare: Word | null,
  whole: Word[] | null,
): Word[] {
  const { percent, hyphenUnit, endWord } = figure;
  // "tariffs of 25%": the thing comes before the figure.
  let thingWords = hyphenUnit ? np.slice(0, 1) : np;
  if (percent && np.length === 0) {
    const after = shareOf(ws, endWord + 1);
    const before = ws[i - 1]?.lower === 'of' ? ws[i - 2] : undefined;
    if (after) thingWords = [after];
    else if (before && !STOP.has(before.lower)) thingWords = [before];
  }
  // "X got 58% of the vote and Y 30%": a bare share is of what the share before it was of.
  if (percent && thingWords.length === 0 && lastShare) thingWords = [lastShare];
  // "300 injured, 120 of whom seriously": the part counts what the whole counted.
  if (whole && thingWords.length === 0) thingWords = whole;
  return thingWords;
}

/**
 * "magnitude 5", "a magnitude of 5.5", "magnitud de 5,5", "magnitude at 5.5": the measure noun
 * written before the figure at word i, or null.
 */
function measureBefore(ws: readonly Word[], i: number, language: string | null): Word | null {
  const prev = ws[i - 1];
  if (!prev) return null;
  if (isMeasureNoun(prev.text)) return prev;
  const noun = ws[i - 2];
  if (noun && isMeasureNoun(noun.text) && claimWordsIn('measureLinks', language).has(prev.lower))
    return noun;
  return null;
}

/**
 * The head noun of what a figure counts. English puts it last ("evacuation flights"); Spanish,
 * French and Portuguese first, adjectives after it ("víctimas mortales"). A measure noun is the
 * head wherever it stands ("a 5.5 magnitude earthquake" is a reading of magnitude).
 */
function headOf(thingWords: readonly Word[], language: string | null): Word | undefined {
  return (
    thingWords.find((t) => isMeasureNoun(t.text)) ??
    (language === null || language.startsWith('en') ? thingWords.at(-1) : thingWords[0])
  );
}

/** The parsed number of a figure: a vague quantity, a range, or a value with its hedge. */
function numberOf(figure: Figure, w: Word, hedge: string | null): ParsedNumber {
  const { vague, high, value } = figure;
  return vague
    ? {
        value: Math.round((vague[0] + vague[1]) / 2),
        low: vague[0],
        high: vague[1],
        hedge: 'vague' as const,
        hedgeText: `${w.text} of`,
      }
    : high !== null
      ? {
          value: (value! + high) / 2,
          low: value!,
          high,
          hedge: 'range' as const,
          hedgeText: null,
        }
      : makeNumber(value!, hedge);
}

/**
 * Content lemmas of the words inside a clause (stop words, numbers and short words left out);
 * the lemma of each word is found once, on first use.
 */
function clauseLemmaReader(ws: readonly Word[]): (from: number, to: number) => string[] {
  let lemmas: Array<string | null> | null = null;
  return (from, to) => {
    lemmas ??= ws.map((w) =>
      isStopWord(w.lower) || /\d/.test(w.lower) || w.lower.length < 3 ? null : lemma(w.lower),
    );
    const found: string[] = [];
    for (let k = lowerBound(ws, from, (w) => w.start); k < ws.length && ws[k]!.start < to; k++)
      if (ws[k]!.end <= to && lemmas[k] !== null) found.push(lemmas[k]!);
    return found;
  };
}

/**
 * Whether the clause speaks of a running tally: counts of casualties are by nature (they rise
 * report after report), as is any clause with a tally word ("the toll rose to").
 */
function isTally(ws: readonly Word[], cs: number, ce: number, outcome: string | null): boolean {
  const tallies = claimWordsOf('tallyWords');
  return (
    // The seriously injured are a state, not a tally: they fall as well as rise.
    (outcome !== null && outcome !== 'rescued' && outcome !== 'serious') ||
    ws.some((x) => x.start >= cs && x.end <= ce && tallies.has(x.lower))
  );
}

/**
 * The hit of a reading after its measure noun at word i ("magnitude 5", "magnitud de 5,5"), or
 * null when no measure noun stands before the figure.
 */
function readingAt(
  sentence: string,
  ws: readonly Word[],
  i: number,
  figure: Figure,
  language: string | null,
  clauseLemmas: (from: number, to: number) => string[],
): QuantityHit | null {
  const { hyphenUnit, percent, vague, article, value, endWord } = figure;
  if (hyphenUnit || percent || vague || article || value === null) return null;
  const measure = measureBefore(ws, i, language);
  if (!measure) return null;
  const w = ws[i]!;
  const end = ws[endWord]!.end;
  const hedge = hedgeBefore(ws, i);
  const [cs, ce] = clauseBounds(sentence, measure.start, end);
  const unit = lemma(sameThingAs(measure.text));
  const outcome = outcomeNear(ws, cs, ce, w.start);
  return {
    start: measure.start,
    end,
    span: sentence.slice(measure.start, end),
    number: numberOf(figure, w, hedge?.text ?? null),
    unit,
    thing: measure.text,
    complement: null,
    complementText: null,
    each: false,
    context: clauseLemmas(cs, ce).filter((l) => l !== unit),
    outcome,
    article: false,
    tally: isTally(ws, cs, ce, outcome),
  };
}

/** "40 percent", "3 times", "5 of": a word after a plain figure that makes it no count. */
function notACount(figure: Figure, next: Word | undefined): boolean {
  const { hyphenUnit, percent, vague } = figure;
  return !hyphenUnit && !percent && !vague && next !== undefined && NOT_COUNTS.has(next.lower);
}

/** Every quantity claim in one sentence (offsets relative to the sentence). */
export function extractQuantities(sentence: string, language: string | null = 'en'): QuantityHit[] {
  const ws = words(sentence);
  const out: QuantityHit[] = [];
  // The context of a figure is the content lemmas of the words inside its clause.
  const clauseLemmas = clauseLemmaReader(ws);
  let lastShare: Word | null = null;
  let lastPercentAt = -1;
  let lastCount: Word[] | null = null;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const figure = figureAt(sentence, ws, i, language);
    if (!figure) continue;
    const { vague, endWord, hyphenUnit, percent, article } = figure;

    const reading = readingAt(sentence, ws, i, figure, language, clauseLemmas);
    if (reading) {
      out.push(reading);
      i = figure.endWord;
      continue;
    }
    // The counted noun phrase.
    const firstNext = ws[endWord + 1];
    const partOf = !hyphenUnit && !percent && !vague && lastCount && isPartitive(ws, i, endWord);
    if (!partOf && notACount(figure, firstNext)) continue;
    const { np, j } = nounPhrase(sentence, ws, endWord + 1, figure, w);
    const thingWords = countedThing(ws, i, figure, np, lastShare, partOf ? lastCount : null);
    if (thingWords.length === 0) continue;
    if (percent) lastShare = thingWords.at(-1) ?? null;
    else lastCount = thingWords;
    const head = headOf(thingWords, language);
    if (head && claimWordsOf('clockWords').has(head.lower) && ws[j]?.lower.length === 1) continue;
    // An article counts one only for the things the lexicon lists as counted units.
    if (article && !(head && isCountedThing(head.text) && !isMeasureNoun(head.text))) continue;
    const unitLemma = head ? lemma(sameThingAs(head.text)) : '';
    let unit = percent ? `% ${unitLemma}`.trim() : unitLemma;
    if (!unit) continue;

    const { each, complement, complementText } = complementAt(
      sentence,
      ws,
      hyphenUnit ? j : Math.max(j, endWord + 1),
      hyphenUnit,
    );

    const hedge = hedgeBefore(ws, i);
    const startWord = hedge ? hedge.start : w.start;
    const lastNp = hyphenUnit ? w : (np.at(-1) ?? ws[endWord]!);
    const endChar =
      percent && np.length === 0
        ? ws[endWord]!.end + (/^\s?%/.exec(sentence.slice(ws[endWord]!.end))?.[0].length ?? 0)
        : lastNp.end;
    const number = numberOf(figure, w, hedge?.text ?? null);
    const [cs, ce] = clauseBounds(sentence, startWord, endChar);
    if (percent && isTurnout(ws, i, ce, lastPercentAt)) unit = '% turnout';
    if (percent) lastPercentAt = i;
    const unitWords = new Set([unitLemma]);
    const context = clauseLemmas(cs, ce).filter((l) => !unitWords.has(l));
    if (claimWordsOf('durationUnits').has(head?.lower ?? '') && isAge(sentence, startWord, endChar))
      continue;
    const outcome = outcomeNear(ws, cs, ce, w.start);
    out.push({
      start: startWord,
      end: endChar,
      span: sentence.slice(startWord, endChar),
      number,
      unit,
      thing: thingWords.map((t) => t.text).join(' '),
      complement,
      complementText,
      each,
      context,
      outcome,
      article,
      tally: isTally(ws, cs, ce, outcome),
    });
    i = Math.max(i, j - 1);
  }
  return out;
}
