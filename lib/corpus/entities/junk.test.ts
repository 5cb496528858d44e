/**
 * Junk judged on invented text: an office's portfolio written in sentence case is no name; and
 * the verdicts a memo keeps between builds are the batch build's, judged again only where the
 * evidence changed.
 */
import { describe, expect, test } from 'vitest';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { type PreparedSource, prepareSource, resolveEntities } from '../pipeline';
import { DiscoveryMemo } from '.';

function namesIn(language: string, text: string): string[] {
  const { entities } = resolveEntities([prepareSource(rawSource('a', language, text))]);
  return entities.flatMap((e) => [e.name, ...e.aliases]);
}

describe("an office's portfolio in sentence case", () => {
  test.each([
    ['fr', 'Le ministre de la Cohésion régionale a promis des aides mardi soir.', 'Cohésion'],
    ['fr', "Selon la ministre de l'Équipement rural, les routes sont coupées.", 'Équipement'],
    ['es', 'La ministra de Cohesión regional prometió ayudas el martes por la noche.', 'Cohesión'],
    ['pt', 'O ministro da Coesão regional prometeu ajuda na terça-feira à noite.', 'Coesão'],
  ])('%s: "%s" has no name %s', (lang, text, portfolio) => {
    expect(namesIn(lang, text)).not.toContain(portfolio);
  });

  test.each([
    ['fr', 'Le maire de Norvale a promis des aides mardi soir.', 'Norvale'],
    ['es', 'El presidente de Alianza Norte prometió ayudas el martes.', 'Alianza Norte'],
    ['fr', 'La tempête a frappé Norvale. Le président de Norvale a promis des aides.', 'Norvale'],
  ])('%s: "%s" keeps the name %s', (lang, text, name) => {
    expect(namesIn(lang, text)).toContain(name);
  });
});

/**
 * Junk verdicts kept between builds (JunkMemo): a source added judges its own occurrences and
 * again only those whose words' corpus-wide facts changed, whatever the corpus's size, and the
 * build equals the batch build; taking it out again gives back the build before.
 */
describe('junk verdicts kept between builds', () => {
  const towns = ['Norvale', 'Quillan', 'Tarsk', 'Ombreth', 'Valdane', 'Koristo', 'Perrin', 'Sulta'];
  const mayors = ['Ada Brook', 'Ivo Marsh', 'Lena Voss', 'Otto Kell', 'Rita Sand', 'Uma Pell'];
  // Unrelated sources around the ones a case is about: the same work whatever their number.
  const padding = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const town = towns[i % towns.length]!;
      const mayor = mayors[i % mayors.length]!;
      return prepareSource(
        rawSource(
          `pad${String(i).padStart(2, '0')}`,
          'en',
          `The mayor of ${town}, ${mayor}, opened a bridge on Tuesday. ${mayor} said the bridge in ${town} cost less than planned.`,
        ),
      );
    });
  const source = (id: string, text: string) => prepareSource(rawSource(id, 'en', text));
  const mentioned = (r: ReturnType<typeof resolveEntities>, id: string) =>
    r.mentions
      .filter((m) => m.sourceId === id)
      .map((m) => m.surface)
      .sort();

  /** The build after adding `added` to `before` with a memo: its result, the batch's and the work. */
  function add(before: PreparedSource[], added: PreparedSource) {
    const memo = new DiscoveryMemo();
    const was = resolveEntities(before, null, memo);
    const now = resolveEntities([...before, added], null, memo);
    const judged = memo.occurrences.judged;
    return {
      was,
      now,
      batch: resolveEntities([...before, added]),
      judged,
      // And taken out again.
      removed: resolveEntities(before, null, memo),
    };
  }

  test('an unrelated source is judged alone', () => {
    const added = source(
      'zz',
      'The Velmora Trust funded a study of river otters. Velmora staff counted otters near Haldor.',
    );
    const alone = new DiscoveryMemo();
    resolveEntities([added], null, alone);
    expect(alone.occurrences.judged.fresh).toBeGreaterThan(0);
    for (const n of [2, 12]) {
      const { now, batch, judged } = add(padding(n), added);
      expect(now).toEqual(batch);
      expect(judged).toEqual({ fresh: alone.occurrences.judged.fresh, again: 0 });
    }
  });

  test.each<[string, string, string, string[], string[]]>([
    [
      'a lower-case use makes a capitalised word a common one',
      'Officials said Brindle would decide the matter before the vote.',
      'The brindle cat slept on the porch all afternoon.',
      ['Brindle'],
      [],
    ],
    [
      'a full name makes a word at a sentence start a name',
      'The vote was close. Brindle arrived late and spoke for an hour.',
      'Officials thanked Jane Brindle for her long work on the vote.',
      [],
      ['Brindle'],
    ],
    [
      'a use without a figure makes letters always followed by one a name',
      'The Zentra 72 sold well this year. Buyers liked the Zentra 72 most.',
      'The shop said Zentra opened a branch in the old mill.',
      [],
      ['Zentra', 'Zentra'],
    ],
    [
      "an institution's use makes an acronym used as a common noun a name",
      'The new ZQX chip runs fast. Makers praised the new ZQX chip design.',
      'The ZQX said on Tuesday that it would hire more staff.',
      [],
      ['ZQX', 'ZQX'],
    ],
  ])('%s', (_what, oldText, newText, before, after) => {
    const old = source('old', oldText);
    const added = source('new', newText);
    const work = [2, 12].map((n) => {
      const { was, now, batch, judged, removed } = add([old, ...padding(n)], added);
      expect(mentioned(was, 'old')).toEqual(before);
      expect(mentioned(now, 'old')).toEqual(after);
      expect(now).toEqual(batch);
      expect(removed).toEqual(was);
      return judged;
    });
    expect(work[0]!.again).toBeGreaterThan(0);
    expect(work[1]).toEqual(work[0]);
  });
});
