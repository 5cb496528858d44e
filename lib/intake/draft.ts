import { formatBytes, LIMITS } from './limits';
import { type Result, fail, ok } from '../problems';
import type { SourceDraft } from '../protocol';

export const DRAFT_VIA: readonly SourceDraft['via'][] = ['url', 'paste', 'tab', 'import'];

const words = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;

/** Refuses text that is empty, too short to carry claims, or too long to index. */
export function checkText(text: string): Result<string> {
  const trimmed = text.trim();
  if (!trimmed) {
    return fail('text-empty', 'The article text is empty. Paste the text of the article.');
  }
  if (trimmed.length > LIMITS.maxTextChars) {
    return fail(
      'text-too-long',
      `The text is ${trimmed.length.toLocaleString('en')} characters long; the limit is ${LIMITS.maxTextChars.toLocaleString('en')}. Add one article at a time, or shorten the text.`,
    );
  }
  const n = words(trimmed);
  if (trimmed.length < LIMITS.minTextChars || n < LIMITS.minWords) {
    return fail(
      'text-tiny',
      `The text is too short to be an article (${n} word${n === 1 ? '' : 's'}; at least ${LIMITS.minWords} words and ${LIMITS.minTextChars} characters are needed). Paste the whole article.`,
    );
  }
  return ok(trimmed);
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

/** "2025-03-27T10:00:00Z", "March 27, 2025", "2025-03-27" -> "2025-03-27"; null when not a date. */
export function normalizeDate(input: string): string | null {
  const s = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (iso) {
    const [, y, m, d] = iso;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
      ? `${y}-${m}-${d}`
      : null;
  }
  if (!/\d{4}/.test(s)) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 10);
}

/** "en-GB" -> "en"; null when it is not a language tag. */
export function normalizeLanguage(input: string): string | null {
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i.exec(input.trim());
  return m ? m[1]!.toLowerCase() : null;
}

function field(obj: Record<string, unknown>, name: string, label: string): Result<string | null> {
  const v = obj[name];
  if (v === undefined || v === null) return ok(null);
  if (typeof v !== 'string') return fail('field-invalid', `The ${label} must be text.`);
  const t = v.replace(/\s+/g, ' ').trim();
  if (t.length > LIMITS.maxFieldChars) {
    return fail(
      'field-invalid',
      `The ${label} is ${t.length} characters long; keep it under ${LIMITS.maxFieldChars}.`,
    );
  }
  return ok(t || null);
}

/**
 * Validates metadata fields (title, outlet, url, published, language) of untrusted input and
 * normalises them. Used for drafts, edits and imported records alike.
 */
export function checkMetadata(
  obj: Record<string, unknown>,
): Result<Pick<SourceDraft, 'title' | 'outlet' | 'url' | 'published' | 'language'>> {
  const title = field(obj, 'title', 'title');
  if (!title.ok) return title;
  const outlet = field(obj, 'outlet', 'outlet');
  if (!outlet.ok) return outlet;
  const url = field(obj, 'url', 'address');
  if (!url.ok) return url;
  if (url.value) {
    let u: URL | null = null;
    try {
      u = new URL(url.value);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
      return fail(
        'field-invalid',
        `The address “${url.value.slice(0, 80)}” is not an http(s) web address. Fix it or leave it empty.`,
      );
    }
  }
  const publishedRaw = field(obj, 'published', 'date');
  if (!publishedRaw.ok) return publishedRaw;
  let published: string | null = null;
  if (publishedRaw.value) {
    published = normalizeDate(publishedRaw.value);
    if (!published) {
      return fail(
        'field-invalid',
        `“${publishedRaw.value.slice(0, 40)}” is not a date. Write it as YYYY-MM-DD, or leave it empty.`,
      );
    }
  }
  const languageRaw = field(obj, 'language', 'language');
  if (!languageRaw.ok) return languageRaw;
  let language: string | null = null;
  if (languageRaw.value) {
    language = normalizeLanguage(languageRaw.value);
    if (!language) {
      return fail(
        'field-invalid',
        `“${languageRaw.value.slice(0, 40)}” is not a language code. Use a code such as “en” or “es”, or leave it empty.`,
      );
    }
  }
  return ok({ title: title.value, outlet: outlet.value, url: url.value, published, language });
}

/** Validates a whole draft arriving over the message protocol. */
export function checkDraft(input: unknown): Result<SourceDraft> {
  if (typeof input !== 'object' || input === null) {
    return fail('field-invalid', 'No source was sent. Fill in the form and try again.');
  }
  const obj = input as Record<string, unknown>;
  if (typeof obj.text !== 'string') {
    return fail('text-empty', 'The article text is empty. Paste the text of the article.');
  }
  const text = checkText(obj.text);
  if (!text.ok) return text;
  const meta = checkMetadata(obj);
  if (!meta.ok) return meta;
  const via = DRAFT_VIA.includes(obj.via as SourceDraft['via'])
    ? (obj.via as SourceDraft['via'])
    : 'paste';
  return ok({ text: text.value, ...meta.value, via });
}
