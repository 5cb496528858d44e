/**
 * Language detection on the evaluation's articles (their sources.json gives each one's language):
 * whether each whole article is detected as its language (what a source added without one gets),
 * and which of its lines the cleaner drops as written in another language, as the articles are
 * and with each sentence on a line of its own (as pasted text and some sites give them).
 */
import { cleanArticle } from '../../lib/corpus/clean';
import { detectLanguage } from '../../lib/lang/detect';
import { languageOf, loadEventSources, loadGoldEvents } from './evaluate';

export interface LanguageReport {
  articles: number;
  /** Articles whose whole text is detected as the language their sources.json gives. */
  detected: number;
  misdetected: string[];
  lines: { count: number; dropped: string[] };
  sentences: { count: number; dropped: string[] };
}

/** Lines of six words or more: the shortest the cleaner judges by their language. */
const judged = (line: string) => line.trim().split(/\s+/).length >= 6;

const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}"«“])/u;

function droppedAsForeign(text: string, lang: string): string[] {
  return cleanArticle(text, lang)
    .removed.filter((r) => r.reason.startsWith('text in another language'))
    .map((r) => `${lang} ${r.reason.replace('text in another language ', '')}: ${r.text}`);
}

export function evaluateLanguages(): LanguageReport {
  const report: LanguageReport = {
    articles: 0,
    detected: 0,
    misdetected: [],
    lines: { count: 0, dropped: [] },
    sentences: { count: 0, dropped: [] },
  };
  for (const gold of loadGoldEvents())
    for (const raw of loadEventSources(gold)) {
      const lang = languageOf(raw);
      if (lang === '?') continue;
      report.articles++;
      const got = detectLanguage(raw.text);
      if (got === lang) report.detected++;
      else report.misdetected.push(`${raw.file}: ${lang} read as ${got ?? 'nothing'}`);
      const lines = raw.text.split('\n').filter(judged);
      report.lines.count += lines.length;
      report.lines.dropped.push(...droppedAsForeign(raw.text, lang));
      const sentences = raw.text
        .split(/\n/)
        .flatMap((l) => l.split(SENTENCE_END))
        .filter(judged);
      report.sentences.count += sentences.length;
      for (const s of sentences) report.sentences.dropped.push(...droppedAsForeign(s, lang));
    }
  return report;
}

export function formatLanguageReport(r: LanguageReport, details = false): string {
  const list = (xs: string[]) => (details ? xs.map((x) => `\n  ${x}`).join('') : '');
  return [
    `language (tinyld, lib/lang/detect.ts): articles detected as their language ${r.detected}/${r.articles}${list(r.misdetected)}`,
    `lines of 6+ words dropped as another language: ${r.lines.dropped.length} of ${r.lines.count}${list(r.lines.dropped)}`,
    `the same, each sentence on a line of its own: ${r.sentences.dropped.length} of ${r.sentences.count}${list(r.sentences.dropped)}`,
  ].join('\n');
}
