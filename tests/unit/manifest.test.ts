/**
 * The manifest per browser: the Firefox build is MV2, where WXT drops optional_host_permissions,
 * so the sites "add by URL" asks for must be listed as optional permissions there.
 */
import { describe, expect, test } from 'vitest';
import config from '../../wxt.config';

type Manifest = Record<string, unknown>;

function manifestFor(browser: string, manifestVersion: 2 | 3): Manifest {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts: manifest is not a function');
  return manifest({ browser, manifestVersion, mode: 'production', command: 'build' }) as Manifest;
}

const ORIGINS = ['http://*/*', 'https://*/*'];

describe('manifest', () => {
  test('Firefox (MV2): the article sites are optional permissions; no data is collected', () => {
    const m = manifestFor('firefox', 2);
    expect(m.optional_permissions).toEqual(ORIGINS);
    expect(m.optional_host_permissions).toBeUndefined();
    const gecko = (m.browser_specific_settings as { gecko: Record<string, unknown> }).gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  test('Chrome (MV3): the article sites are optional host permissions', () => {
    const m = manifestFor('chrome', 3);
    expect(m.optional_host_permissions).toEqual(ORIGINS);
    expect(m.optional_permissions).toBeUndefined();
    expect(m.browser_specific_settings).toBeUndefined();
  });
});
