/**
 * Corrupted data (issue 11): the bundled index is checked once when it is read, and the rows in
 * the database once per service-worker life. Damaged built-in rows are rebuilt from the bundle
 * (the reseeding path, which keeps and re-links the reader's sources); a damaged reader's source
 * is never deleted, only reported. The checks are pure and return values, never throw.
 */
import * as v from 'valibot';
import { BUNDLE_FORMAT, type BundledIndex } from '../bundle';
import { parseOverrides } from '../corpus/overrides';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';
import type { Corpus, Source } from '../types';
import { META_INDEX_VERSION } from './meta';
import { loadSeedIndex } from './seed-index';
import type { IntegrityReport } from '../protocol';

export type CorpusTable = (typeof CORPUS_TABLES)[number];

export interface IntegrityProblem {
  table: CorpusTable;
  id: string;
  /** 'user' only for a row of the reader's own sources table: those cannot be rebuilt. */
  origin: 'seed' | 'user';
  reason: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export const META_INTEGRITY_REPORT = 'integrityReport';

type Row = Record<string, unknown>;
const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (r: Row, k: string) => typeof r[k] === 'string' && r[k] !== '';
const strings = (r: Row, k: string) =>
  Array.isArray(r[k]) && (r[k] as unknown[]).every((v) => typeof v === 'string');

/** What is wrong with one row on its own (null when its shape is right). */
function shapeProblem(table: CorpusTable, r: Row): string | null {
  if (!str(r, 'id')) return 'has no id';
  if (table !== 'discrepancies' && r.origin !== 'seed' && r.origin !== 'user')
    return 'has no origin';
  switch (table) {
    case 'sources':
      if (typeof r.text !== 'string' || r.text.trim() === '') return 'has no text';
      if (typeof r.enabled !== 'boolean' || typeof r.addedAt !== 'number')
        return 'has no on/off state or date added';
      return null;
    case 'passages':
      if (!str(r, 'sourceId') || typeof r.text !== 'string') return 'has no source or text';
      return null;
    case 'entities':
      if (!str(r, 'name') || !str(r, 'type')) return 'has no name or type';
      if (!strings(r, 'aliases') || !Array.isArray(r.descriptors))
        return 'has no aliases or descriptors';
      return null;
    case 'mentions':
      if (!str(r, 'entityId') || !str(r, 'sourceId')) return 'has no entity or source';
      if (typeof r.start !== 'number' || typeof r.end !== 'number') return 'has no offsets';
      return null;
    case 'claims':
      if (!str(r, 'sourceId') || !str(r, 'kind') || !strings(r, 'entityIds'))
        return 'has no source, kind or entities';
      return null;
    case 'discrepancies':
      if (!str(r, 'kind') || !strings(r, 'claimIds') || !strings(r, 'entityIds'))
        return 'has no kind, claims or entities';
      return null;
  }
}

/**
 * Every row of the wrong shape, and every row pointing at a row that is not there (a mention of
 * a missing entity, a passage of a missing source). Pure over the rows.
 */
export function checkRows(rows: Record<CorpusTable, readonly unknown[]>): Checked<Corpus> {
  const problems: IntegrityProblem[] = [];
  const good = {} as Record<CorpusTable, Row[]>;
  for (const table of CORPUS_TABLES) {
    good[table] = [];
    rows[table].forEach((x, i) => {
      const r = isRow(x) ? x : null;
      const reason = r ? shapeProblem(table, r) : 'is not a record';
      const id = r && typeof r.id === 'string' ? r.id : `#${i}`;
      if (reason) problems.push({ table, id, origin: rowOrigin(table, r), reason });
      else if (r) good[table].push(r);
    });
  }
  // References count any row that is there: a damaged row is reported once, not through its rows.
  const ids = (t: CorpusTable) =>
    new Set(rows[t].flatMap((r) => (isRow(r) && typeof r.id === 'string' ? [r.id] : [])));
  const [sources, entities, claims] = [ids('sources'), ids('entities'), ids('claims')];
  const missing = (table: CorpusTable, r: Row, reason: string) =>
    problems.push({ table, id: r.id as string, origin: 'seed', reason });
  for (const p of good.passages)
    if (!sources.has(p.sourceId as string)) missing('passages', p, 'points at a missing source');
  for (const m of good.mentions) {
    if (!entities.has(m.entityId as string)) missing('mentions', m, 'points at a missing entity');
    else if (!sources.has(m.sourceId as string))
      missing('mentions', m, 'points at a missing source');
  }
  for (const c of good.claims)
    if (!sources.has(c.sourceId as string)) missing('claims', c, 'points at a missing source');
  for (const d of good.discrepancies)
    if (!(d.claimIds as string[]).every((id) => claims.has(id)))
      missing('discrepancies', d, 'points at a missing claim');
  return problems.length === 0
    ? { ok: true, value: good as unknown as Corpus }
    : { ok: false, problems: problems.map(describe) };
}

/** Only a reader's source row is theirs to lose; every other row is derived and rebuildable. */
function rowOrigin(table: CorpusTable, r: Row | null): 'seed' | 'user' {
  return table === 'sources' && r?.origin !== 'seed' ? 'user' : 'seed';
}

const describe = (p: IntegrityProblem) => JSON.stringify(p);
const parse = (s: string) => JSON.parse(s) as IntegrityProblem;

/**
 * A key the bundle must have. Valibot reports a missing key with the object's message; read as
 * null instead, a missing key fails its own schema and so says which part is missing.
 */
const present = <T, TIssue extends v.BaseIssue<unknown>>(
  schema: v.BaseSchema<unknown, T, TIssue>,
) => v.pipe(v.optional(v.unknown(), null), schema);

/** The bundle's corpus: every table there, then every row checked, each damaged row listed. */
const BundledCorpusSchema = v.pipe(
  v.custom<Row>(isRow, 'it has no corpus'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const corpus = dataset.value;
    const absent = CORPUS_TABLES.filter((t) => !Array.isArray(corpus[t]));
    if (absent.length > 0) {
      addIssue({ message: `it has no ${absent.join(', ')}` });
      return NEVER;
    }
    const rows = checkRows(corpus as Record<CorpusTable, unknown[]>);
    if (rows.ok) return rows.value;
    for (const p of rows.problems.map(parse))
      addIssue({ message: `${p.table} row ${p.id} ${p.reason}` });
    return NEVER;
  }),
);

