/**
 * Schemas for what enters from outside (valibot): a source draft and its metadata, settings, and
 * every message's request. Each is parsed once, where it enters (lib/service/handlers.ts for
 * requests; settings storage and backup files), and its type is derived from the schema. Each
 * refusal names its problem's code (`says`), so the reader's message and the code the page
 * branches on come from the same line.
 */
import * as v from 'valibot';
import { LIMITS } from '../intake/limits';
import { type ProblemCode, says } from '../problems';
import { DEFAULT_SETTINGS as DEFAULTS } from '../settings';
import { ENTITY_TYPES } from '../types';
import { hostKey } from '../host';

// ---- A source's text and metadata ---------------------------------------------------------------

const words = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
const en = (n: number) => n.toLocaleString('en');

/** Article text: trimmed; refused when empty, too short to carry claims, or too long to index. */
export const TextSchema = v.pipe(
  v.string(says('text-empty', 'The article text is empty. Paste the text of the article.')),
  v.trim(),
  v.minLength(1, says('text-empty', 'The article text is empty. Paste the text of the article.')),
  v.maxLength(LIMITS.maxTextChars, (issue) =>
    says(
      'text-too-long',
      `The text is ${en(issue.input.length)} characters long; the limit is ${en(LIMITS.maxTextChars)}. Add one article at a time, or shorten the text.`,
    ),
  ),
  v.check(
    (t) => t.length >= LIMITS.minTextChars && words(t) >= LIMITS.minWords,
    (issue) => {
      const n = words(String(issue.input));
      return says(
        'text-tiny',
        `The text is too short to be an article (${n} word${n === 1 ? '' : 's'}; at least ${LIMITS.minWords} words and ${LIMITS.minTextChars} characters are needed). Paste the whole article.`,
      );
    },
  ),
);

/** "2025-03-27T10:00:00Z", "March 27, 2025", "2025-03-27" -> "2025-03-27"; null when not a date. */
export function normalizeDate(input: string): string | null {
  const s = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (iso) {
    const [, y, m, d] = iso;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
      ? `${y}-${m}-${d}`
      : null;
  }
  if (!/\d{4}/.test(s)) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 10);
}

/** "en-GB" -> "en"; null when it is not a language tag. */
export function normalizeLanguage(input: string): string | null {
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i.exec(input.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** A metadata field: absent or null is null; spaces collapsed; bounded. */
const field = (label: string) =>
  v.pipe(
    v.nullish(v.string(says('field-invalid', `The ${label} must be text.`)), null),
    v.transform((s) => (s === null ? null : s.replace(/\s+/g, ' ').trim() || null)),
    v.check(
      (s) => s === null || s.length <= LIMITS.maxFieldChars,
      (issue) =>
        says(
          'field-invalid',
          `The ${label} is ${String(issue.input).length} characters long; keep it under ${LIMITS.maxFieldChars}.`,
        ),
    ),
  );

const isWebAddress = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/** A field normalised by `normalize`, refused (with `why`) when it does not normalise. */
const normalized = (
  label: string,
  normalize: (s: string) => string | null,
  why: (s: string) => string,
) =>
  v.pipe(
    field(label),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const s = dataset.value;
      if (s === null) return null;
      const out = normalize(s);
      if (out === null) {
        addIssue({ message: says('field-invalid', why(s)) });
        return NEVER;
      }
      return out;
    }),
  );

/** Title, outlet, address, date and language of untrusted input (drafts, edits, backups). */
export const MetadataSchema = v.object({
  title: field('title'),
  outlet: field('outlet'),
  url: v.pipe(
    field('address'),
    v.check(
      (s) => s === null || isWebAddress(s),
      (issue) =>
        says(
          'field-invalid',
          `The address “${String(issue.input).slice(0, 80)}” is not an http(s) web address. Fix it or leave it empty.`,
        ),
    ),
  ),
  published: normalized(
    'date',
    normalizeDate,
    (s) => `“${s.slice(0, 40)}” is not a date. Write it as YYYY-MM-DD, or leave it empty.`,
  ),
  language: normalized(
    'language',
    normalizeLanguage,
    (s) =>
      `“${s.slice(0, 40)}” is not a language code. Use a code such as “en” or “es”, or leave it empty.`,
  ),
});

export const DRAFT_VIA = ['url', 'paste', 'tab', 'import'] as const;

/** A source the reader wants to add, before indexing: article text plus metadata. */
export const DraftSchema = v.object(
  {
    text: TextSchema,
    ...MetadataSchema.entries,
    via: v.fallback(v.picklist(DRAFT_VIA), 'paste'),
  },
  says('field-invalid', 'No source was sent. Fill in the form and try again.'),
);
export type SourceDraft = v.InferOutput<typeof DraftSchema>;

