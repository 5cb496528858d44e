/**
 * The one error type, in lib/ and across the wire: a `Problem` has a code (what the UI branches
 * on) and a message (what the reader reads: it names the problem and says what to do). Pure
 * functions return a `Result`; the background's handlers throw a `ProblemError`, which the
 * messaging layer (lib/rpc.ts) sends back as a failed `Result` with its code, and the asking side
 * throws again as a `ProblemError` with the same code.
 */
import { type GenericSchema, type InferOutput, safeParse } from 'valibot';

export type ProblemCode =
  // The messaging layer's own.
  | 'interrupted'
  // A change whose answer was cut off, though it was saved (lib/rpc.ts withReceipts).
  | 'saved-unanswered'
  | 'storage-full'
  | 'not-allowed'
  | 'bad-request'
  | 'failed'
  // Adding a source (lib/intake) and editing one.
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
  | 'backup-nothing-new'
  // The bundled corpus.
  | 'corpus-unavailable';

export interface Problem {
  code: ProblemCode;
  message: string;
}

export type Failed = { ok: false; problem: Problem };
export type Result<T> = { ok: true; value: T } | Failed;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ProblemCode, message: string): Failed => ({
  ok: false,
  problem: { code, message },
});

export class ProblemError extends Error {
  readonly code: ProblemCode;
  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'ProblemError';
    this.code = problem.code;
  }
  get problem(): Problem {
    return { code: this.code, message: this.message };
  }
}

/** Unwraps a result or throws its problem (for the background handlers). */
export function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new ProblemError(result.problem);
  return result.value;
}

/** Throws a problem (for the background handlers). */
export function raise(code: ProblemCode, message: string): never {
  throw new ProblemError({ code, message });
}

/** The problem an error stands for: its own for a ProblemError, else `failed` with its words. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The code of whatever was thrown (`failed` when it was not a problem). */
export const codeOf = (error: unknown): ProblemCode => problemOf(error).code;

/**
 * A schema's refusal message that names its problem's code (valibot messages are strings, so the
 * code rides in front of the words, and `parseAs` splits them again).
 */
const CODE_MARK = '\u241f';
export const says = (code: ProblemCode, message: string): string => `${code}${CODE_MARK}${message}`;

/** Parses outside input with a schema: the value, or the first refusal as a Problem. */
export function parseAs<S extends GenericSchema>(
  schema: S,
  input: unknown,
  code: ProblemCode,
): Result<InferOutput<S>> {
  const parsed = safeParse(schema, input, { abortEarly: true });
  if (parsed.success) return ok(parsed.output);
  const said = parsed.issues[0].message;
  const at = said.indexOf(CODE_MARK);
  return at < 0 ? fail(code, said) : fail(said.slice(0, at) as ProblemCode, said.slice(at + 1));
}
