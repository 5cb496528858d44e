/** StoryInput rows from the corpus's own rows (sources and their mentions). */
import type { Mention, Source } from '../types';
import type { StoryInput } from './features';

export function storyInputs(
  sources: readonly Source[],
  mentions: readonly Mention[],
): StoryInput[] {
  const bySource = new Map<string, string[]>();
  for (const m of mentions) {
    const list = bySource.get(m.sourceId);
    if (list) list.push(m.entityId);
    else bySource.set(m.sourceId, [m.entityId]);
  }
  return sources.map((s) => ({
    sourceId: s.id,
    // A damaged row kept for the reader (see lib/service/integrity.ts) may have no text.
    text: typeof s.text === 'string' ? s.text : '',
    entityIds: bySource.get(s.id) ?? [],
  }));
}