// ---- Settings -------------------------------------------------------------------------------------

const HOSTNAME = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$/;
const unique = <T>(list: T[]): T[] => [...new Set(list)];
const bad = (what: string) => says('backup-schema', `Settings: ${what}.`);

/** A list of site names, as a reader may type them ("WWW.Example.org" is "example.org"). */
const hostList = (name: string) =>
  v.pipe(
    v.array(
      v.pipe(
        v.string(bad(`“${name}” must be a list of site names`)),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          const host = hostKey(dataset.value.trim());
          if (HOSTNAME.test(host)) return host;
          addIssue({
            message: bad(`“${dataset.value.slice(0, 60)}” in ${name} is not a site name`),
          });
          return NEVER;
        }),
      ),
      bad(`“${name}” must be a list of site names`),
    ),
    v.transform(unique),
  );

/** Reader preferences (stored with WXT storage, versioned; also inside backup files). */
export const SettingsSchema = v.object(
  {
    /** Milliseconds the pointer rests on a mention before the card shows. */
    hoverDelayMs: v.optional(
      v.pipe(
        v.number(bad('“hoverDelayMs” must be a number of milliseconds between 0 and 5000')),
        v.finite(bad('“hoverDelayMs” must be a number of milliseconds between 0 and 5000')),
        v.minValue(0, bad('“hoverDelayMs” must be a number of milliseconds between 0 and 5000')),
        v.maxValue(5000, bad('“hoverDelayMs” must be a number of milliseconds between 0 and 5000')),
        v.transform(Math.round),
      ),
      DEFAULTS.hoverDelayMs,
    ),
    highlightStyle: v.optional(
      v.picklist(
        ['dotted', 'solid', 'background', 'none'],
        bad('“highlightStyle” must be dotted, solid, background or none'),
      ),
      DEFAULTS.highlightStyle,
    ),
    /** Entity types to underline. "other" (what the pipeline could not type, often a brand
     * named in every page's share buttons) is off until the reader turns it on. */
    types: v.optional(
      v.pipe(
        v.array(
          v.picklist(
            ENTITY_TYPES,
            bad(`“types” must list entity types among ${ENTITY_TYPES.join(', ')}`),
          ),
          bad(`“types” must list entity types among ${ENTITY_TYPES.join(', ')}`),
        ),
        v.transform(unique),
      ),
      () => [...DEFAULTS.types],
    ),
    /** Underline every mention, or only the first of each entity per paragraph. */
    mentions: v.optional(
      v.picklist(
        ['all', 'first-per-paragraph'],
        bad('“mentions” must be all or first-per-paragraph'),
      ),
      DEFAULTS.mentions,
    ),
    /** Underline in the article's text only, or anywhere on the page. */
    scope: v.optional(
      v.picklist(['article', 'page'], bad('“scope” must be article or page')),
      DEFAULTS.scope,
    ),
    /** Hostnames where Crosscheck is off. */
    disabledSites: v.optional(hostList('disabledSites'), () => [...DEFAULTS.disabledSites]),
    /** Hostnames where it is on even if a later default turns it off. */
    enabledSites: v.optional(hostList('enabledSites'), () => [...DEFAULTS.enabledSites]),
    theme: v.optional(
      v.picklist(['system', 'light', 'dark'], bad('“theme” must be system, light or dark')),
      DEFAULTS.theme,
    ),
  },
  says('backup-schema', 'The file has no settings object.'),
);
export type Settings = v.InferOutput<typeof SettingsSchema>;
// The defaults are settings (checked here, where both are known).
DEFAULTS satisfies Settings;

// ---- Message requests ---------------------------------------------------------------------------

const request = (what: string) => says('bad-request', what);
const nothing = v.object({});
const entityId = (name: string) =>
  v.object({
    entityId: v.pipe(
      v.string(request(`${name} needs an entityId.`)),
      v.minLength(1, request(`${name} needs an entityId.`)),
      // Ids are slugs of names (16 words at most, and a hash); nothing longer gets through.
      v.maxLength(1000, request(`${name}: an entityId is at most 1,000 characters.`)),
    ),
  });
const sourceId = v.object({ id: v.string(request('Which source? Its id is missing.')) });
const fileText = v.object({ text: v.fallback(v.string(), '') });
/**
 * A change's receipt: a random id the asking page gives it, kept by the service in the change's
 * own transaction (lib/service/receipts.ts), so a page whose answer was cut off can ask whether
 * the change landed.
 */
const receiptId = v.pipe(
  v.string(request('A receipt is 32 hexadecimal digits.')),
  v.regex(/^[0-9a-f]{32}$/, request('A receipt is 32 hexadecimal digits.')),
);
const receipt = { receipt: v.optional(receiptId) };

