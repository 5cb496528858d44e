/**
 * `npm run crosscheck -- report <file|dir>... [--json]`
 * Runs the corpus pipeline in Node on text or HTML files and prints the report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceIdFromFile } from '../corpus/ids';
import { buildCorpus } from '../corpus/pipeline';
import { buildReport, reportToMarkdown } from './report';
import type { RawSource } from '../types';
import { htmlToArticle } from './html';
import { loadSeedOverrides, loadSeedSources } from './seeds';

const USAGE = 'usage: npm run crosscheck -- report <file|dir>... [--json]';
const TEXT_EXT = new Set(['.txt', '.md', '.text']);
const HTML_EXT = new Set(['.html', '.htm']);

class InputError extends Error {}

function readSource(path: string): RawSource {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (!raw.trim()) throw new InputError(`${path} is empty`);
  const file = basename(path);
  const base: RawSource = {
    id: sourceIdFromFile(file).replace(/^seed-/, ''),
    file,
    outlet: null,
    title: null,
    url: null,
    published: null,
    language: null,
    text: raw,
    origin: 'user',
  };
  if (!HTML_EXT.has(extname(path).toLowerCase())) return base;
  const article = htmlToArticle(raw);
  if (!article || article.text.length < 200)
    throw new InputError(`${path}: no article text found in this HTML page`);
  return {
    ...base,
    outlet: article.siteName,
    title: article.title,
    published: article.published,
    language: article.language,
    text: article.text,
  };
}

function collect(path: string): { sources: RawSource[]; overridesDir: string | null } {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`cannot read ${path}: no such file or directory`);
  }
  if (!st.isDirectory()) return { sources: [readSource(path)], overridesDir: null };
  // A folder with sources.json (like seeds/) carries its own metadata.
  try {
    statSync(join(path, 'sources.json'));
    return { sources: loadSeedSources(path), overridesDir: path };
  } catch {
    const files = readdirSync(path)
      .filter(
        (f) => TEXT_EXT.has(extname(f).toLowerCase()) || HTML_EXT.has(extname(f).toLowerCase()),
      )
      .sort();
    if (files.length === 0) throw new InputError(`${path} has no .txt, .md or .html files`);
    return { sources: files.map((f) => readSource(join(path, f))), overridesDir: null };
  }
}

export function main(argv: string[]): number {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  if (args[0] !== 'report' || args.length < 2) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  try {
    const collected = args.slice(1).map(collect);
    const sources = collected.flatMap((c) => c.sources);
    const overridesDir = collected.find((c) => c.overridesDir)?.overridesDir;
    const corpus = buildCorpus(sources, overridesDir ? loadSeedOverrides(overridesDir) : null);
    const empty = corpus.sources.filter((s) => !s.text.trim());
    if (empty.length)
      throw new InputError(
        `no article text left after cleaning in: ${empty.map((s) => s.file ?? s.id).join(', ')}`,
      );
    const report = buildReport(corpus);
    process.stdout.write(
      json ? `${JSON.stringify(report, null, 2)}\n` : `${reportToMarkdown(report)}\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`crosscheck: ${e.message}\n`);
    return 1;
  }
}

// Run only as a script, so tests can import main().
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
