/** Node-only: reads a seed folder (articles + sources.json) into pipeline inputs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundledIndex, buildBundle } from '../bundle';
import { sourceIdFromFile } from '../corpus/ids';
import { type EntityOverrides, parseOverrides } from '../corpus/overrides';
import { pipelineFingerprint } from './pipeline-fingerprint';
import type { RawSource } from '../types';

interface SourcesFile {
  sources: Array<{
    file: string;
    outlet: string | null;
    title: string | null;
    url: string | null;
    published: string | null;
    language: string | null;
  }>;
}

function dirPath(dir: string | URL): string {
  return typeof dir === 'string' ? dir : fileURLToPath(dir);
}

export function loadSeedSources(dir: string | URL): RawSource[] {
  const root = dirPath(dir);
  const meta = JSON.parse(readFileSync(join(root, 'sources.json'), 'utf8')) as SourcesFile;
  return meta.sources.map((s) => ({
    id: sourceIdFromFile(s.file),
    file: s.file,
    outlet: s.outlet,
    title: s.title,
    url: s.url,
    published: s.published,
    language: s.language,
    text: readFileSync(join(root, s.file), 'utf8'),
    origin: 'seed' as const,
  }));
}

export function loadSeedOverrides(dir: string | URL): EntityOverrides | null {
  try {
    return parseOverrides(JSON.parse(readFileSync(join(dirPath(dir), 'entities.json'), 'utf8')));
  } catch {
    return null;
  }
}

/** The seeds' bundle, versioned with the fingerprint of this tree's pipeline. */
export function buildSeedBundle(dir: string | URL): BundledIndex {
  return buildBundle(loadSeedSources(dir), loadSeedOverrides(dir), pipelineFingerprint());
}
