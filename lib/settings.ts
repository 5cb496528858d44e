import type { EntityType } from './types';

/** Reader preferences, stored with WXT storage (see lib/settings-store.ts), versioned. */
export interface Settings {
  /** Milliseconds the pointer rests on a mention before the card shows. */
  hoverDelayMs: number;
  highlightStyle: 'dotted' | 'solid' | 'background' | 'none';
  /** Entity types to underline. */
  types: EntityType[];
  /** Underline every mention, or only the first of each entity per paragraph. */
  mentions: 'all' | 'first-per-paragraph';
  /** Underline in the article's text only, or anywhere on the page. */
  scope: 'article' | 'page';
  /** Hostnames where Crosscheck is off. */
  disabledSites: string[];
  /** Hostnames where it is on even if a later default turns it off. */
  enabledSites: string[];
  theme: 'system' | 'light' | 'dark';
}

export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 400,
  highlightStyle: 'dotted',
  // "other" is what the pipeline could not type (often a brand such as a social network named in
  // every page's share buttons): off until the reader turns it on.
  types: ['person', 'organization', 'place', 'facility', 'law', 'agreement', 'group'],
  // Few, right underlines: the first of each name in a paragraph, in the article's text.
  mentions: 'first-per-paragraph',
  scope: 'article',
  disabledSites: [],
  enabledSites: [],
  theme: 'system',
};

export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  if (settings.enabledSites.includes(host)) return true;
  return !settings.disabledSites.includes(host);
}

export function siteKey(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}
