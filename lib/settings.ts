import type { Settings } from './protocol';

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
