/**
 * Readings of a measure ("magnitude 5") through the whole pipeline, over invented articles: the
 * same measurer credited with two values by two outlets is an attribution conflict; two
 * measurers with two values are two measurements, neither a number nor an attribution conflict.
 */
import { expect, test } from 'vitest';
import { buildCorpus } from '../corpus/pipeline';
import type { Discrepancy, RawSource } from '../types';

function source(id: string, outlet: string, language: string, text: string): RawSource {
  return {
    id,
    file: null,
    outlet,
    title: null,
    url: null,
    published: '2024-05-06',
    language,
    text,
    origin: 'user',
  };
}

function conflicts(sources: RawSource[]): Discrepancy[] {
  return buildCorpus(sources).discrepancies.filter((d) => !d.agreement);
}

const QUAKE = 'A strong tremor shook the Varden valley on Sunday night, damaging houses in Ostrel.';
const SEISME =
  'Un fort séisme a secoué la vallée de Varden dimanche soir, endommageant des maisons à Ostrel.';

test.each([
  [
    'same measurer, two values, two languages',
    [
      source(
        'a',
        'Outlet A',
        'en',
        `${QUAKE} According to the Northland Seismic Office, the tremor had a magnitude of 5.4.`,
      ),
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
      source(
        'a',
        'Outlet A',
        'en',
        `${QUAKE} According to the Northland Seismic Office, the tremor had a magnitude of 5.4.`,
      ),
      source(
        'b',
        'Outlet B',
        'en',
        `${QUAKE} According to the Northland Seismic Office, the tremor had a magnitude of 5.4.`,
      ),
    ],
    0,
  ],
  [
    'two measurers, two values',
    [
      source(
        'a',
        'Outlet A',
        'en',
        `${QUAKE} According to the Northland Seismic Office, the tremor had a magnitude of 5.4.`,
      ),
      source(
        'b',
        'Outlet B',
        'en',
        `${QUAKE} According to the Southland Geophysics Centre, the tremor had a magnitude of 6.`,
      ),
    ],
    0,
  ],
])('%s: %i attribution conflict(s), no number conflict', (_why, sources, attributions) => {
  const found = conflicts(sources);
  expect(found.filter((d) => d.kind === 'attribution')).toHaveLength(attributions);
  expect(found.filter((d) => d.kind === 'quantity')).toHaveLength(0);
});
