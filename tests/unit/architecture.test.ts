/**
 * The layer rules of ARCHITECTURE.md, checked on the import lines of every file that ships or
 * builds the extension (lib/, components/, entrypoints/; test files are exempt: they reach across
 * layers to build their fixtures). Imports are read with a regular expression, not a compiler, so
 * the check is fast and has no dependency; the parser's own cases are tested below.
 *
 * A rule broken on purpose is a KNOWN exception (file, target and why), never a silent pass; an
 * exception that no longer occurs fails too, so the list shrinks as the code is fixed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One import of one file: a project path (root-relative, no extension) or a package name. */
interface Import {
  spec: string;
  kind: 'project' | 'package';
  target: string;
}

// `import … from '…'` and `export … from '…'`, over several lines (named lists hold no quote or
// semicolon); a statement must start its line, so the examples inside doc comments (` * import`)
// are not read.
const FROM_RE = /^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm;
// `import './x.css'` (side effects only).
const BARE_RE = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
// `import('./x')` anywhere.
const DYNAMIC_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a source text imports, in order of kind, then position. */
function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const re of [FROM_RE, BARE_RE, DYNAMIC_RE])
    for (const m of source.matchAll(re)) if (m[1]) out.push(m[1]);
  return out;
}

const stripExtension = (p: string) => p.replace(/\.(?:tsx?|jsx?|mjs|css)(?:\?.*)?$/, '');

/** Resolves a specifier of `file` (root-relative) to a project path or a package. */
function resolveImport(file: string, spec: string): Import {
  if (spec.startsWith('.'))
    return {
      spec,
      kind: 'project',
      target: stripExtension(posix.normalize(posix.join(posix.dirname(file), spec))),
    };
  // The `@/` and `~/` aliases of WXT's tsconfig are the repository root.
  if (spec.startsWith('@/') || spec.startsWith('~/'))
    return { spec, kind: 'project', target: stripExtension(spec.slice(2)) };
  return { spec, kind: 'package', target: spec };
}

type Pred = (i: Import) => boolean;

/** A project folder or module, with or without its index: `lib/protocol` is `lib/protocol/…`. */
const proj =
  (...paths: string[]): Pred =>
  (i) =>
    i.kind === 'project' &&
    paths.some((p) => i.target === p || i.target.startsWith(`${p}/`) || i.target === `${p}/index`);
const pkg =
  (...names: string[]): Pred =>
  (i) =>
    i.kind === 'package' && names.some((n) => i.target === n || i.target.startsWith(`${n}/`));
const nodeBuiltin: Pred = (i) =>
  i.kind === 'package' &&
  (i.target.startsWith('node:') || builtinModules.includes(i.target.split('/')[0]!));
const anyOf =
  (...preds: Pred[]): Pred =>
  (i) =>
    preds.some((p) => p(i));
const not =
  (pred: Pred): Pred =>
  (i) =>
    !pred(i);

const PIPELINE = ['lib/corpus', 'lib/claims', 'lib/stories', 'lib/lang'];
const WIRE = ['lib/protocol', 'lib/rpc', 'lib/problems'];
const STORES = ['lib/settings-store', 'lib/dictionary-store'];
const SHARED = [
  'lib/types',
  'lib/host',
  'lib/hash',
  'lib/matcher',
  'lib/dictionary',
  'lib/settings',
  'lib/source-label',
  'lib/discrepancy-evidence',
  'lib/backup',
  'lib/intake',
];
const BACKGROUND_DATA = ['lib/db', 'lib/bundle', 'lib/search', 'lib/service'];

const inPaths =
  (...paths: string[]) =>
  (file: string) => {
    const f = stripExtension(file);
    return paths.some((p) => f === p || f.startsWith(`${p}/`));
  };

interface Rule {
  /** What ARCHITECTURE.md says, as the failure message shows it. */
  rule: string;
  from: (file: string) => boolean;
  forbid: (i: Import, file: string) => boolean;
}

