/**
 * Node-only, build time: a fingerprint of the code that derives rows from sources (the pipeline
 * and every module it imports, with the versions of the packages among them). The bundled
 * index's version mixes it in (lib/bundle.ts), so an update of that code is a new version even
 * when the seeds' output is unchanged: the database then derives the reader's rows again and
 * stops using claim analyses made by the old code (lib/corpus/stored-analyses.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint } from '../corpus/stored-analyses';

/** The repository's root (this file is lib/node/pipeline-fingerprint.ts). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the pipeline starts: whatever it imports is in the fingerprint. */
export const PIPELINE_ENTRY = 'lib/corpus/pipeline.ts';

/**
 * Static imports and re-exports (statements at a line's start, over several lines), side-effect
 * imports and dynamic imports with a literal specifier. (Not a parser: a word "from" in a string
 * of a lexicon must not count, hence the anchors.)
 */
const SPECIFIERS =
  /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** What npm accepts as a package name (anything else the pattern caught is not an import). */
const NPM_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** The file a relative specifier names (TypeScript's extensionless style), or null. */
function resolveRelative(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  if (base.endsWith('.js')) candidates.push(`${base.slice(0, -3)}.ts`);
  return candidates.find(isFile) ?? null;
}

/** A bare specifier's package name (`@scope/name/sub` -> `@scope/name`). */
const packageName = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

function packageVersion(root: string, name: string): string {
  try {
    const meta = JSON.parse(
      readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version?: unknown };
    return String(meta.version ?? '?');
  } catch {
    return '?';
  }
}

/**
 * `entry` (relative to `root`) and every file it imports, transitively, by path relative to
 * `root` (forward slashes) with their text, and the packages among the imports with their
 * installed versions. Tests are never imported by the pipeline, so editing one changes nothing.
 */
export function pipelineSources(
  root = ROOT,
  entry = PIPELINE_ENTRY,
): { files: Map<string, string>; packages: Map<string, string> } {
  const files = new Map<string, string>();
  const packages = new Map<string, string>();
  const queue = [resolve(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const key = relative(root, file).split(sep).join('/');
    if (files.has(key)) continue;
    const text = readFileSync(file, 'utf8');
    files.set(key, text);
    if (!/\.[cm]?[jt]sx?$/.test(file)) continue;
    for (const match of text.matchAll(SPECIFIERS)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (target) queue.push(target);
      } else if (!spec.startsWith('node:') && NPM_NAME.test(packageName(spec))) {
        const name = packageName(spec);
        packages.set(name, packageVersion(root, name));
      }
    }
  }
  return { files, packages };
}

/** The fingerprint of pipelineSources, in a fixed order: the same tree gives the same one. */
export function pipelineFingerprint(root = ROOT, entry = PIPELINE_ENTRY): string {
  const { files, packages } = pipelineSources(root, entry);
  const parts = [...files.keys()].sort().map((k) => `${k}\n${files.get(k)!}`);
  for (const name of [...packages.keys()].sort()) parts.push(`${name}@${packages.get(name)!}`);
  return fingerprint(parts.join('\u0000'));
}
