/**
 * What an opened difference shows under its summary line: the reason, the number line of a
 * quantity, and each outlet's claim in its sentence (a quote's differing words marked). Loaded
 * apart from the popup's first view (DiscrepancyItem imports it when a row is first opened, or
 * at idle): a closed row shows none of it, and the word diff comes with it.
 */
import { diffArrays } from 'diff';
import { Marked } from './Marked';
import { NumberLine } from './NumberLine';
import type { ClaimView, DiscrepancyView } from '@/lib/protocol';

/** Word ranges of `text` that the other quote does not have. */
function changedRanges(text: string, other: string): Array<[number, number]> {
  const tokens = [...text.matchAll(/[\p{L}\p{N}'’-]+/gu)];
  const norm = (s: string) => s.toLowerCase().replace(/’/g, "'");
  const otherWords = [...other.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => norm(m[0]));
  const parts = diffArrays(
    tokens.map((t) => norm(t[0])),
    otherWords,
  );
  const out: Array<[number, number]> = [];
  let i = 0;
  for (const p of parts) {
    if (p.added) continue;
    if (p.removed)
      for (let k = 0; k < p.count; k++) {
        const t = tokens[i + k]!;
        out.push([t.index, t.index + t[0].length]);
      }
    i += p.count;
  }
  // Only mark inside the stretch both cover: drop leading/trailing runs when one is a fragment.
  return out.length > tokens.length * 0.6 ? [] : out;
}

function ClaimRow({
  claim,
  marks,
  onOpen,
}: {
  claim: ClaimView;
  marks: Array<[number, number]>;
  onOpen: (url: string) => void;
}) {
  return (
    <li class="claim">
      <div class="claim-head">
        <strong title={claim.hover}>{claim.who}</strong>
        {claim.published ? <span class="muted"> · {claim.published}</span> : null}
        {claim.url ? (
          <a
            href={claim.url}
            class="open"
            target="_blank"
            rel="noopener noreferrer"
            onClick={(e) => {
              e.preventDefault();
              onOpen(claim.url!);
            }}
          >
            open source
          </a>
        ) : null}
      </div>
      <blockquote class="sentence">
        <Marked text={claim.sentence} ranges={marks} />
      </blockquote>
    </li>
  );
}

export function ItemBody({ d, onOpen }: { d: DiscrepancyView; onOpen: (url: string) => void }) {
  const marksFor = (c: ClaimView): Array<[number, number]> => {
    if (c.spanStart === null || c.spanEnd === null) return [];
    if (d.kind === 'quote') {
      const other = d.claims.find((o) => o.sourceId !== c.sourceId);
      if (other)
        return changedRanges(c.span, other.span).map(([a, b]) => [
          a + c.spanStart!,
          b + c.spanStart!,
        ]);
    }
    return [[c.spanStart, c.spanEnd]];
  };
  return (
    <>
      <p class="reason">{d.reason}</p>
      {d.kind === 'quantity' ? <NumberLine claims={d.claims} /> : null}
      <ul class="claims">
        {d.claims.map((c) => (
          <ClaimRow key={c.claimId} claim={c} marks={marksFor(c)} onOpen={onOpen} />
        ))}
      </ul>
    </>
  );
}