/** The extension APIs, however they are reached (WXT also injects `browser` as a global). */
const EXTENSION_APIS = pkg('wxt', '#imports', 'webextension-polyfill', '@webext-core');
/** What must never ship in a page, and never in the pure layers either. */
const NODE_ONLY = anyOf(nodeBuiltin, proj('lib/node'), pkg('linkedom'));
const UI = anyOf(proj('components', 'entrypoints'), pkg('preact'));

const RULES: Rule[] = [
  {
    rule: 'the pipeline (lib/corpus, lib/claims, lib/stories, lib/lang) is pure: no service, page, wire protocol, database, search index, extension API, UI or Node',
    from: inPaths(...PIPELINE),
    forbid: anyOf(
      proj(...BACKGROUND_DATA, 'lib/page', ...WIRE.filter((w) => w !== 'lib/problems')),
      proj(...STORES, 'lib/intake', 'lib/backup', 'lib/dictionary'),
      pkg('dexie', 'fuse.js'),
      EXTENSION_APIS,
      NODE_ONLY,
      UI,
    ),
  },
  {
    // The schemas check requests against the same limits and defaults the code keeps elsewhere
    // (one home each), and are written with valibot.
    rule: 'lib/protocol imports nothing but lib/types, lib/problems, the limits, default settings and host key, and valibot',
    from: inPaths('lib/protocol'),
    forbid: not(
      anyOf(
        proj(
          'lib/protocol',
          'lib/types',
          'lib/problems',
          'lib/intake/limits',
          'lib/settings',
          'lib/host',
          'lib/hash',
        ),
        pkg('valibot'),
      ),
    ),
  },
  {
    rule: 'lib/rpc imports only lib/protocol and lib/problems',
    from: inPaths('lib/rpc'),
    forbid: not(proj('lib/protocol', 'lib/problems')),
  },
  {
    rule: 'lib/problems imports nothing but valibot (its issues become problems)',
    from: inPaths('lib/problems'),
    forbid: not(pkg('valibot')),
  },
  {
    rule: 'the page layer (lib/page) has no extension APIs, no service, database or messaging, and of the pipeline only the folding helper (lib/corpus/text) and the story measure (lib/stories/similarity: TF-IDF, cosine, threshold)',
    from: inPaths('lib/page'),
    forbid: anyOf(
      EXTENSION_APIS,
      proj(...BACKGROUND_DATA, ...STORES, 'lib/rpc', 'lib/intake', 'lib/backup'),
      (i) => proj(...PIPELINE)(i) && !proj('lib/corpus/text', 'lib/stories/similarity')(i),
      pkg('dexie', 'fuse.js'),
      NODE_ONLY,
      UI,
    ),
  },
  {
    rule: 'the service and the background data modules (lib/service, lib/db, lib/bundle, lib/search) have no extension APIs, no page layer, no transport (lib/rpc) and no UI',
    from: inPaths(...BACKGROUND_DATA),
    forbid: anyOf(EXTENSION_APIS, proj('lib/page', 'lib/rpc', ...STORES), NODE_ONLY, UI),
  },
  {
    rule: 'the shared helpers (lib/types, matcher, dictionary, settings, source-label, discrepancy-evidence, backup, lib/intake) reach neither the service, the database, the page layer, the transport nor extension APIs',
    from: inPaths(...SHARED),
    forbid: anyOf(
      EXTENSION_APIS,
      proj(...BACKGROUND_DATA, ...STORES, 'lib/rpc', 'lib/page'),
      pkg('dexie'),
      NODE_ONLY,
      UI,
    ),
  },
  {
    rule: 'in lib/, only the two storage adapters (lib/settings-store, lib/dictionary-store) import WXT, and only its storage',
    from: (f) => inPaths('lib')(f) && !inPaths('lib/node')(f),
    forbid: (i, file) =>
      EXTENSION_APIS(i) && !(inPaths(...STORES)(file) && i.target === 'wxt/utils/storage'),
  },
  {
    rule: 'nothing that ships imports lib/node, Node built-ins or linkedom',
    from: (f) => inPaths('lib', 'components', 'entrypoints')(f) && !inPaths('lib/node')(f),
    forbid: NODE_ONLY,
  },
  {
    rule: 'components reach the background through lib/protocol + lib/rpc only: no service, database, search index or pipeline',
    from: inPaths('components'),
    forbid: anyOf(
      proj(...BACKGROUND_DATA, ...PIPELINE),
      pkg('dexie', 'fuse.js'),
      proj('entrypoints'),
    ),
  },
  {
    rule: 'only the background entrypoint imports the service and the database; the content script, popup and options pages do not',
    from: inPaths('entrypoints/content', 'entrypoints/popup', 'entrypoints/options'),
    forbid: anyOf(proj(...BACKGROUND_DATA, ...PIPELINE), pkg('dexie', 'fuse.js')),
  },
];

