/**
 * Label claims: what a document or act is called ("letter of intent", "declaration of intent",
 * "memorandum of understanding (MOU)", "agreement"), when the sentence says it was signed,
 * produced or reached. Specific labels can contradict each other; generic ones cannot.
 */
import { claimWordsOf } from '../../lang/claim-words';
import { contentLemmas, foldLower, WORD_EDGE } from '../text';

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

/** Document labels, each with the forms outlets write it in. Order: longest forms first. */
const LABELS: Array<{ label: string; forms: string[]; specific: boolean }> = [
  {
    label: 'memorandum of understanding',
    forms: [
      'memorandum of understanding',
      'memorandums? of understanding',
      'mou',
      'memorando de entendimiento',
      'memorando de entendimento',
      "m[ée]morandum d['’]entente",
      "protocole d['’]accord",
    ],
    specific: true,
  },
  { label: 'memorandum of agreement', forms: ['memorandum of agreement', 'moa'], specific: true },
  {
    label: 'letter of intent',
    forms: [
      'letters? of intent(?:ion)?',
      'intention letters?',
      'loi',
      'carta de intención',
      'carta de intenção',
      "lettre d['’]intention",
    ],
    specific: true,
  },
  {
    label: 'declaration of intent',
    forms: ['declarations? of intent(?:ion)?', 'declaración de intención'],
    specific: true,
  },
  {
    label: 'joint declaration',
    forms: ['joint declarations?', 'joint statements?', 'joint communiqu[ée]'],
    specific: true,
  },
  {
    label: 'agreement in principle',
    forms: [
      'agreements? in principle',
      'acuerdos? de principio',
      'accords? de principe',
      'acordos? de princ[íi]pio',
    ],
    specific: true,
  },
  { label: 'executive order', forms: ['executive orders?'], specific: true },
  { label: 'treaty', forms: ['treat(?:y|ies)'], specific: true },
  { label: 'framework agreement', forms: ['framework agreements?'], specific: true },
  { label: 'ceasefire', forms: ['cease-?fires?', 'truces?'], specific: true },
  { label: 'protocol', forms: ['protocols?'], specific: true },
  { label: 'accord', forms: ['accords?'], specific: false },
  {
    label: 'agreement',
    forms: ['agreements?', 'deals?', 'pacts?', 'acuerdo', 'accord'],
    specific: false,
  },
];

const LABEL_RE = new RegExp(
  `${WORD_EDGE}(?:${LABELS.map((l) => l.forms.map((f) => `(${f})`).join('|')).join('|')})${WORD_EDGE}`,
  'giu',
);
const GROUP_LABELS: Array<{ label: string; specific: boolean }> = LABELS.flatMap((l) =>
  l.forms.map(() => ({ label: l.label, specific: l.specific })),
);

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
  const context = contentLemmas(sentence.replace(/-/g, ' ')).filter((w) => !LABEL_WORDS.has(w));
  const hits: LabelHit[] = [];
  for (const m of sentence.matchAll(LABEL_RE)) {
    const groupIndex = m.slice(1).findIndex((g) => g !== undefined);
    const meta = GROUP_LABELS[groupIndex];
    if (!meta) continue;
    // Acronyms only count in capitals ("MOU", not "mou").
    if (/^[a-z]{2,3}$/i.test(m[0]) && m[0] !== m[0].toUpperCase()) continue;
    // "protocol" in "until a protocol was created" is a procedure; only count it when signed.
    if (meta.label === 'protocol' && !/sign/i.test(sentence)) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      span: m[0],
      label: meta.label,
      specific: meta.specific,
      context,
    });
  }
  return hits;
}
