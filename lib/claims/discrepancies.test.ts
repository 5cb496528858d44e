/** The engine over the five seed articles: what a careful reader would flag, and what not. */
import { beforeAll, describe, expect, test } from 'vitest';
import { nonEmpty } from '../../tests/unit/fixtures/non-empty';
import { seedCorpus } from '../../tests/unit/fixtures/seed-corpus';
import type { Claim, Corpus, Discrepancy } from '../types';

let corpus: Corpus;
let claims: Map<string, Claim>;

beforeAll(() => {
  corpus = seedCorpus({ withOverrides: true });
  claims = new Map(corpus.claims.map((c) => [c.id, c]));
});

function spansOf(d: Discrepancy): string[] {
  return d.claimIds.map((id) => claims.get(id)!.span);
}

function find(
  kind: Discrepancy['kind'],
  pred: (d: Discrepancy) => boolean,
): Discrepancy | undefined {
  return corpus.discrepancies.find((d) => d.kind === kind && !d.agreement && pred(d));
}

describe('discrepancies on the seeds', () => {
  test('the time Noem met Petro: “Thursday evening” vs “afternoon”', () => {
    const d = find(
      'time',
      (x) => x.entityIds.includes('kristi-noem') && x.entityIds.includes('gustavo-petro'),
    );
    expect(d).toBeDefined();
    expect(spansOf(d!)).toEqual(expect.arrayContaining(['Thursday evening', 'afternoon']));
    expect(d!.topic).toMatch(/Noem met Petro/);
  });

  test('how outlets describe Petro: leftist / far-left / Socialist', () => {
    const d = find('descriptor', (x) => x.entityIds.includes('gustavo-petro'));
    expect(d).toBeDefined();
    const evaluative = d!.claimIds.map((id) => claims.get(id)!.detail.evaluative);
    expect(evaluative).toEqual(expect.arrayContaining(['leftist', 'far-left', 'socialist']));
  });

  test.each([
    ['kristi-noem', 'enhance'],
    ['laura-sarabia', 'effectively'],
  ])('a quote by %s worded differently (%s)', (speaker, word) => {
    const d = find('quote', (x) => x.entityIds.includes(speaker));
    expect(d).toBeDefined();
    expect(d!.reason).toContain(word);
    expect(new Set(d!.claimIds.map((id) => claims.get(id)!.sourceId)).size).toBeGreaterThanOrEqual(
      2,
    );
  });

  test('the signed document: letter of intent vs memorandum of understanding', () => {
    const d = find('label', () => true);
    const labels = new Set(d!.claimIds.map((id) => claims.get(id)!.value));
    expect(labels).toEqual(
      new Set(['letter of intent', 'declaration of intent', 'memorandum of understanding']),
    );
  });

  test('every discrepancy cites claims from at least two outlets, with their exact sentences', () => {
    const passages = new Map(corpus.passages.map((p) => [p.id, p]));
    for (const d of nonEmpty(corpus.discrepancies, 'discrepancies')) {
      const cs = d.claimIds.map((id) => claims.get(id)!);
      expect(new Set(cs.map((c) => c.sourceId)).size).toBeGreaterThanOrEqual(2);
      for (const c of cs) {
        const source = corpus.sources.find((s) => s.id === c.sourceId)!;
        expect(passages.get(c.passageId)!.text).toBe(
          source.text.slice(passages.get(c.passageId)!.start, passages.get(c.passageId)!.end),
        );
        // The span is the exact text at its offsets (the CLI and popup mark it in the sentence).
        expect(source.text.slice(c.start, c.end)).toBe(c.span);
      }
    }
  });

  test.each([
    ['25% tariff', '25%'],
    ['3,788 nationals', 'nearly 30,000 Colombians'],
    ['15 deportation flights', '1,500 nationals'],
    ['four years', 'more than 200 years'],
  ])('unrelated figures are not paired: “%s” / “%s”', (a, b) => {
    const paired = corpus.discrepancies.some((d) => {
      const spans = d.kind === 'quantity' ? spansOf(d) : [];
      return spans.includes(a) && spans.includes(b);
    });
    expect(paired).toBe(false);
  });

  test('agreement is kept: outlets that report the same deportation figure', () => {
    const d = corpus.discrepancies.find(
      (x) => x.agreement && x.kind === 'quantity' && spansOf(x).some((s) => /1,700/.test(s)),
    );
    expect(d).toBeDefined();
  });

  test.each([['more than 200 years'], ['over 1,700 deportations']])(
    'no attribution conflict over “%s”: two statements, or two people who both said it',
    (figure) => {
      const flagged = corpus.discrepancies.filter(
        (d) =>
          d.kind === 'attribution' &&
          !d.agreement &&
          d.claimIds.some((id) => claims.get(id)!.detail.targetSpan === figure),
      );
      expect(flagged).toEqual([]);
    },
  );

  test('a description quoted as a list, worded differently by two outlets', () => {
    const d = find('quote', (x) => spansOf(x).includes('open, frank, and productive.'));
    expect(d).toBeDefined();
    expect(spansOf(d!).some((s) => s.startsWith('an honest, frank and friendly'))).toBe(true);
    expect(d!.entityIds).toContain('laura-sarabia');
  });

  test('how many flights were turned back: “a … flight” vs “two … planes”', () => {
    const d = find('quantity', (x) => spansOf(x).includes('a U.S. deportation flight'));
    expect(d).toBeDefined();
    expect(spansOf(d!)).toEqual(expect.arrayContaining(['two military planes']));
  });

  test('ranking puts disagreements before agreements', () => {
    const firstAgreement = corpus.discrepancies.findIndex((d) => d.agreement);
    expect(corpus.discrepancies.slice(firstAgreement).every((d) => d.agreement)).toBe(true);
  });
});

describe('determinism', () => {
  test('the same claims in another order give the same ranked list', async () => {
    const { findDiscrepancies } = await import('./index');
    const reversed = findDiscrepancies(
      [...corpus.claims].reverse(),
      [...corpus.sources].reverse(),
      corpus.entities,
      [...corpus.passages].reverse(),
    );
    // The corpus's rows also name their story (lib/stories); the seeds are one story.
    expect(reversed).toEqual(corpus.discrepancies.map(({ storyId: _story, ...d }) => d));
  });
});

test('claim ids are unique (the database keys claims by id)', () => {
  const ids = corpus.claims.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
});
