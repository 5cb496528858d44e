/** What the welcome page says about the built-in story, from the sources list (no names written in). */
import { safeUrl } from '@/lib/intake/url';
import { sourceLabel, UNKNOWN_OUTLET } from '@/lib/source-label';
import type { SourceSummary } from '@/lib/protocol';

export interface BuiltInStory {
  /** How many built-in articles are switched on. */
  count: number;
  /** Their outlets, once each, in list order. */
  outlets: string[];
  /** How many of them name no outlet (listed apart: "Unknown outlet" is not a name to list). */
  unnamed: number;
  /** The built-in articles a reader can open on the web (a public address), in list order. */
  articles: Array<{ id: string; title: string; outlet: string; href: string }>;
}

/** The switched-on built-in sources: how many, from which outlets, which have an address. */
export function builtInStory(sources: readonly SourceSummary[]): BuiltInStory {
  const seeds = sources.filter((s) => s.origin === 'seed' && s.enabled);
  const labels = seeds.map(sourceLabel);
  const outlets = [...new Set(labels.filter((l) => l !== UNKNOWN_OUTLET))];
  const unnamed = labels.filter((l) => l === UNKNOWN_OUTLET).length;
  const articles = seeds.flatMap((s) => {
    const href = safeUrl(s.url);
    return href ? [{ id: s.id, title: s.title ?? href, outlet: sourceLabel(s), href }] : [];
  });
  return { count: seeds.length, outlets, unnamed, articles };
}

/** "A", "A and B", "A, B and C". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
