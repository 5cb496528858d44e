/**
 * The pipeline's fingerprint (lib/node/pipeline-fingerprint.ts) follows the pipeline's imports:
 * it changes with any file the entry reaches or any package version among them, and with
 * nothing else, and the same tree always gives the same one.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PIPELINE_ENTRY, pipelineFingerprint, pipelineSources } from './pipeline-fingerprint';

describe('the fingerprint of the pipeline in this tree', () => {
  const { files } = pipelineSources();

  test('reaches every stage of the pipeline, and no test', () => {
    for (const stage of [
      PIPELINE_ENTRY,
      'lib/corpus/clean.ts',
      'lib/corpus/entities/index.ts',
      'lib/claims/index.ts',
      'lib/stories/index.ts',
      'lib/lang/en.ts',
    ])
      expect(files.has(stage), stage).toBe(true);
    expect([...files.keys()].filter((f) => f.includes('.test.'))).toEqual([]);
  });

  test('is the same each time', () => {
    expect(pipelineFingerprint()).toBe(pipelineFingerprint());
    expect(pipelineFingerprint()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the fingerprint of a small tree', () => {
  const root = mkdtempSync(join(tmpdir(), 'pipeline-fingerprint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'lib/corpus/pipeline.ts',
    "import {\n  a,\n  b,\n} from './stage';\nexport * from '../words';\nexport const c = a + b;\n",
  );
  write('lib/corpus/stage/index.ts', "import 'tiny-pkg/sub';\nexport const a = 1, b = 2;\n");
  write('lib/words.ts', "export const phrase = 'what came from \\'elsewhere\\' today';\n");
  write('lib/corpus/unused.ts', 'export const d = 4;\n');
  write('lib/corpus/pipeline.test.ts', "import { c } from './pipeline';\n");
  write('node_modules/tiny-pkg/package.json', '{"version":"1.0.0"}');

  test('lists what the entry imports, through multi-line imports, re-exports and folders', () => {
    const { files, packages } = pipelineSources(root);
    expect([...files.keys()].sort()).toEqual([
      'lib/corpus/pipeline.ts',
      'lib/corpus/stage/index.ts',
      'lib/words.ts',
    ]);
    // A quoted word after "from" in a string is not an import.
    expect([...packages]).toEqual([['tiny-pkg', '1.0.0']]);
  });

  test.each([
    ['a file imported two steps away', 'lib/corpus/stage/index.ts', "import 'tiny-pkg';\n"],
    ['a re-exported file', 'lib/words.ts', "export const phrase = 'other';\n"],
    ['a package version', 'node_modules/tiny-pkg/package.json', '{"version":"1.0.1"}'],
  ])('changes with %s', (_, path, text) => {
    // Against the fingerprint right before this case's own write (the writes add up).
    const now = pipelineFingerprint(root);
    write(path, text);
    expect(pipelineFingerprint(root)).not.toBe(now);
  });

  test('does not change with a file the pipeline does not import, or a test', () => {
    const now = pipelineFingerprint(root);
    write('lib/corpus/unused.ts', 'export const d = 5;\n');
    write('lib/corpus/pipeline.test.ts', "import { c } from './pipeline';\nvoid c;\n");
    expect(pipelineFingerprint(root)).toBe(now);
  });
});
