import type { Response } from 'express';
import { z } from 'zod';
import { citedPassages, finishBriefing, type BriefingDraft } from '../briefing';
import { BadParameterError, SourceTextUnavailableError } from '../model/errors';
import type { GraphStore } from '../store/port';
import { booleanParam } from './params';
import type { SourceTexts } from './source-texts';

/** `format` and `passages`: the query parameters of every answer that can be had as a briefing. */
export const BriefingQuery = z.object({
  format: z
    .enum(['json', 'markdown'])
    .default('json')
    .describe(
      '`json` (default) or `markdown`: a cited briefing (text/markdown), each claim one sentence with a numbered footnote (source title, publisher, date, paragraph; status and who asserts it when not simply reported).',
    ),
  passages: booleanParam
    .default(false)
    .describe(
      'With format=markdown: add an appendix quoting each cited paragraph once, read from the sources folder (503 SOURCES_UNAVAILABLE without it).',
    ),
});

/** Whether the client asked for a briefing; passages without one is a mistake worth naming. */
export function wantsBriefing(q: z.infer<typeof BriefingQuery>): boolean {
  if (q.passages && q.format !== 'markdown')
    throw new BadParameterError('passages', 'passages=true needs format=markdown');
  return q.format === 'markdown';
}

/** Sends a briefing as text/markdown, with the cited passages quoted when asked for. */
export async function sendBriefing(
  res: Response,
  store: GraphStore,
  texts: SourceTexts,
  draft: BriefingDraft,
  passages: boolean,
): Promise<void> {
  let quoted: Map<string, string | undefined> | undefined;
  if (passages) {
    // Asked before any reading, so a briefing with no citation still says the texts are missing.
    if (!texts.available())
      throw new SourceTextUnavailableError(
        'the source texts are not available: set KG_SOURCES_DIR to the folder holding them (default ../shared/seeds)',
      );
    quoted = await citedPassages(store, draft, (file) => texts.paragraphs(file));
  }
  res.type('text/markdown; charset=utf-8').send(finishBriefing(draft, quoted));
}