/** Broken on purpose, each with why; remove a line when its import is gone. */
const KNOWN_EXCEPTIONS: ReadonlyArray<{ file: string; target: string; reason: string }> = [];

interface Violation {
  file: string;
  spec: string;
  target: string;
  rule: string;
}

/** Every rule broken by the given files' imports. */
function checkImports(files: ReadonlyArray<{ file: string; source: string }>): Violation[] {
  const out: Violation[] = [];
  for (const { file, source } of files) {
    for (const spec of importSpecifiers(source)) {
      const imp = resolveImport(file, spec);
      for (const r of RULES)
        if (r.from(file) && r.forbid(imp, file))
          out.push({ file, spec, target: imp.target, rule: r.rule });
    }
  }
  return out;
}

// WXT injects `browser` (and the browser has `chrome`) without an import line: the layers without
// extension APIs must not name them in code.
const GLOBAL_API_RE = /(?<![\w$.'"`-])(?:browser|chrome)\.[A-Za-z_$]/;
const codeLines = (source: string) =>
  source
    .split('\n')
    .filter((l) => !/^\s*(?:\*|\/\/|\/\*)/.test(l))
    .map((l) => l.replace(/\s\/\/.*$/, ''));

/** Lines of lib/ (not lib/node) that use the `browser` / `chrome` globals. */
function globalApiUses(
  files: ReadonlyArray<{ file: string; source: string }>,
): Array<{ file: string; line: string }> {
  return files
    .filter((f) => inPaths('lib')(f.file) && !inPaths('lib/node')(f.file))
    .flatMap((f) =>
      codeLines(f.source)
        .filter((l) => GLOBAL_API_RE.test(l))
        .map((line) => ({ file: f.file, line: line.trim() })),
    );
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.(?:test|spec)\.tsx?$/.test(entry.name))
      out.push(path);
  }
  return out;
}

const FILES = ['lib', 'components', 'entrypoints']
  .flatMap(sourceFiles)
  .map((file) => ({ file, source: readFileSync(join(ROOT, file), 'utf8') }));

const isKnown = (v: Violation) =>
  KNOWN_EXCEPTIONS.some((e) => e.file === v.file && e.target === v.target);

describe('the import reader', () => {
  test.each([
    ["import { a } from './a';", ['./a']],
    ["import type { A } from '../protocol';", ['../protocol']],
    ["import {\n  a,\n  type B,\n} from '@/lib/page/painter';", ['@/lib/page/painter']],
    ["export { x } from './x';\nexport type * from './data';", ['./x', './data']],
    ["import '@/components/popup/popup.css';", ['@/components/popup/popup.css']],
    ["const m = await import('./index');", ['./index']],
    [" * import { a } from './not-code';\n// import b from './nor-this';", []],
    ['export const LIMIT = 3;\nexport function f(from: string) { return from; }', []],
  ])('%j imports %j', (source, specs) => {
    expect(importSpecifiers(source)).toEqual(specs);
  });

  test.each([
    ['lib/settings.ts', './protocol', 'project', 'lib/protocol'],
    ['lib/page/identity.ts', '../corpus/text', 'project', 'lib/corpus/text'],
    ['components/Hovercard.tsx', '@/lib/protocol', 'project', 'lib/protocol'],
    ['components/x.tsx', '@/components/Hovercard.css?inline', 'project', 'components/Hovercard'],
    ['lib/db.ts', 'dexie', 'package', 'dexie'],
  ])('%s: %s is %s %s', (file, spec, kind, target) => {
    expect(resolveImport(file, spec)).toEqual({ spec, kind, target });
  });
});

