import { codeOf, type ProblemCode } from '@/lib/problems';

export interface Note {
  kind: 'error' | 'ok';
  text: string;
  /** The problem's code, for an error that came back from the background or a check. */
  code?: ProblemCode;
}

/** A status line: errors are announced (role=alert), successes politely. */
export function Message({ note }: { note: Note | null }) {
  if (!note) return null;
  return (
    <p
      class={`note ${note.kind}`}
      role={note.kind === 'error' ? 'alert' : 'status'}
      data-testid={note.kind === 'error' ? 'error' : 'success'}
      data-code={note.code}
    >
      {note.text}
    </p>
  );
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * An error note that keeps the problem's code (`failed` for anything that was not a problem).
 * A change whose answer was cut off after it was saved is no error to the reader: it reads as done.
 */
export function errorNote(e: unknown): Note {
  const code = codeOf(e);
  return { kind: code === 'saved-unanswered' ? 'ok' : 'error', text: errorText(e), code };
}
