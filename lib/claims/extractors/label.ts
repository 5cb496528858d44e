/**
 * Label claims: what a document or act is called ("letter of intent", "declaration of intent",
 * "memorandum of understanding (MOU)", "agreement"), when the sentence says it was signed,
 * produced or reached. Specific labels can contradict each other; generic ones cannot.
 */
import { anyLanguage } from '../../lang';
import { claimClasses, claimForms, claimWordsOf } from '../../lang/claim-words';
import { contentLemmas, foldLower, STOP, WORD_EDGE } from '../text';

export interface LabelHit {
  start: number;
  end: number;
  span: string;
  /** Canonical label ("memorandum of understanding"). */
  label: string;
  /** False for words like "agreement" or "deal" that fit any document. */
  specific: boolean;
  /** Content lemmas of the sentence that say which document it is (minus label and verb). */
  context: string[];
}

/**
 * What a document is called is read two ways, both from lib/lang claim words: the pattern
 * "<document> [qualifier] <link> <purpose>" ("letter of intent", "carta de intención",
 * "déclaration d’intention", "memorando de entendimento", "statement of principles"), and a few
 * fixed forms per language that are not so built ("intention letter", "MOU", "agreement").
 */
interface LabelWords {
  pattern: RegExp;
  forms: RegExp;
  formLabels: Map<string, string>;
  kinds: Map<string, string>;
  purposes: Map<string, string>;
  qualifiers: Map<string, string>;
  notPurposes: Set<string>;
  /** Forms written in capitals in lib/lang ("MOU"), folded. */
  acronyms: Set<string>;
}

let labelWords: LabelWords | null = null;

