import type { Response } from 'express';
import { z } from 'zod';
import { citedPassages, finishBriefing, type BriefingDraft } from '../briefing';
import { BadParameterError, SourceTextUnavailableError } from '../model/errors';
import type { ApiContext } from './app';
import { booleanParam } from './params';

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

/**
 * Sends `json`, or with format=markdown the briefing `draft` makes, with the cited passages quoted
 * when asked for; passages without a briefing is a mistake worth naming.
 */
export async function answerOrBrief(
  res: Response,
  { store, texts }: Pick<ApiContext, 'store' | 'texts'>,
  { format, passages }: z.infer<typeof BriefingQuery>,
  json: unknown,
  draft: () => Promise<BriefingDraft>,
): Promise<void> {
  if (passages && format !== 'markdown') throw new BadParameterError('passages', 'passages=true needs format=markdown');
  if (format === 'json') return void res.json(json);
  const briefing = await draft();
  // Asked before any reading, so a briefing with no citation still says the texts are missing.
  if (passages && !texts.available())
    throw new SourceTextUnavailableError(
      'the source texts are not available: set KG_SOURCES_DIR to the folder holding them (default ../shared/seeds)',
    );
  const quoted = passages ? await citedPassages(store, briefing, (file) => texts.paragraphs(file)) : undefined;
  res.type('text/markdown; charset=utf-8').send(finishBriefing(briefing, quoted));
}
