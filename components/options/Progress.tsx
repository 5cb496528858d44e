import { useRef, useState } from 'preact/hooks';
import type { SourceProgress } from '@/lib/protocol';
import type { OptionsApi } from './api';
import { progressText } from './progress';

/**
 * The progress of one kind of long change (an add, an import): `track` listens while its task
 * runs and clears the text when the task ends, done or failed.
 */
export function useProgress(api: OptionsApi, operation: SourceProgress['operation']) {
  const [text, setText] = useState('');
  const runs = useRef(0);
  async function track<T>(task: () => Promise<T>): Promise<T> {
    const run = ++runs.current;
    // Opened before the request is sent, so the first step is heard.
    const stop = api.watchProgress((p) => {
      if (p.operation === operation && run === runs.current) setText(progressText(p));
    });
    try {
      return await task();
    } finally {
      stop();
      if (run === runs.current) setText('');
    }
  }
  return { text, track };
}

/** A polite live region, always present (so screen readers announce its changes), empty at rest. */
export function ProgressStatus({ text }: { text: string }) {
  return (
    <p class="progress muted" role="status" aria-live="polite" data-testid="progress">
      {text}
    </p>
  );
}
