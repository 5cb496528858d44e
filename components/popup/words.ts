/**
 * What the popup's first screen counts and says from its data, and how many it shows, shared by
 * the Preact app and the early frame (components/popup/early-frame.ts). The fixed labels
 * (headings, "Everyone", the search placeholder) are written in both, as each renders them;
 * early-frame.test.tsx keeps the two markups equal. No Preact here: the early script bundles
 * this file.
 */
import type { DiscrepancyView, Summary } from '@/lib/protocol';

/** How many differences the first screen lists before "Show all". */
export const TOP = 3;
/** Up to this many names, the filter lists them all from the start. */
export const EAGER_NAMES = 200;

export const KIND_LABEL: Record<DiscrepancyView['kind'], string> = {
  quantity: 'Numbers',
  time: 'Dates and times',
  label: 'What it is called',
  descriptor: 'How they describe someone',
  quote: 'Quote wording',
  attribution: 'Who said it',
};

/** What the colour of an item means, in words (shown on hover and read by screen readers). */
export const HOW_FAR: Record<DiscrepancyView['severity'], string> = {
  high: 'The outlets contradict each other.',
  medium: 'The outlets differ on a detail.',
  low: 'A small difference in wording.',
};

/** "This page vs the others" while the tab is still being asked about. */
export const LOOKING_AT_PAGE = 'Looking at this page…';
/** An opened row whose body could not be loaded (closing and opening it again retries). */
export const BODY_FAILED = 'Could not show this difference. Close it and open it again.';

export function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** The three counts of the popup's head, in their order and test ids. */
export function headCounts(s: Summary): Array<[testId: string, text: string]> {
  return [
    ['count-sources', plural(s.sources, 'source')],
    ['count-entities', plural(s.entities, 'name')],
    ['count-discrepancies', plural(s.discrepancies, 'difference')],
  ];
}

/** A difference's summary line: its kind (or who agrees), its title, and its severity in words. */
export function itemHead(d: DiscrepancyView): { kind: string; title: string; sr: string } {
  const outlets = new Set(d.claims.map((c) => c.outlet)).size;
  return d.agreement
    ? { kind: `${outlets} agree`, title: `${outlets} outlets agree.`, sr: '' }
    : { kind: KIND_LABEL[d.kind], title: HOW_FAR[d.severity], sr: ` ${HOW_FAR[d.severity]}` };
}

/** The list's empty state, in words. */
export function emptyText(excluded: number, sources: number | undefined, entity: boolean): string {
  return excluded > 0
    ? 'Nothing else: every difference is about this page, above.'
    : sources === 0
      ? 'No sources are on. Add articles on a story you follow, or switch sources on, in the options.'
      : `No differences${entity ? ' about this name' : ''}.`;
}

/** The filter's names in the reader's locale order, the same in both (one collator, made once). */
export const COLLATOR = new Intl.Collator();
