/** Limits for added sources; the options page states them next to the form. */
export const LIMITS = {
  /** Largest HTML page read (bytes, checked on Content-Length and while reading). */
  maxHtmlBytes: 5 * 1024 * 1024,
  /** Largest article text kept (characters). */
  maxTextChars: 300_000,
  /** Smallest article text accepted: shorter texts carry no claims worth comparing. */
  minTextChars: 200,
  minWords: 30,
  /** How long a fetch may take before it is abandoned. */
  fetchTimeoutMs: 15_000,
  /** Metadata fields (title, outlet ...) are cut at this length. */
  maxFieldChars: 500,
  /** Largest backup file read (bytes): checked on the file's size before any of it is read. */
  maxBackupBytes: 20 * 1024 * 1024,
} as const;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
