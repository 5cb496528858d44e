/**
 * The export file: the reader's own sources (their cleaned text and metadata), the on/off state
 * of the built-in sources, the reader's corrections of the entities, and the settings, in one versioned JSON document. Importing validates
 * every part before anything changes; a file with any bad record is refused as a whole.
 */
import * as v from 'valibot';
import { type Correction, parseCorrections } from './corpus/corrections';
import { formatBytes, LIMITS } from './intake/limits';
import { fail, ok, parseAs, type Result, says } from './problems';
import { MetadataSchema, SettingsSchema, TextSchema } from './protocol/schemas';
import type { Source } from './types';
import type { Settings } from './protocol';

export const BACKUP_FORMAT = 'crosscheck-backup';
export const BACKUP_VERSION = 1;

export interface BackupSource {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  text: string;
  enabled: boolean;
  addedAt: number;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  settings: Settings;
  sources: BackupSource[];
  /** Built-in sources the reader switched off (or on). */
  seedSources: Array<{ id: string; enabled: boolean }>;
  /** The reader's corrections of the entities (lib/corpus/corrections.ts). */
  corrections: Correction[];
}

export function createBackup(
  sources: readonly Source[],
  settings: Settings,
  now: Date = new Date(),
  corrections: readonly Correction[] = [],
): Backup {
  const user = sources.filter((s) => s.origin === 'user').sort((a, b) => a.addedAt - b.addedAt);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    settings,
    sources: user.map((s) => ({
      id: s.id,
      title: s.title,
      outlet: s.outlet,
      url: s.url,
      published: s.published,
      language: s.language,
      text: s.text,
      enabled: s.enabled,
      addedAt: s.addedAt,
    })),
    seedSources: sources
      .filter((s) => s.origin === 'seed')
      .map((s) => ({ id: s.id, enabled: s.enabled })),
    corrections: corrections.map(({ kind, names, other, at }) => ({ kind, names, other, at })),
  };
}

export function backupFileName(now: Date = new Date()): string {
  return `crosscheck-backup-${now.toISOString().slice(0, 10)}.json`;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates settings from a file; missing fields take their defaults. */
export function checkSettings(input: unknown): Result<Settings> {
  return parseAs(SettingsSchema, input, 'backup-schema');
}

const record = (what: string) => says('backup-records', what);

/** One of the reader's sources in the file (each is checked alone, so every bad one is named). */
const BackupSourceSchema = v.object(
  {
    id: v.pipe(
      v.string(record('its “id” is missing or not a user source id (“user-…”)')),
      v.regex(
        /^user-[\w.:-]{1,120}$/,
        record('its “id” is missing or not a user source id (“user-…”)'),
      ),
    ),
    text: v.pipe(v.string(record('its “text” is missing')), TextSchema),
    ...MetadataSchema.entries,
    enabled: v.boolean(record('“enabled” must be true or false')),
    addedAt: v.pipe(
      v.number(record('“addedAt” must be a time in milliseconds')),
      v.finite(record('“addedAt” must be a time in milliseconds')),
      v.minValue(0, record('“addedAt” must be a time in milliseconds')),
    ),
  },
  record('it is not an object'),
);

const notBackup = says(
  'backup-schema',
  'That JSON file is not a Crosscheck backup (it lacks "format": "crosscheck-backup"). Choose the file that “Export” saved.',
);
const noVersion = says(
  'backup-version',
  'The backup has no valid version number; export it again.',
);
const malformedSeeds = says(
  'backup-schema',
  'The list of built-in sources (“seedSources”) is malformed; export the file again.',
);

/** The file as a whole; its records are checked one by one after it (BackupSourceSchema). */
const BackupFileSchema = v.object(
  {
    format: v.literal(BACKUP_FORMAT, notBackup),
    version: v.pipe(
      v.number(noVersion),
      v.integer(noVersion),
      v.minValue(1, noVersion),
      v.maxValue(BACKUP_VERSION, (issue) =>
        says(
          'backup-version',
          `The backup is version ${String(issue.input)}, made by a newer Crosscheck; this one reads version ${BACKUP_VERSION}. Update Crosscheck, then import it.`,
        ),
      ),
    ),
    sources: v.array(
      v.unknown(),
      says('backup-schema', 'The backup has no list of sources; export it again.'),
    ),
    settings: v.optional(SettingsSchema, {}),
    seedSources: v.optional(
      v.array(
        v.object(
          { id: v.string(malformedSeeds), enabled: v.boolean(malformedSeeds) },
          malformedSeeds,
        ),
        malformedSeeds,
      ),
      [],
    ),
    exportedAt: v.fallback(v.string(), ''),
    // Files made before corrections existed have none.
    corrections: v.optional(v.unknown(), []),
  },
  notBackup,
);

/**
 * What the page checks before reading a chosen file: its size (known without reading it) and
 * its first characters (a backup is a JSON object). A huge or foreign file is refused at once,
 * without reading it whole or sending it to the background.
 */
export function checkBackupFile(size: number, head: string): Result<null> {
  if (size > LIMITS.maxBackupBytes) {
    return fail(
      'too-large',
      `That file is ${formatBytes(size)}; a Crosscheck backup is under ${formatBytes(LIMITS.maxBackupBytes)}. Choose the .json file that “Export” saved.`,
    );
  }
  if (!head.trimStart().startsWith('{')) {
    return fail(
      'backup-not-json',
      'That file is not JSON, so it is not a Crosscheck backup. Choose the .json file that “Export” saved.',
    );
  }
  return ok(null);
}

/** How much of a file `checkBackupFile` needs to see. */
export const BACKUP_HEAD_BYTES = 1024;

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Parses and validates a backup file's text. Any problem refuses the whole file with a message
 * that names it (and, for records, which ones and why).
 */
export function parseBackup(text: string): Result<Backup> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(
      'backup-not-json',
      'That file is not JSON, so it is not a Crosscheck backup. Choose the .json file that “Export” saved.',
    );
  }
  const file = parseAs(BackupFileSchema, json, 'backup-schema');
  if (!file.ok) return file;

  const sources: BackupSource[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  file.value.sources.forEach((r, i) => {
    const checked = parseAs(BackupSourceSchema, r, 'backup-records');
    const name =
      isObject(r) && typeof r.title === 'string' && r.title ? ` (“${r.title.slice(0, 50)}”)` : '';
    if (!checked.ok) errors.push(`record ${i + 1}${name}: ${lowerFirst(checked.problem.message)}`);
    else if (ids.has(checked.value.id))
      errors.push(`record ${i + 1}${name}: its id appears twice in the file`);
    else {
      ids.add(checked.value.id);
      sources.push(checked.value);
    }
  });
  const corrections = parseCorrections(file.value.corrections);
  if (!corrections.ok)
    return fail(
      'backup-schema',
      `The reader's corrections in the file are malformed (${lowerFirst(corrections.message)}); nothing was imported. Export the file again.`,
    );
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((e) => `• ${e}`);
    if (errors.length > 5) shown.push(`• … and ${errors.length - 5} more`);
    return fail(
      'backup-records',
      `${errors.length} of ${file.value.sources.length} sources in the file are invalid, so nothing was imported:\n${shown.join('\n')}\nFix or remove them, or export the file again.`,
    );
  }
  return ok({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: file.value.exportedAt,
    settings: file.value.settings,
    sources,
    seedSources: file.value.seedSources,
    corrections: corrections.value,
  });
}