const escape = (s: string) => s.replace(/[.*+?^${}()[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
const alternation = (xs: Iterable<string>) =>
  [...xs]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

function buildLabelWords(): LabelWords {
  const kinds = claimClasses('documentNouns');
  const purposes = claimClasses('documentPurposes');
  const qualifiers = claimClasses('documentQualifiers');
  const links = claimWordsOf('documentLinks');
  const forms = claimForms('documentForms');
  const nouns = alternation(kinds.keys());
  const quals = alternation(qualifiers.keys());
  // An elided link ("d’") is glued to its purpose; others stand apart.
  const linkAlt = [...links]
    .map((l) => (/['’]$/.test(l) ? `${escape(l.slice(0, -1))}['’]` : `${escape(l)}\\s+`))
    .join('|');
  const purpose = `[\\p{L}][\\p{L}-]*`;
  const pattern = new RegExp(
    `${WORD_EDGE}(?:(?<qb>${quals})\\s+)?(?<noun>${nouns})(?:\\s+(?<qa>${quals}))?` +
      `(?:\\s+(?:${linkAlt})(?<purpose>${purpose}))?${WORD_EDGE}`,
    'giu',
  );
  return {
    pattern,
    forms: new RegExp(
      `${WORD_EDGE}(?:${alternation(forms.map(([f]) => foldLower(f)))})${WORD_EDGE}`,
      'giu',
    ),
    formLabels: new Map(forms.map(([f, l]) => [foldLower(f).replace(/\s+/g, ' '), l])),
    kinds,
    purposes,
    qualifiers,
    notPurposes: new Set([...anyLanguage('articles'), ...anyLanguage('functionWords'), ...STOP]),
    acronyms: new Set(forms.filter(([f]) => /^\p{Lu}{2,}$/u.test(f)).map(([f]) => foldLower(f))),
  };
}

interface Candidate {
  start: number;
  end: number;
  label: string;
  specific: boolean;
  form: boolean;
}

/** "<document> of <purpose>" and "joint <document>" hits of a sentence. */
function patternHits(sentence: string, folded: string, w: LabelWords): Candidate[] {
  const out: Candidate[] = [];
  for (const m of folded.matchAll(w.pattern)) {
    const g = m.groups!;
    // As written: a capitalised purpose is a name ("a letter of Doe").
    const written = g.purpose
      ? sentence.slice(m.index + m[0].length - g.purpose.length, m.index + m[0].length)
      : '';
    const kind = w.kinds.get(foldLower(g.noun!));
    if (!kind) continue;
    const qualifier = g.qb ?? g.qa;
    let end = m.index + m[0].length;
    let purpose: string | null = null;
    if (g.purpose) {
      const p = foldLower(g.purpose);
      const known = w.purposes.get(p);
      // "the letter of the president", "a letter of Doe": not what the document is.
      const named = /^\p{Lu}/u.test(written) && !known;
      if (w.notPurposes.has(p) || named) end = m.index + m[0].lastIndexOf(g.noun!) + g.noun!.length;
      else purpose = known ?? p;
    }
    if (qualifier && !purpose) {
      const q = w.qualifiers.get(foldLower(qualifier))!;
      const at = g.qb ? m.index : m.index + m[0].indexOf(g.noun!);
      const to = g.qa ? m.index + m[0].indexOf(g.qa) + g.qa.length : end;
      out.push({ start: at, end: to, label: `${q} ${kind}`, specific: true, form: false });
      continue;
    }
    if (!purpose) continue;
    const start = g.qb ? m.index + m[0].indexOf(g.noun!) : m.index;
    out.push({ start, end, label: `${kind} of ${purpose}`, specific: true, form: false });
  }
  return out;
}

/** Fixed forms ("intention letter", "MOU", "agreement"); acronyms count only in capitals. */
function formHits(sentence: string, folded: string, w: LabelWords): Candidate[] {
  const out: Candidate[] = [];
  for (const m of folded.matchAll(w.forms)) {
    const key = m[0].replace(/\s+/g, ' ');
    const label = w.formLabels.get(key);
    if (!label) continue;
    const written = sentence.slice(m.index, m.index + m[0].length);
    if (w.acronyms.has(key) && written !== written.toUpperCase()) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      label: label.replace(/^~/, ''),
      specific: !label.startsWith('~'),
      form: true,
    });
  }
  return out;
}

/** Verbs that make a label a claim about a document that exists. */
const ACT_RE = new RegExp(
  `${WORD_EDGE}(?:sign(?:s|ed|ing)?|produced?|reach(?:ed|es)?|conclud(?:ed|es)|adopt(?:ed|s)?|inked|agreed|struck|${[
    ...claimWordsOf('documentVerbs'),
  ].join('|')})${WORD_EDGE}`,
  'iu',
);

const LABEL_WORDS = new Set(
  'memorandum understanding letter intent intention declaration agreement deal pact accord treaty mou moa loi sign signed signing produced reached statement joint document'.split(
    ' ',
  ),
);

export function extractLabels(sentence: string): LabelHit[] {
  if (!ACT_RE.test(foldLower(sentence))) return [];
  labelWords ??= buildLabelWords();
  const w = labelWords;
  // The longest hit at each place wins; a fixed form wins a tie ("protocole d’accord").
  // Words are matched folded ("declaracion"); offsets hold when folding keeps the length.
  const lower = foldLower(sentence);
  const folded = lower.length === sentence.length ? lower : sentence;
  const candidates = [...formHits(sentence, folded, w), ...patternHits(sentence, folded, w)].sort(
    (a, b) => a.start - b.start || b.end - a.end || Number(b.form) - Number(a.form),
  );
  const chosen: Candidate[] = [];
  for (const c of candidates)
    if (!chosen.some((x) => c.start < x.end && x.start < c.end)) chosen.push(c);
  if (chosen.length === 0) return [];
  const context = contentLemmas(sentence.replace(/-/g, ' ')).filter((x) => !LABEL_WORDS.has(x));
  const hits: LabelHit[] = [];
  for (const c of chosen) {
    // "protocol" in "until a protocol was created" is a procedure; only count it when signed.
    if (c.label === 'protocol' && !/sign/i.test(sentence)) continue;
    const span = sentence.slice(c.start, c.end);
    hits.push({ start: c.start, end: c.end, span, label: c.label, specific: c.specific, context });
  }
  return hits;
}
