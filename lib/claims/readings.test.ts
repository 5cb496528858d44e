/**
 * Readings of a measure ("magnitude 5") through the whole pipeline, over invented articles: the
 * same measurer credited with two values by two outlets is an attribution conflict; two
 * measurers with two values are two measurements, neither a number nor an attribution conflict.
 */
import { expect, test } from 'vitest';
import { buildCorpus } from '../corpus/pipeline';
import { rawSource } from '../../tests/unit/fixtures/raw-source';
import type { Discrepancy, RawSource } from '../types';

const source = (id: string, outlet: string, language: string, text: string): RawSource =>
  rawSource(id, language, text, outlet, { published: '2024-05-06', origin: 'user' });

function conflicts(sources: RawSource[]): Discrepancy[] {
  return buildCorpus(sources).discrepancies.filter((d) => !d.agreement);
}

const QUAKE = 'A strong tremor shook the Varden valley on Sunday night, damaging houses in Ostrel.';
/** An English outlet's article: the tremor, then a measurer's reading of it. */
const reading = (measurer: string, value: string) =>
  `${QUAKE} According to the ${measurer}, the tremor had a magnitude of ${value}.`;
const SEISME =
  'Un fort séisme a secoué la vallée de Varden dimanche soir, endommageant des maisons à Ostrel.';

test.each([
  [
    'same measurer, two values, two languages',
    [
      source('a', 'Outlet A', 'en', reading('Northland Seismic Office', '5.4')),
      source(
        'b',
        'Outlet B',
        'fr',
        `${SEISME} Selon le Northland Seismic Office, le séisme a pour magnitude 6 sur l’échelle locale.`,
      ),
    ],
    1,
  ],
  [
    'same measurer, same value',
    [
      source('a', 'Outlet A', 'en', reading('Northland Seismic Office', '5.4')),
      source('b', 'Outlet B', 'en', reading('Northland Seismic Office', '5.4')),
    ],
    0,
  ],
  [
    'two measurers, two values',
    [
      source('a', 'Outlet A', 'en', reading('Northland Seismic Office', '5.4')),
      source('b', 'Outlet B', 'en', reading('Southland Geophysics Centre', '6')),
    ],
    0,
  ],
])('%s: %i attribution conflict(s), no number conflict', (_why, sources, attributions) => {
  const found = conflicts(sources);
  expect(found.filter((d) => d.kind === 'attribution')).toHaveLength(attributions);
  expect(found.filter((d) => d.kind === 'quantity')).toHaveLength(0);
});
