import { render } from 'preact';
import type { CardHost, OpenedBy } from '@/lib/page/controller';
import type { PageMention } from '@/lib/page/painter';
import { sameMention } from '@/lib/page/hover-intent';
import { type AfterLayout, createAfterLayout } from '@/lib/page/after-layout';
import { placeCard } from '@/lib/page/position';
import type { IdentityNote } from '@/lib/page/identity';
import type { EntityType } from '@/lib/types';
import { type CardState, Hovercard } from './Hovercard';
import type { CardData } from '@/lib/protocol';

export interface CardHostOptions {
  /** Where the card renders (inside our closed shadow root), created on first use. */
  mount: () => { container: HTMLElement; host: HTMLElement };
  /** Whether an event target or a mutated node is ours (the host of our shadow root). */
  contains: (target: EventTarget | null) => boolean;
  unmount: () => void;
  getCard: (entityId: string) => Promise<CardData | null>;
  entityInfo: (entityId: string) => { name: string; type: EntityType } | null;
  theme: () => 'system' | 'light' | 'dark';
  /** Whether the reader's sources cover this page's story. */
  covered: () => boolean;
  /** What suggests this mention is someone else than the corpus's person, if anything. */
  identityNote?: (mention: PageMention) => IdentityNote | null;
  site: string | null;
  onDisableSite: () => void;
  onOpenList: (entityId: string) => void;
  /** The card's "Correct…": opens the options page at the entity. */
  onCorrect?: (entityId: string) => void;
  /** Called when the card closes itself (close button). */
  onRequestClose: () => void;
}

/**
 * The card's lifecycle in the page: data cache, rendering in the shadow root, placement, focus.
 * Every render(<Hovercard/>) is paired with render(null) on hide and on destroy.
 *
 * A card asked for is rendered and placed in one go right after the browser's next layout
 * (lib/page/after-layout.ts), before that frame is painted: placing reads the mention's and the
 * card's geometry, which at any other moment would lay out the whole page if it changed since
 * the last frame. So the card is never seen before it is placed, nor with a new name where the
 * last one was. Asked for in an animation frame (the hover delay ends in one), that is the
 * layout of that same frame.
 *
 * While the pointer rests on a name (the hover intent prefetches), its card, once its data is in,
 * is rendered out of sight in a second slot (after a layout too), so that the frame that opens it
 * only places it and shows it: the render and the card's own layout are done before.
 */
