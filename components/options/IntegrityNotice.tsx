import { useEffect, useState } from 'preact/hooks';
import type { OptionsApi } from './api';
import type { IntegrityReport } from '@/lib/protocol';

/** The sentences a corrupted-data report reads as (lib/service/integrity.ts), plainest first. */
export function integrityLines(r: IntegrityReport): string[] {
  const lines: string[] = [];
  if (r.bundleProblem) lines.push(r.bundleProblem);
  else if (r.seedProblems > 0)
    lines.push(
      r.repaired
        ? 'Some built-in data was damaged and has been repaired. Your own sources were not changed.'
        : 'Some built-in data is damaged and could not be repaired. Reinstalling Crosscheck restores it.',
    );
  if (r.unreadable.length > 0)
    lines.push(
      `Some of your data could not be read: ${r.unreadable
        .map((u) => `“${u.label}” (${u.reason})`)
        .join(
          ', ',
        )}. It was kept as it is; remove it and add it again, or import it from a backup.`,
    );
  return lines;
}

/** Shown above everything when the background found damaged data, until dismissed. */
export function IntegrityNotice({ api }: { api: OptionsApi }) {
  const [report, setReport] = useState<IntegrityReport | null>(null);
  useEffect(() => {
    api
      .send('getIntegrityReport', { dismiss: false })
      .then(setReport)
      .catch(() => undefined); // the page's own load error already says the corpus is unreachable
  }, [api]);
  if (!report) return null;
  const lines = integrityLines(report);
  if (lines.length === 0) return null;
  return (
    <div class="note error" role="alert" data-testid="integrity">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      <button
        type="button"
        onClick={() => {
          setReport(null);
          void api.send('getIntegrityReport', { dismiss: true }).catch(() => undefined);
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