describe('the rules catch what ARCHITECTURE.md forbids', () => {
  test.each([
    ['lib/protocol/data.ts', "import type { CardData } from '../service/card';"],
    ['lib/page/painter.ts', "import { browser } from 'wxt/browser';"],
    ['lib/page/walk.ts', "import { buildCard } from '../service/card';"],
    ['lib/page/walk.ts', "import { extractClaims } from '../claims';"],
    ['lib/corpus/clean.ts', "import { createHandlers } from '../service/handlers';"],
    ['lib/claims/align.ts', "import { hitTest } from '../page/controller';"],
    ['lib/stories/group.ts', "import type { Dictionary } from '../protocol';"],
    ['lib/rpc.ts', "import { CrosscheckDB } from './db';"],
    ['lib/service/card.ts', "import { createClient } from '../rpc';"],
    ['lib/service/card.ts', "import { storage } from 'wxt/utils/storage';"],
    ['lib/matcher.ts', "import { readFileSync } from 'node:fs';"],
    ['components/popup/PopupApp.tsx', "import { CrosscheckDB } from '@/lib/db';"],
    ['entrypoints/content/index.tsx', "import { buildCorpus } from '@/lib/corpus/pipeline';"],
  ])('%s: %s', (file, source) => {
    expect(checkImports([{ file, source }])).not.toEqual([]);
  });

  test.each([
    ['lib/settings-store.ts', "import { storage } from 'wxt/utils/storage';"],
    ['lib/page/identity.ts', "import { fold } from '../corpus/text';"],
    ['lib/protocol/index.ts', "import type { Source } from '../types';"],
    ['lib/service/handlers.ts', "import type { Handlers } from '../protocol';"],
    ['entrypoints/background.ts', "import { createHandlers } from '@/lib/service/handlers';"],
  ])('%s may: %s', (file, source) => {
    expect(checkImports([{ file, source }])).toEqual([]);
  });

  test('the `browser` global is found in code, not in comments or words', () => {
    const uses = globalApiUses([
      { file: 'lib/page/x.ts', source: 'await browser.runtime.sendMessage(m);' },
      { file: 'lib/page/y.ts', source: ' * (browser.tabs.sendMessage)\nconst a = 1; // chrome.x' },
      { file: 'lib/page/z.ts', source: "const s = 'the browser. Try again';" },
    ]);
    expect(uses.map((u) => u.file)).toEqual(['lib/page/x.ts']);
  });
});

describe('the code keeps its layers', () => {
  test('the files are read, and their imports with them', () => {
    const imports = FILES.flatMap((f) => importSpecifiers(f.source));
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES.map((f) => f.file)).toContain('lib/protocol/index.ts');
    expect(imports.length).toBeGreaterThan(300);
  });

  test('no import crosses a layer boundary (beyond the known exceptions)', () => {
    const unexpected = checkImports(FILES).filter((v) => !isKnown(v));
    expect(unexpected).toEqual([]);
  });

  test.each(KNOWN_EXCEPTIONS.map((e) => [e.file, e.target] as const))(
    'known exception %s -> %s still occurs (remove it from the list once fixed)',
    (file, target) => {
      const found = checkImports(FILES).filter((v) => v.file === file && v.target === target);
      expect(found.length).toBeGreaterThan(0);
    },
  );

  test('lib/ (outside lib/node) names no `browser` or `chrome` global', () => {
    expect(globalApiUses(FILES)).toEqual([]);
  });
});
