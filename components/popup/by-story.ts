/**
 * The popup's list grouped by story: the current page's story first, then the others in the
 * order of their best-ranked difference; within a story, the engine's ranking is kept.
 */
import type { DiscrepancyView, StoryRef } from '@/lib/protocol';

export interface StoryGroup<T> {
  story: StoryRef | null;
  items: T[];
}

export function groupByStory<T extends Pick<DiscrepancyView, 'story'>>(
  list: readonly T[],
  pageStory: string | null,
): Array<StoryGroup<T>> {
  const groups = new Map<string, StoryGroup<T>>();
  for (const d of list) {
    const key = d.story?.id ?? '';
    const g = groups.get(key) ?? { story: d.story, items: [] };
    g.items.push(d);
    groups.set(key, g);
  }
  const out = [...groups.values()];
  const first = out.findIndex((g) => pageStory !== null && g.story?.id === pageStory);
  if (first > 0) out.unshift(...out.splice(first, 1));
  return out;
}

/** The first `n` items of the grouped order, still grouped (the first screen's "top 3"). */
export function firstOfGroups<T>(
  groups: ReadonlyArray<StoryGroup<T>>,
  n: number,
): Array<StoryGroup<T>> {
  const out: Array<StoryGroup<T>> = [];
  let left = n;
  for (const g of groups) {
    if (left <= 0) break;
    const items = g.items.slice(0, left);
    out.push({ story: g.story, items });
    left -= items.length;
  }
  return out;
}
