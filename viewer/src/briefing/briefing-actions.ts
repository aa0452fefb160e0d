import { api, ApiError } from '../api/client';
import { download } from '../export/export-view';
import { h } from '../ui/dom';
import { briefingFileName } from './file-name';

/** What a briefing is about: the answer's API URL (api/client answerUrls) and what to call the file. */
export interface BriefingSubject {
  /** The URL of the JSON answer shown; the briefing is the same URL with format=markdown. */
  url: string;
  /** The subject, e.g. an entity id, "bla-to-china", "targets-of-bla": the file is `<name>.md`. */
  name: string;
  /** The server has the source texts: offer "with passages" (the cited paragraphs quoted). */
  passages?: boolean;
}

/**
 * "Copy briefing" and "Download .md" for an answer on screen (an entity, a paths result, a
 * question's answer): each asks the server for the same answer as a cited Markdown briefing at
 * the time of the click, so what is copied is exactly what the API says, footnotes included.
 * When the server has the source texts, "with passages" adds the cited paragraphs as quotations.
 */
export function briefingActions(subject: BriefingSubject): HTMLElement {
  const quote = h('input', { attrs: { type: 'checkbox', 'data-action': 'briefing-passages' } });
  const message = h('span', { class: 'briefing-message', attrs: { role: 'status', 'aria-live': 'polite' } });
  const act = (done: string, use: (markdown: string) => Promise<void> | void) => async () => {
    message.textContent = 'preparing the briefing…';
    message.classList.remove('error');
    try {
      await use(await api.briefing(subject.url, quote.checked));
      message.textContent = done;
    } catch (err) {
      message.textContent = `No briefing: ${err instanceof ApiError ? err.message : (err as Error).message}`;
      message.classList.add('error');
    }
  };
  const file = briefingFileName(subject.name);
  const button = (action: string, label: string, title: string, onClick: () => Promise<void>) =>
    h(
      'button',
      { title, attrs: { type: 'button', 'data-action': action }, on: { click: () => void onClick() } },
      label,
    );
  return h(
    'div',
    { class: 'briefing-actions', attrs: { role: 'group', 'aria-label': 'Cited briefing' } },
    button(
      'copy-briefing',
      'Copy briefing',
      'Copy this answer as a Markdown report, each claim with its numbered source footnote',
      // A focused page may write text without asking; a browser that refuses says why below.
      act('Copied to the clipboard.', (md) => navigator.clipboard.writeText(md)),
    ),
    button(
      'download-briefing',
      'Download .md',
      `Save this answer as a Markdown report (${file})`,
      act(`Downloaded ${file}.`, (md) => download(new Blob([md], { type: 'text/markdown;charset=utf-8' }), file)),
    ),
    subject.passages
      ? h(
          'label',
          { class: 'briefing-passages', title: 'Quote each cited paragraph in an appendix' },
          quote,
          ' with passages',
        )
      : null,
    message,
  );
}
