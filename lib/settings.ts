import type { Settings } from './protocol';
import { ENTITY_TYPES, type EntityType } from './types';
import { hostKey } from './host';

export const SETTINGS_VERSION = 1;

/**
 * The defaults, as a plain literal: the settings schema (lib/protocol/schemas.ts) takes them for
 * missing fields and checks that they are Settings; the content script reads them without it.
 */
export const DEFAULT_SETTINGS = {
  hoverDelayMs: 400,
  highlightStyle: 'dotted' as const,
  // "other" is what the pipeline could not type (often a brand such as a social network named in
  // every page's share buttons): off until the reader turns it on.
  types: ENTITY_TYPES.filter((t) => t !== 'other') as EntityType[],
  // Few, right underlines: the first of each name in a paragraph, in the article's text.
  mentions: 'first-per-paragraph' as const,
  scope: 'article' as const,
  disabledSites: [] as string[],
  enabledSites: [] as string[],
  theme: 'system' as const,
};

export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  const host = hostKey(hostname);
  if (settings.enabledSites.includes(host)) return true;
  return !settings.disabledSites.includes(host);
}

export function siteKey(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return hostKey(u.hostname);
  } catch {
    return null;
  }
}
