/**
 * Every way an added source can be refused, each with a message that names the problem and says
 * what to do. Functions in lib/intake return these as values; the background throws them as
 * `SourceProblemError` so the message travels back to the page unchanged.
 */
export type ProblemCode =
  | 'url-empty'
  | 'url-malformed'
  | 'url-scheme'
  | 'url-credentials'
  | 'url-not-public'
  | 'redirect-not-public'
  | 'redirect-scheme'
  | 'redirect-unfollowable'
  | 'unreachable'
  | 'timeout'
  | 'http-status'
  | 'content-type'
  | 'too-large'
  | 'no-article'
  | 'text-empty'
  | 'text-tiny'
  | 'text-too-long'
  | 'field-invalid'
  | 'duplicate-url'
  | 'duplicate-text'
  | 'not-found'
  | 'seed-source'
  | 'backup-not-json'
  | 'backup-schema'
  | 'backup-version'
  | 'backup-records'
  | 'backup-nothing-new';

export interface Problem {
  code: ProblemCode;
  message: string;
}

export type Failed = { ok: false; problem: Problem };
export type Checked<T> = { ok: true; value: T } | Failed;

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (code: ProblemCode, message: string): Failed => ({
  ok: false,
  problem: { code, message },
});

export class SourceProblemError extends Error {
  readonly code: ProblemCode;
  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'SourceProblemError';
    this.code = problem.code;
  }
}

/** Unwraps a checked value or throws its problem (for the background handlers). */
export function orThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new SourceProblemError(checked.problem);
  return checked.value;
}
