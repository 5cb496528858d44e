/**
 * How a source is named wherever it is shown (card, popup, options, CLI report): its outlet,
 * else the site's name from its address, else "Unknown outlet". An article's title never stands
 * in for an outlet (a cut title reads as a name); it is offered on hover instead.
 */
import type { Source } from './types';

export type LabelledSource = Pick<Source, 'outlet' | 'title' | 'url'>;

export const UNKNOWN_OUTLET = 'Unknown outlet';

/** Sub-domains that say nothing about the site ("www.", "m.", "english."). */
const NOISE_SUBDOMAIN =
  /^(?:www\d?|m|mobile|amp|edition|english|en|es|fr|pt|de|intl|international)\./i;

/** The site's name from an http(s) address: "https://english.elpais.com/x" -> "elpais.com". */
export function siteName(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    host = u.hostname.toLowerCase();
  } catch {
    return null;
  }
  if (!host || /^[\d.]+$/.test(host) || host.startsWith('[')) return null;
  // Keep at least two labels: "m.example.org" -> "example.org", never "org".
  while (NOISE_SUBDOMAIN.test(host) && host.split('.').length > 2)
    host = host.replace(NOISE_SUBDOMAIN, '');
  return host;
}

/** The one name of a source shown to the reader. */
export function sourceLabel(source: LabelledSource): string {
  const outlet = source.outlet?.trim();
  if (outlet) return outlet;
  return siteName(source.url) ?? UNKNOWN_OUTLET;
}

/** What to show on hover: the label, and the article's title when there is one. */
export function sourceHover(source: LabelledSource): string {
  const label = sourceLabel(source);
  const title = source.title?.trim();
  return title ? `${label}: “${title}”` : label;
}

/**
 * A short name for a narrow column ("Associated Press" -> "AP", "El País (English edition)" ->
 * "El País"), at most `max` characters; the full label belongs on hover.
 */
export function shortLabel(label: string, max = 9): string {
  const base = label.replace(/\s*\([^)]*\)\s*/g, ' ').trim() || label;
  if (base.length <= max) return base;
  if (base === UNKNOWN_OUTLET) return 'Unknown';
  // A site name: its first label ("theguardian.com" -> "theguardian").
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(base)) {
    const first = base.split('.')[0]!;
    if (first.length <= max) return first;
  }
  const words = base.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (words.length >= 2 && words.length <= max) return words.map((w) => w[0]).join('');
  return `${base.slice(0, max - 1).trimEnd()}…`;
}
