/**
 * Descriptors (framing): how outlets label the same person. Titles and places are set aside by
 * the extractor; what remains ("leftist", "far-left", "Socialist") is compared per outlet.
 * A label inside a quote is the speaker's, not the outlet's, and the reason says so.
 */
import type { Claim } from '../../types';
import { type Finding, outletOf, type RuleContext } from '../align';

export function compareDescriptors(claims: readonly Claim[], ctx: RuleContext): Finding[] {
  const bySlot = new Map<string, Claim[]>();
  for (const c of claims) {
    if (c.kind !== 'descriptor') continue;
    const list = bySlot.get(c.slot) ?? [];
    list.push(c);
    bySlot.set(c.slot, list);
  }
  const out: Finding[] = [];
  for (const [, list] of bySlot) {
    const entityId = list[0]!.entityIds[0];
    const entity = entityId ? ctx.entities.get(entityId) : undefined;
    if (!entity) continue;
    const perSource = new Map<string, Claim[]>();
    for (const c of list) {
      const own = perSource.get(c.sourceId);
      if (own) own.push(c);
      else perSource.set(c.sourceId, [c]);
    }
    if (perSource.size < 2) continue;
    const framed = list.filter(
      (c) => typeof c.detail.evaluative === 'string' && c.detail.evaluative,
    );
    if (framed.length === 0) continue;
    const words = new Set(framed.map((c) => c.detail.evaluative as string));
    const framedSources = new Set(framed.map((c) => c.sourceId));
    // Everyone uses the same label: that is agreement, not framing.
    const allSame = words.size === 1 && framedSources.size === perSource.size;
    const evidence: Claim[] = [...framed];
    for (const [sourceId, cs] of perSource) {
      if (framedSources.has(sourceId)) continue;
      // The longest neutral descriptor stands for that outlet.
      evidence.push([...cs].sort((a, b) => b.span.length - a.span.length)[0]!);
    }
    const parts = evidence.map((c) => {
      const ev = c.detail.evaluative as string;
      const who = outletOf(ctx, c.sourceId);
      const quoted = c.detail.inQuote
        ? ` (inside a quote${c.detail.quotedSpeaker ? ` by ${c.detail.quotedSpeaker}` : ''})`
        : '';
      return ev ? `${who}: “${ev}”${quoted}` : `${who}: no label (“${c.span}”)`;
    });
    out.push({
      kind: 'descriptor',
      topic: `How outlets describe ${entity.name}`,
      severity: allSame ? 'low' : words.size > 1 ? 'medium' : 'low',
      reason: allSame
        ? `All outlets use “${[...words][0]}”.`
        : `Different framing of ${entity.name}: ${parts.join('; ')}.`,
      claimIds: evidence.map((c) => c.id),
      entityIds: [entity.id],
      agreement: allSame,
    });
  }
  return out;
}
