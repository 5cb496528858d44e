/**
 * "Add this page" from the popup: read the rendered page of the active tab (activeTab +
 * scripting: the click on the toolbar button grants access to that tab only), then run the same
 * extraction as the options page. Pass the draft to `previewSource`, and to `addSource` on
 * confirm; <SourcePreviewView> shows the preview.
 */
import { extractArticle } from '@/lib/intake/article';
import { checkHtmlSize } from '@/lib/intake/draft';
import { type Result, fail } from '@/lib/problems';
import type { SourceDraft } from '@/lib/protocol';

/** Runs in the page's isolated world: the rendered DOM as HTML, and its address. */
function readRenderedPage(): { html: string; url: string } {
  return { html: document.documentElement.outerHTML, url: location.href };
}

export async function captureTabDraft(tabId: number): Promise<Result<SourceDraft>> {
  let result: { html: string; url: string } | undefined;
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: readRenderedPage,
    });
    result = injection?.result as { html: string; url: string } | undefined;
  } catch {
    result = undefined;
  }
  if (!result) {
    return fail(
      'unreachable',
      'Crosscheck cannot read this tab (browser pages, the extension gallery and PDF viewers are closed to extensions). Open the article itself and try again.',
    );
  }
  return draftFromHtml(result.html, result.url, 'tab');
}

/** Parses HTML inertly (DOMParser runs no scripts and loads nothing) and extracts the article. */
export function draftFromHtml(
  html: string,
  url: string | null,
  via: SourceDraft['via'],
): Result<SourceDraft> {
  const size = checkHtmlSize(html);
  if (!size.ok) return size;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return extractArticle(doc, { url, via, fallbackToBody: via === 'paste' });
}