/** Every message's request, as the background accepts it. */
export const REQUESTS = {
  previewSource: v.object({ draft: DraftSchema }),
  addSource: v.object({ draft: DraftSchema, ...receipt }),
  listSources: nothing,
  prepareChanges: nothing,
  removeSource: v.object({ ...sourceId.entries, ...receipt }),
  setSourceEnabled: v.object({
    ...sourceId.entries,
    enabled: v.boolean(request('“enabled” must be true or false.')),
    ...receipt,
  }),
  editSource: v.object({
    ...sourceId.entries,
    // Checked with the source's other fields by MetadataSchema when it is applied.
    patch: v.fallback(v.record(v.string(), v.unknown()), {}),
    ...receipt,
  }),
  exportSources: nothing,
  previewImport: fileText,
  importBackup: v.object({ ...fileText.entries, ...receipt }),
  resetCorpus: v.object(receipt),
  changeLanded: v.object({ receipt: receiptId }),
  getDictionary: v.object({
    knownVersion: v.fallback(v.nullable(v.number()), null),
  }),
  getSummary: nothing,
  listDiscrepancies: v.object({
    entityId: v.pipe(
      v.fallback(v.nullable(v.string()), null),
      v.transform((s) => s || null),
    ),
    /** The page's story: its differences come first (the popup's order). */
    storyFirst: v.optional(v.fallback(v.nullable(v.string()), null), null),
    /** Differences already shown elsewhere (the page's own rows), left out. */
    exclude: v.optional(v.fallback(v.pipe(v.array(v.string()), v.maxLength(50)), []), []),
    /** Whether every name the differences are about comes too (for the filter). */
    names: v.optional(v.fallback(v.boolean(), false), false),
    /** Whether agreements are listed too. */
    agreements: v.optional(v.fallback(v.boolean(), false), false),
    /** The page: from `offset`, at most `limit` (the popup asks for a screenful at a time). */
    offset: v.optional(v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0)), 0), 0),
    limit: v.optional(
      v.fallback(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)), 50),
      50,
    ),
  }),
  getPageContext: v.object({
    url: v.string(request('getPageContext needs the page URL.')),
    text: v.optional(v.fallback(v.nullable(v.string()), null), null),
  }),
  searchCorpus: v.object({ query: v.fallback(v.string(), '') }),
  getCard: v.object({
    ...entityId('getCard').entries,
    /** The page's address, so the differences of the page's story come first. */
    url: v.optional(v.nullable(v.string())),
    storyId: v.optional(v.nullable(v.string())),
  }),
  openEntityList: entityId('openEntityList'),
  getIntegrityReport: v.object({ dismiss: v.fallback(v.boolean(), false) }),
  getStats: nothing,
  listCorrections: nothing,
  // Names as given, or an entity's forms by its id (the service reads them); the correction
  // is then checked whole by lib/corpus/corrections.ts CorrectionSchema.
  addCorrection: v.object({
    kind: v.string(request('Which kind of correction? “kind” is missing.')),
    names: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(100)), []),
    other: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(100)), []),
    entityId: v.optional(v.pipe(v.string(), v.maxLength(1000))),
    otherEntityId: v.optional(v.pipe(v.string(), v.maxLength(1000))),
    ...receipt,
  }),
  removeCorrection: v.object({
    id: v.pipe(v.string(request('Which correction? Its id is missing.')), v.maxLength(20_000)),
    ...receipt,
  }),
  getEntityForms: entityId('getEntityForms'),
  openCorrections: entityId('openCorrections'),
} satisfies Record<string, v.GenericSchema>;

export type RequestName = keyof typeof REQUESTS;
/** What a message's sender passes (fields with a fallback may be left out). */
export type RequestIn<K extends RequestName> = v.InferInput<(typeof REQUESTS)[K]>;
/** What its handler receives, parsed. */
export type RequestOut<K extends RequestName> = v.InferOutput<(typeof REQUESTS)[K]>;

// ---- Progress of long changes -------------------------------------------------------------------

/** The name of the runtime Port an extension page opens to hear an add's or import's progress. */
export const PROGRESS_PORT = 'crosscheck-progress';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A progress message (ProgressMessage) as the options page accepts it. */
export const ProgressMessageSchema = v.pipe(
  v.object({
    type: v.literal('progress'),
    operation: v.picklist(['addSource', 'importBackup']),
    stage: v.picklist(['preparing', 'resolving', 'saving']),
    done: count,
    total: count,
  }),
  v.check((p) => p.done <= p.total),
);

export type { ProblemCode };
