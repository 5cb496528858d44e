import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Report } from './report';
import { main } from './cli';
import { seed, seedCorpus } from '../../tests/unit/fixtures/seed-corpus';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const code = main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('crosscheck report', () => {
  test('--json on the seed folder keeps the documented shape', () => {
    const { code, out } = run(['report', SEEDS, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as Report;
    expect(report.sources).toHaveLength(5);
    expect(Object.keys(report.sources[0]!)).toEqual([
      'id',
      'file',
      'outlet',
      'title',
      'url',
      'published',
      'language',
    ]);
    const noem = report.entities.find((e) => e.aliases.includes('Noem'))!;
    expect(noem).toMatchObject({ name: 'Kristi Noem', type: 'person' });
    expect(noem.mentions[0]).toEqual({
      source: expect.any(String),
      surface: expect.any(String),
      start: expect.any(Number),
      end: expect.any(Number),
    });
    // Offsets point into the cleaned text of their source.
    const text = new Map(seedCorpus({ withOverrides: false }).sources.map((s) => [s.id, s.text]));
    for (const e of report.entities)
      for (const m of e.mentions) expect(text.get(m.source)!.slice(m.start, m.end)).toBe(m.surface);
    expect(report.claims.length).toBeGreaterThan(50);
    for (const c of report.claims) expect(text.get(c.source)!.slice(c.start, c.end)).toBe(c.span);
    // Each discrepancy's claims carry their outlet and the exact sentence holding the span.
    const disagreements = report.discrepancies.filter((d) => !d.agreement);
    expect(disagreements.length).toBeGreaterThan(3);
    for (const d of disagreements) {
      expect(new Set(d.claims.map((c) => c.source)).size).toBeGreaterThanOrEqual(2);
      for (const c of d.claims) expect(c.sentence).toContain(c.span);
    }
  });

  test('Markdown by default, for a single text file', () => {
    const { code, out } = run(['report', join(SEEDS, seed(3).file!)]);
    expect(code).toBe(0);
    expect(out).toMatch(/^# Crosscheck report/);
    expect(out).toContain('### Laura Sarabia (person)');
  });

  test.each([
    [['report'], /usage/],
    [['frobnicate', SEEDS], /usage/],
    [['report', '/no/such/file.txt'], /cannot read \/no\/such\/file\.txt/],
  ])('bad arguments %j: message on stderr, exit 1', (args, message) => {
    const { code, out, err } = run(args);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  test.each([
    ['empty.txt', '   \n'],
    ['boilerplate.txt', 'Credit: AP\n\nicon to expand image\n'],
    ['nothing.html', '<html><body><nav>Home</nav></body></html>'],
  ])('unusable input %s: clear message, exit 1', (name, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-'));
    writeFileSync(join(dir, name), content);
    const { code, err } = run(['report', join(dir, name)]);
    expect(code).toBe(1);
    expect(err).toMatch(/crosscheck: .*(empty|no article text)/);
  });
});
