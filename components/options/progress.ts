/**
 * The progress of a long add or import as the options page reads and says it: the port's message
 * checked (ProgressMessageSchema), then one short sentence for the live region.
 */
import * as v from 'valibot';
import type { SourceProgress } from '@/lib/protocol';
import { ProgressMessageSchema } from '@/lib/protocol/schemas';

/** A port message as progress; null for anything else (it is ignored, never shown). */
export function readProgress(message: unknown): SourceProgress | null {
  const parsed = v.safeParse(ProgressMessageSchema, message);
  if (!parsed.success) return null;
  const { operation, stage, done, total } = parsed.output;
  return { operation, stage, done, total };
}

/** "Preparing 2 of 6…" (the source being prepared is the one after those done), then the rest. */
export function progressText(p: SourceProgress): string {
  switch (p.stage) {
    case 'preparing':
      return `Preparing ${Math.min(p.done + 1, p.total)} of ${p.total}…`;
    case 'resolving':
      return 'Linking names…';
    case 'saving':
      return 'Saving…';
  }
}
