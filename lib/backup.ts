/**
 * The export file: the reader's own sources (their cleaned text and metadata), the on/off state
 * of the built-in sources, and the settings, in one versioned JSON document. Importing validates
 * every part before anything changes; a file with any bad record is refused as a whole.
 */
import { checkMetadata, checkText } from './intake/draft';
import { type Result, fail, ok } from './problems';
import { DEFAULT_SETTINGS } from './settings';
import { ENTITY_TYPES, type EntityType, type Source } from './types';
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
}

export function createBackup(
  sources: readonly Source[],
  settings: Settings,
  now: Date = new Date(),
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
  };
}

export function backupFileName(now: Date = new Date()): string {
  return `crosscheck-backup-${now.toISOString().slice(0, 10)}.json`;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const HOSTNAME = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$/;

function hostList(v: unknown, name: string): Result<string[]> {
  if (!Array.isArray(v) || v.some((h) => typeof h !== 'string')) {
    return fail('backup-schema', `Settings: “${name}” must be a list of site names.`);
  }
  const out: string[] = [];
  for (const h of v as string[]) {
    const host = h
      .trim()
      .toLowerCase()
      .replace(/^www\./, '');
    if (!HOSTNAME.test(host)) {
      return fail('backup-schema', `Settings: “${h.slice(0, 60)}” in ${name} is not a site name.`);
    }
    if (!out.includes(host)) out.push(host);
  }
  return ok(out);
}

/** Validates settings from a file; missing fields take their defaults. */
export function checkSettings(input: unknown): Result<Settings> {
  if (!isObject(input)) return fail('backup-schema', 'The file has no settings object.');
  const s: Settings = { ...DEFAULT_SETTINGS };
  const bad = (what: string) => fail('backup-schema', `Settings: ${what}.`);
  if ('hoverDelayMs' in input) {
    const v = input.hoverDelayMs;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 5000)
      return bad('“hoverDelayMs” must be a number of milliseconds between 0 and 5000');
    s.hoverDelayMs = Math.round(v);
  }
  if ('highlightStyle' in input) {
    const v = input.highlightStyle;
    if (v !== 'dotted' && v !== 'solid' && v !== 'background' && v !== 'none')
      return bad('“highlightStyle” must be dotted, solid, background or none');
    s.highlightStyle = v;
  }
  if ('types' in input) {
    const v = input.types;
    if (!Array.isArray(v) || v.some((t) => !ENTITY_TYPES.includes(t as EntityType)))
      return bad(`“types” must list entity types among ${ENTITY_TYPES.join(', ')}`);
    s.types = [...new Set(v as EntityType[])];
  }
  if ('mentions' in input) {
    const v = input.mentions;
    if (v !== 'all' && v !== 'first-per-paragraph')
      return bad('“mentions” must be all or first-per-paragraph');
    s.mentions = v;
  }
  if ('scope' in input) {
    const v = input.scope;
    if (v !== 'article' && v !== 'page') return bad('“scope” must be article or page');
    s.scope = v;
  }
  if ('theme' in input) {
    const v = input.theme;
    if (v !== 'system' && v !== 'light' && v !== 'dark')
      return bad('“theme” must be system, light or dark');
    s.theme = v;
  }
  for (const key of ['disabledSites', 'enabledSites'] as const) {
    if (key in input) {
      const list = hostList(input[key], key);
      if (!list.ok) return list;
      s[key] = list.value;
    }
  }
  return ok(s);
}

function checkRecord(r: unknown): Result<BackupSource> {
  if (!isObject(r)) return fail('backup-records', 'it is not an object');
  if (typeof r.id !== 'string' || !/^user-[\w.:-]{1,120}$/.test(r.id))
    return fail('backup-records', 'its “id” is missing or not a user source id (“user-…”)');
  if (typeof r.text !== 'string') return fail('backup-records', 'its “text” is missing');
  const text = checkText(r.text);
  if (!text.ok) return fail('backup-records', lowerFirst(text.problem.message));
  const meta = checkMetadata(r);
  if (!meta.ok) return fail('backup-records', lowerFirst(meta.problem.message));
  if (typeof r.enabled !== 'boolean')
    return fail('backup-records', '“enabled” must be true or false');
  if (typeof r.addedAt !== 'number' || !Number.isFinite(r.addedAt) || r.addedAt < 0)
    return fail('backup-records', '“addedAt” must be a time in milliseconds');
  return ok({ id: r.id, text: text.value, ...meta.value, enabled: r.enabled, addedAt: r.addedAt });
}

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
  if (!isObject(json) || json.format !== BACKUP_FORMAT) {
    return fail(
      'backup-schema',
      'That JSON file is not a Crosscheck backup (it lacks "format": "crosscheck-backup"). Choose the file that “Export” saved.',
    );
  }
  if (typeof json.version !== 'number' || !Number.isInteger(json.version) || json.version < 1) {
    return fail('backup-version', 'The backup has no valid version number; export it again.');
  }
  if (json.version > BACKUP_VERSION) {
    return fail(
      'backup-version',
      `The backup is version ${json.version}, made by a newer Crosscheck; this one reads version ${BACKUP_VERSION}. Update Crosscheck, then import it.`,
    );
  }
  if (!Array.isArray(json.sources)) {
    return fail('backup-schema', 'The backup has no list of sources; export it again.');
  }
  const settings = checkSettings(json.settings ?? {});
  if (!settings.ok) return settings;

  const sources: BackupSource[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  json.sources.forEach((r, i) => {
    const checked = checkRecord(r);
    const name =
      isObject(r) && typeof r.title === 'string' && r.title ? ` (“${r.title.slice(0, 50)}”)` : '';
    if (!checked.ok) errors.push(`record ${i + 1}${name}: ${checked.problem.message}`);
    else if (ids.has(checked.value.id))
      errors.push(`record ${i + 1}${name}: its id appears twice in the file`);
    else {
      ids.add(checked.value.id);
      sources.push(checked.value);
    }
  });
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((e) => `• ${e}`);
    if (errors.length > 5) shown.push(`• … and ${errors.length - 5} more`);
    return fail(
      'backup-records',
      `${errors.length} of ${json.sources.length} sources in the file are invalid, so nothing was imported:\n${shown.join('\n')}\nFix or remove them, or export the file again.`,
    );
  }
  const seedSources: Backup['seedSources'] = [];
  if (Array.isArray(json.seedSources)) {
    for (const s of json.seedSources) {
      if (!isObject(s) || typeof s.id !== 'string' || typeof s.enabled !== 'boolean') {
        return fail(
          'backup-schema',
          'The list of built-in sources (“seedSources”) is malformed; export the file again.',
        );
      }
      seedSources.push({ id: s.id, enabled: s.enabled });
    }
  }
  return ok({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: typeof json.exportedAt === 'string' ? json.exportedAt : '',
    settings: settings.value,
    sources,
    seedSources,
  });
}
