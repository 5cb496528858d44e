/** Junk judged on invented text: an office's portfolio written in sentence case is no name. */
import { describe, expect, test } from 'vitest';
import { rawSource } from '../../../tests/unit/fixtures/raw-source';
import { prepareSource, resolveEntities } from '../pipeline';

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
