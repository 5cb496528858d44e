/**
 * `npm run bench:node`: the content script's matcher against the mark.js-style baseline (one regex
 * per alias), on the visible text of the real pages in tests/fixtures, with dictionaries of
 * 100, 1,000 and 10,000 aliases (the corpus's own aliases plus generated two-word names).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { compileMatcher } from '../../lib/matcher';

const FIXTURES = resolve('tests/fixtures');

function pageTexts(): Array<{ name: string; nodes: string[] }> {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const { document } = parseHTML(readFileSync(resolve(FIXTURES, f), 'utf8'));
      for (const el of document.querySelectorAll('script, style, noscript, template, svg'))
        el.remove();
      const nodes: string[] = [];
      const walk = (n: Node) => {
        for (const c of n.childNodes) {
          if (c.nodeType === 3) {
            const t = (c as Text).data;
            if (t.trim().length >= 2) nodes.push(t);
          } else walk(c);
        }
      };
      walk(document.body as unknown as Node);
      return { name: f.replace(/\.html$/, ''), nodes };
    });
}

const REAL = [
  'Kristi Noem',
  'Noem',
  'Gustavo Petro',
  'Petro',
  'Laura Sarabia',
  'Sarabia',
  'Donald Trump',
  'Trump',
  'Bogotá',
  'El Salvador',
  'Darién Gap',
  'CECOT',
  'United States',
  'U.S.',
  'Washington',
  'White House',
  'Twitter',
  'Mexico',
  'Colombia',
  'Latin America',
  'Supreme Court',
  'Joe Biden',
];

function dictionary(size: number): Array<[string, string]> {
  const out: Array<[string, string]> = REAL.map((a, i) => [a, `e${i}`]);
  const first = [
    'Ana',
    'Bruno',
    'Carla',
    'Dario',
    'Elena',
    'Fabio',
    'Gala',
    'Hugo',
    'Ines',
    'Joel',
  ];
  const last = ['Alvarez', 'Berg', 'Costa', 'Dumont', 'Eriksen', 'Ferrer', 'Gomez', 'Holm'];
  let i = 0;
  while (out.length < size) {
    const name = `${first[i % first.length]}${Math.floor(i / 80) || ''} ${last[Math.floor(i / 10) % last.length]}${i}`;
    out.push([name, `g${i}`]);
    i++;
  }
  return out.slice(0, size);
}

/** The baseline: one case-insensitive whole-word regex per alias, run over every text node. */
function regexBaseline(aliases: Array<[string, string]>) {
  const res = aliases.map(
    ([a]) => new RegExp(`\\b${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi'),
  );
  return (text: string) => {
    let n = 0;
    for (const re of res) {
      re.lastIndex = 0;
      while (re.exec(text)) n++;
    }
    return n;
  };
}

function time(fn: () => void, minMs = 200): number {
  fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const pages = pageTexts();
const allNodes = pages.flatMap((p) => p.nodes);
const chars = allNodes.reduce((s, t) => s + t.length, 0);
console.log(`Text of ${pages.length} real pages: ${allNodes.length} text nodes, ${chars} chars\n`);
console.log(
  '| aliases | compile (ms) | automaton, all pages (ms) | regex per alias, all pages (ms) | speed-up |',
);
console.log('|---:|---:|---:|---:|---:|');
for (const size of [100, 1_000, 10_000]) {
  const dict = dictionary(size);
  const t0 = performance.now();
  const matcher = compileMatcher(dict);
  const compileMs = performance.now() - t0;
  const auto = time(() => {
    for (const t of allNodes) matcher.find(t);
  });
  const baseline = regexBaseline(dict);
  const regex = time(
    () => {
      for (const t of allNodes) baseline(t);
    },
    size >= 10_000 ? 1 : 200,
  );
  console.log(
    `| ${size.toLocaleString('en')} | ${compileMs.toFixed(1)} | ${auto.toFixed(1)} | ${regex.toFixed(0)} | ${(regex / auto).toFixed(0)}× |`,
  );
}

console.log('\nPer page, 1,000 aliases (matcher only, no DOM):\n');
console.log('| page | text nodes | chars | matches | scan (ms) |');
console.log('|---|---:|---:|---:|---:|');
const m1k = compileMatcher(dictionary(1_000));
for (const p of pages) {
  let matches = 0;
  for (const t of p.nodes) matches += m1k.find(t).length;
  const ms = time(() => {
    for (const t of p.nodes) m1k.find(t);
  }, 100);
  const c = p.nodes.reduce((s, t) => s + t.length, 0);
  console.log(`| ${p.name} | ${p.nodes.length} | ${c} | ${matches} | ${ms.toFixed(2)} |`);
}