/**
 * The bundled index (corpus-index.json): the seed corpus processed at build time. It is outside
 * input to the background, parsed once when read; `BundledIndex` is this schema's output.
 */
export const BundleSchema = v.object(
  {
    format: present(v.literal(BUNDLE_FORMAT, 'its format is unknown')),
    /** Content hash of the corpus: the background reloads seed rows when it changes. */
    version: present(v.pipe(v.string('it has no version'), v.nonEmpty('it has no version'))),
    corpus: present(BundledCorpusSchema),
    /**
     * The curated corrections the seeds were built with: the extension resolves the seeds and
     * the reader's sources together with them, so its build is the CLI's (null in older bundles).
     */
    overrides: v.pipe(
      v.optional(v.unknown(), null),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        if (dataset.value === null || dataset.value === undefined) return null;
        const overrides = parseOverrides(dataset.value);
        if (overrides === null) addIssue({ message: 'its curated corrections are unreadable' });
        return overrides ?? NEVER;
      }),
    ),
    /** Serialized Fuse indexes (Fuse.createIndex(...).toJSON()), so search starts without indexing. */
    fuse: present(
      v.custom<{ entities: unknown; passages: unknown }>(isRow, 'it has no search index'),
    ),
  },
  'it is not a JSON object',
);

/** The bundled index is outside input: its envelope and every row, checked once when read. */
export function validateBundle(x: unknown): Checked<BundledIndex> {
  const parsed = v.safeParse(BundleSchema, x);
  return parsed.success
    ? { ok: true, value: parsed.output }
    : { ok: false, problems: parsed.issues.map((i) => i.message) };
}

/** Thrown by the bundle reader so callers can tell a damaged package from a failed fetch. */
export class BundleDamagedError extends Error {
  constructor(problems: readonly string[]) {
    super(
      `Crosscheck's built-in corpus file is damaged (${problems.slice(0, 3).join('; ')}), so the built-in data could not be rebuilt. Your data was left as it was; reinstalling Crosscheck restores the file.`,
    );
    this.name = 'BundleDamagedError';
  }
}

function sourceLabel(r: unknown, id: string): string {
  const s = isRow(r) ? r : {};
  for (const k of ['title', 'outlet', 'url'] as const) if (str(s, k)) return s[k] as string;
  return id;
}

async function readRows(db: CrosscheckDB): Promise<Record<CorpusTable, unknown[]>> {
  // One read transaction: a change landing meanwhile (the check may run beside the reader's
  // requests) is seen whole or not at all, never as rows pointing at rows not yet read.
  const all = await db.transaction('r', [...CORPUS_TABLES.map((t) => db[t])], () =>
    Promise.all(CORPUS_TABLES.map((t) => db[t].toArray())),
  );
  return Object.fromEntries(CORPUS_TABLES.map((t, i) => [t, all[i]])) as Record<
    CorpusTable,
    unknown[]
  >;
}

/** The reader's source rows that cannot be read (reseeding keeps them as they are). */
export function isReadableSource(x: unknown): x is Source {
  return isRow(x) && shapeProblem('sources', x) === null;
}

/**
 * Loads the bundle when the database holds another version, then checks every row; damaged
 * built-in rows are rebuilt from the bundle. A damaged bundle leaves the database untouched.
 * Saves and returns the report when anything was found (null when all is well).
 */
