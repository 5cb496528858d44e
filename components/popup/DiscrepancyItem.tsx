import { useEffect, useRef, useState } from 'preact/hooks';
import type { ItemBody as ItemBodyView } from './ItemBody';
import { BODY_FAILED, itemHead, KIND_LABEL } from './words';
import type { DiscrepancyView } from '@/lib/protocol';

export function kindLabel(kind: DiscrepancyView['kind']): string {
  return KIND_LABEL[kind];
}

type Body = typeof ItemBodyView;
let body: Body | null = null;
let loading: Promise<Body> | null = null;
/**
 * The opened row's body (./ItemBody: reason, number line, claims, the word diff), a chunk of
 * its own: the popup's first view shows closed rows only. Asked for at idle after the first view
 * (main.tsx) or when a row is first opened, whichever comes first; loaded once. A failed load
 * (its file gone: the extension updated under an open popup) is tried again at the next ask.
 */
export function loadItemBody(): Promise<Body> {
  loading ??= import('./ItemBody').then(
    (m) => (body = m.ItemBody),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * One difference: its summary line, and once opened its body. A closed row renders no body (at
 * 1,000 sources a row holds dozens of claims, which the first render would build for nothing);
 * opened, it stays rendered.
 */
export function DiscrepancyItem({
  d,
  onOpen,
  open,
}: {
  d: DiscrepancyView;
  onOpen: (url: string) => void;
  open?: boolean;
}) {
  const [opened, setOpened] = useState(!!open);
  // Re-rendered once the body's chunk is in (usually already, loaded at idle), or failed.
  const [loading, setLoading] = useState<'asked' | 'in' | 'failed'>('asked');
  const live = useRef(true);
  const load = () => {
    if (body) return;
    setLoading('asked');
    loadItemBody().then(
      () => live.current && setLoading('in'),
      () => live.current && setLoading('failed'),
    );
  };
  useEffect(() => {
    live.current = true;
    if (opened) load();
    return () => {
      live.current = false;
    };
    // Opened from the start: asked once, after the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const Body = opened ? body : null;
  const head = itemHead(d);
  return (
    <li class={`disc sev-${d.severity}${d.agreement ? ' agree' : ''}`} data-kind={d.kind}>
      <details
        open={open}
        onToggle={(e) => {
          // The `open` attribute (the property reflects it; linkedom in the tests has only it).
          if (!(e.currentTarget as HTMLDetailsElement).hasAttribute('open')) return;
          setOpened(true);
          load();
        }}
      >
        <summary title={head.title}>
          <span class="kind">{head.kind}</span>
          <span class="topic">{d.topic}</span>
          <span class="sr-only">{head.sr}</span>
        </summary>
        {Body ? (
          <Body d={d} onOpen={onOpen} />
        ) : opened && loading === 'failed' ? (
          <p class="reason" role="alert">
            {BODY_FAILED}
          </p>
        ) : null}
      </details>
    </li>
  );
}
