/**
 * A source's draft, checked: its text and metadata through the schemas of the protocol
 * (lib/protocol/schemas.ts), and pasted HTML by size before it is parsed.
 */
import { fail, ok, parseAs, type Result } from '../problems';
import type { SourceDraft } from '../protocol';
import { DraftSchema, MetadataSchema, TextSchema } from '../protocol/schemas';
import { formatBytes, LIMITS } from './limits';

export { DRAFT_VIA, normalizeDate, normalizeLanguage } from '../protocol/schemas';

/** Refuses text that is empty, too short to carry claims, or too long to index. */
export function checkText(text: string): Result<string> {
  return parseAs(TextSchema, text, 'text-empty');
}

/** Pasted text that is markup rather than prose. */
export function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 2000);
  if (/^<(?:!doctype|html|head|body)\b/i.test(head)) return true;
  const tags = head.match(
    /<\/?(?:p|div|span|article|section|h[1-6]|a|br|li|ul|main|figure)\b[^>]*>/gi,
  );
  return (tags?.length ?? 0) >= 3;
}

/** Pasted HTML larger than a fetched page may be is refused the same way. */
export function checkHtmlSize(html: string): Result<string> {
  const bytes = new TextEncoder().encode(html).byteLength;
  if (bytes > LIMITS.maxHtmlBytes) {
    return fail(
      'too-large',
      `The HTML is ${formatBytes(bytes)}; pages over ${formatBytes(LIMITS.maxHtmlBytes)} are not read. Paste only the article's text.`,
    );
  }
  return ok(html);
}

/**
 * Validates metadata fields (title, outlet, url, published, language) of untrusted input and
 * normalises them. Used for drafts, edits and imported records alike.
 */
export function checkMetadata(
  obj: Record<string, unknown>,
): Result<Pick<SourceDraft, 'title' | 'outlet' | 'url' | 'published' | 'language'>> {
  return parseAs(MetadataSchema, obj, 'field-invalid');
}

/** Validates a whole draft (the protocol's requests are parsed with the same schema). */
export function checkDraft(input: unknown): Result<SourceDraft> {
  return parseAs(DraftSchema, input, 'field-invalid');
}