export async function ensureIntact(
  db: CrosscheckDB,
  bundleVersion: string,
  getBundle: () => Promise<BundledIndex>,
): Promise<IntegrityReport | null> {
  let bundleProblem: string | null = null;
  const bundle = async (): Promise<BundledIndex | null> => {
    try {
      return await getBundle();
    } catch (e) {
      if (!(e instanceof BundleDamagedError)) throw e;
      bundleProblem = e.message;
      return null;
    }
  };
  if ((await db.meta.get(META_INDEX_VERSION))?.value !== bundleVersion) {
    const b = await bundle();
    if (b) await loadSeedIndex(db, b);
  }
  const first = checkRows(await readRows(db));
  const found = first.ok ? [] : first.problems.map(parse);
  const seedProblems = found.filter((p) => p.origin === 'seed');
  let repaired = false;
  let remaining = found;
  const b = seedProblems.length > 0 ? await bundle() : null;
  if (b) {
    await db.transaction('rw', [...CORPUS_TABLES.map((t) => db[t]), db.meta], async () => {
      // Rows too damaged to carry their origin go by id; the reseed rebuilds the rest.
      for (const p of seedProblems) await db[p.table].delete(p.id);
      await loadSeedIndex(db, b, { force: true });
    });
    const again = checkRows(await readRows(db));
    remaining = again.ok ? [] : again.problems.map(parse);
    repaired = remaining.every((p) => p.origin === 'user');
  }
  if (found.length === 0 && bundleProblem === null) return null;
  const userProblems = remaining.filter((p) => p.origin === 'user');
  const sourceRows = new Map(
    userProblems.length === 0
      ? []
      : ((await db.sources.bulkGet(userProblems.map((p) => p.id))) as unknown[]).map((r, i) => [
          userProblems[i]!.id,
          r,
        ]),
  );
  const unreadable = userProblems.map((p) => ({
    id: p.id,
    label: sourceLabel(sourceRows.get(p.id), p.id),
    reason: p.reason,
  }));
  // A repair the reader has not seen yet stays in the notice until dismissed.
  const earlier = await savedReport(db);
  const report: IntegrityReport =
    seedProblems.length === 0 && earlier && earlier.seedProblems > 0
      ? { ...earlier, unreadable, bundleProblem }
      : { seedProblems: seedProblems.length, repaired, unreadable, bundleProblem };
  await db.meta.put({ id: META_INTEGRITY_REPORT, value: JSON.stringify(report) });
  return report;
}

/** A row check scheduled at a worker's start, per database, until it is done. */
const running = new WeakMap<CrosscheckDB, { checked: Promise<unknown>; begin: () => void }>();

/**
 * How long a start's row check waits, unless the report is asked for sooner: the request that
 * woke the worker (the popup's first answers, read from kept snapshots) goes first, not behind
 * the reads of every row.
 */
export const CHECK_DELAY_MS = 1_000;

/**
 * At a service-worker start: a new bundle version is loaded and every row checked before this
 * returns (as `ensureIntact`); on any other start (the common one) the rows are checked after
 * the first answers (`delayMs`, or at once when the report is asked for), and `checked` says
 * when that is done. The report's reader (`readIntegrityReport`) waits for it, so the options
 * page says what it found; a repair is a write, which refreshes every answer kept from before
 * it (lib/service/read-cache.ts). `checkNow` starts a waiting check at once: for a caller that
 * met a row it cannot read before the check came.
 */
export async function checkAtStart(
  db: CrosscheckDB,
  bundleVersion: string,
  getBundle: () => Promise<BundledIndex>,
  delayMs = CHECK_DELAY_MS,
): Promise<{ checked: Promise<IntegrityReport | null>; checkNow: () => void }> {
  if ((await db.meta.get(META_INDEX_VERSION))?.value !== bundleVersion)
    return {
      checked: Promise.resolve(await ensureIntact(db, bundleVersion, getBundle)),
      checkNow: () => undefined,
    };
  let begin!: () => void;
  const started = new Promise<void>((ok) => (begin = ok));
  const timer = setTimeout(begin, delayMs);
  const checked = started.then(() => ensureIntact(db, bundleVersion, getBundle));
  const entry = {
    checked,
    begin: () => {
      clearTimeout(timer);
      begin();
    },
  };
  running.set(db, entry);
  const done = () => void (running.get(db) === entry && running.delete(db));
  checked.then(done, done);
  return { checked, checkNow: entry.begin };
}

async function savedReport(db: CrosscheckDB): Promise<IntegrityReport | null> {
  const row = await db.meta.get(META_INTEGRITY_REPORT);
  if (typeof row?.value !== 'string') return null;
  try {
    return JSON.parse(row.value) as IntegrityReport;
  } catch {
    return null;
  }
}

/** The last report saved, until the reader dismisses it (after a check under way ends). */
export async function readIntegrityReport(
  db: CrosscheckDB,
  { dismiss = false } = {},
): Promise<IntegrityReport | null> {
  const check = running.get(db);
  check?.begin();
  await check?.checked.catch(() => undefined);
  const row = await db.meta.get(META_INTEGRITY_REPORT);
  if (dismiss) await db.meta.delete(META_INTEGRITY_REPORT);
  if (typeof row?.value !== 'string') return null;
  try {
    return JSON.parse(row.value) as IntegrityReport;
  } catch {
    return null;
  }
}
