export interface Note {
  kind: 'error' | 'ok';
  text: string;
}

/** A status line: errors are announced (role=alert), successes politely. */
export function Message({ note }: { note: Note | null }) {
  if (!note) return null;
  return (
    <p
      class={`note ${note.kind}`}
      role={note.kind === 'error' ? 'alert' : 'status'}
      data-testid={note.kind === 'error' ? 'error' : 'success'}
    >
      {note.text}
    </p>
  );
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