export function createCardHost(
  opts: CardHostOptions,
): CardHost & { destroy(): void; invalidate(): void } {
  const cache = new Map<string, Promise<CardData | null>>();
  /** Answers already in (the hover intent prefetches): the card opens with them, in one render. */
  const settled = new Map<string, CardData | null>();
  let mounted: {
    container: HTMLElement;
    host: HTMLElement;
    slot: HTMLElement;
    /** Out of sight: the card the pointer rests on, rendered before it opens. */
    stage: HTMLElement;
  } | null = null;
  /** What the stage holds (or is asked to hold, once `rendered`). */
  let staged: { mention: PageMention; data: CardData | null; rendered: boolean } | null = null;
  let stager: AfterLayout | null = null;
  /** The request whose card is rendered (0: none yet); until then answers are only kept. */
  let drawn = 0;
  let reveal: AfterLayout | null = null;
  let current: {
    mention: PageMention;
    how: OpenedBy;
    point: { x: number; y: number } | null;
    state: CardState;
    request: number;
  } | null = null;
  let request = 0;
  /** The last prefetch: an answer for an older one stages nothing. */
  let stageToken = 0;
  let cleanupPlacement: (() => void) | null = null;
  let returnFocus: Element | null = null;

  const fetchCard = (entityId: string) => {
    let p = cache.get(entityId);
    if (!p) {
      p = opts.getCard(entityId);
      cache.set(entityId, p);
      p.then(
        (data) => {
          if (cache.get(entityId) === p) settled.set(entityId, data);
        },
        () => cache.delete(entityId),
      );
    }
    return p;
  };

  const cardOf = (mention: PageMention, state: CardState, hidden: boolean) => {
    const info = opts.entityInfo(mention.entityId);
    return (
      <Hovercard
        entityId={mention.entityId}
        name={info?.name ?? '…'}
        type={info?.type ?? null}
        state={state}
        hidden={hidden}
        theme={opts.theme()}
        site={opts.site}
        offStory={!opts.covered()}
        identity={opts.identityNote?.(mention) ?? null}
        onClose={opts.onRequestClose}
        onDisableSite={opts.onDisableSite}
        onOpenList={opts.onOpenList}
        onCorrect={opts.onCorrect}
      />
    );
  };

  const draw = () => {
    if (!current || !mounted || drawn !== current.request) return;
    render(cardOf(current.mention, current.state, false), mounted.slot);
  };

  /** Renders the staged card out of sight (after a layout: its fit check reads its size). */
  const renderStage = () => {
    if (!staged || !mounted) return;
    staged.rendered = true;
    render(cardOf(staged.mention, { status: 'ready', data: staged.data }, true), mounted.stage);
  };

  const dropStage = () => {
    stager?.cancel();
    if (staged?.rendered && mounted) render(null, mounted.stage);
    staged = null;
  };

  /** The staged card is the one asked for, with the same answer: it is shown, not rendered. */
  const takeStage = (): boolean => {
    if (!current || !mounted || !staged?.rendered) return false;
    const state = current.state;
    if (!sameMention(staged.mention, current.mention)) return false;
    if (state.status !== 'ready' || state.data !== staged.data) return false;
    render(null, mounted.slot);
    const shown = mounted.stage;
    mounted.stage = mounted.slot;
    mounted.slot = shown;
    mounted.stage.style.visibility = 'hidden';
    shown.style.visibility = '';
    staged = null;
    return true;
  };

  const cardElement = () => mounted?.slot.querySelector<HTMLElement>('.card') ?? null;

  /** Renders the card asked for last and places it (after a layout: see above). */
  const renderAndPlace = () => {
    if (!current || !mounted) return;
    // From the stage, the render below only makes the card a dialog in sight.
    takeStage();
    dropStage();
    drawn = current.request;
    draw();
    cleanupPlacement?.();
    cleanupPlacement = null;
    const el = cardElement();
    if (!el) return;
    cleanupPlacement = placeCard(el, current.mention, current.point);
    if (current.how === 'keyboard') el.focus({ preventScroll: true });
  };

  const mount = () => {
    const m = opts.mount();
    // The card renders into a slot of its own: the renderer owns every child of what it renders
    // into, and the post-layout sentinel lives beside it.
    const doc = m.container.ownerDocument;
    const slot = doc.createElement('div');
    const stage = doc.createElement('div');
    stage.style.visibility = 'hidden';
    m.container.append(slot, stage);
    reveal = createAfterLayout(doc, () => m.container, renderAndPlace);
    stager = createAfterLayout(doc, () => m.container, renderStage);
    return { ...m, slot, stage };
  };

  return {
    /** Sources changed: cards fetched before would show old sentences and counts. */
    invalidate() {
      cache.clear();
      settled.clear();
      dropStage();
    },
    prefetch(mention) {
      const p = fetchCard(mention.entityId);
      const token = ++stageToken;
      p.then(
        (data) => {
          // Another rest since, or this card already open: nothing to prepare.
          if (token !== stageToken || (current && sameMention(current.mention, mention))) return;
          mounted ??= mount();
          dropStage();
          staged = { mention, data, rendered: false };
          stager?.request();
        },
        () => undefined,
      );
    },
    show(mention, how, point, inFrame = false) {
      mounted ??= mount();
      const id = ++request;
      const sameEntity = current?.mention.entityId === mention.entityId;
      const previousState = sameEntity && current ? current.state : null;
      if (how === 'keyboard' && !returnFocus) returnFocus = document.activeElement;
      const known = settled.has(mention.entityId)
        ? ({ status: 'ready', data: settled.get(mention.entityId)! } as const)
        : null;
      current = {
        mention,
        how,
        point,
        state: known ?? previousState ?? { status: 'loading' },
        request: id,
      };
      reveal?.request(inFrame); // renders whatever is asked for last
      fetchCard(mention.entityId).then(
        (data) => {
          // Stale answers (the card moved on to another name) are dropped.
          if (!current || current.request !== id) return;
          // Opened with this answer already: no second render.
          if (current.state.status === 'ready' && current.state.data === data) return;
          current.state = { status: 'ready', data };
          draw();
        },
        (error: unknown) => {
          if (!current || current.request !== id) return;
          current.state = {
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          };
          draw();
        },
      );
    },
    hide() {
      request++;
      current = null;
      drawn = 0;
      reveal?.cancel();
      cleanupPlacement?.();
      cleanupPlacement = null;
      if (mounted) render(null, mounted.slot);
      const focusBack = returnFocus;
      returnFocus = null;
      if (focusBack instanceof HTMLElement && focusBack.isConnected)
        focusBack.focus({ preventScroll: true });
    },
    contains: opts.contains,
    destroy() {
      this.hide();
      if (mounted) {
        dropStage();
        reveal?.dispose();
        reveal = null;
        stager?.dispose();
        stager = null;
        mounted.slot.remove();
        mounted.stage.remove();
        mounted = null;
        opts.unmount();
      }
    },
  };
}
