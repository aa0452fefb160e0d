import { z } from 'zod';
import { MAX_CONTEXT_DISTANCE } from '../../seed';
import type { Endpoint } from '../openapi';
import { BadParameterError, NotFoundError } from '../../model/errors';
import { csvList, SourceIdParam } from '../params';
import { SourceDetail, SourceSummary } from '../../model';

const SourcePath = z.object({ id: SourceIdParam });

/** As many context paragraphs as a citation may carry. */
const MAX_CONTEXT = 3;

/** A paragraph number as written in a URL: 1, 2, ... (no sign, no fraction, no leading zero). */
const ParagraphNumber = z
  .string()
  .regex(/^[1-9]\d{0,6}$/, 'a paragraph number: 1, 2, 3, ...')
  .transform(Number);

const PassagePath = SourcePath.extend({
  n: ParagraphNumber.describe('The paragraph number: paragraph N is the N-th non-empty line of the source.'),
});

const PassageQuery = z.object({
  context: csvList(ParagraphNumber)
    .pipe(z.array(z.number()).max(MAX_CONTEXT, `at most ${MAX_CONTEXT} context paragraphs`))
    .optional()
    .describe(
      `Neighbouring paragraphs to add (comma-separated, at most ${MAX_CONTEXT}, each within ${MAX_CONTEXT_DISTANCE} of n), as a citation's context lists them.`,
    ),
});

const PassageResponse = z.object({
  source: z.string(),
  paragraph: z.number(),
  text: z.string().describe('The paragraph as the source file has it.'),
  paragraphs: z.number().describe('How many paragraphs the source has.'),
  context: z
    .array(z.object({ paragraph: z.number(), text: z.string() }))
    .optional()
    .describe('The context paragraphs asked for, in reading order.'),
});

export const sourceEndpoints: Endpoint[] = [
  {
    path: '/sources',
    summary: 'The source documents, with how often each is cited',
    response: z.object({ sources: z.array(SourceSummary) }),
    handle: async (_req, res, { store }) => res.json({ sources: await store.sources() }),
  },
  {
    path: '/sources/{id}',
    summary: 'One source and everything it supports',
    pathParams: SourcePath,
    response: SourceDetail,
    errors: [400, 404],
    async handle(req, res, { store }) {
      const { id } = SourcePath.parse(req.params);
      const source = await store.source(id);
      if (!source) throw new NotFoundError(`unknown source "${id}"`);
      res.json(source);
    },
  },
  {
    path: '/sources/{id}/paragraphs/{n}',
    summary: 'The text of a cited paragraph, read from the sources folder',
    description:
      'Served only when the server has the source texts (KG_SOURCES_DIR, default ../shared/seeds); /api/health says so in `passages`. Without them: 503 SOURCES_UNAVAILABLE. A paragraph past the end of the source is 404, and the message says how many paragraphs it has.',
    pathParams: PassagePath,
    query: PassageQuery,
    response: PassageResponse,
    errors: [400, 404, 503],
    async handle(req, res, { store, texts }) {
      const { id, n } = PassagePath.parse(req.params);
      const { context = [] } = PassageQuery.parse(req.query);
      const far = context.find((p) => p === n || Math.abs(p - n) > MAX_CONTEXT_DISTANCE);
      const tooFar = `must differ from paragraph ${n} and lie at most ${MAX_CONTEXT_DISTANCE} paragraphs from it`;
      if (far !== undefined) throw new BadParameterError('context', `context paragraph ${far} ${tooFar}`);
      // The file name comes from the source record, never from the URL.
      const source = (await store.sources()).find((s) => s.id === id);
      if (!source) throw new NotFoundError(`unknown source "${id}"`);
      const paragraphs = await texts.paragraphs(source.file);
      const [passage, ...around] = [n, ...[...new Set(context)].sort((a, b) => a - b)].map((p, i) => {
        const text = paragraphs[p - 1];
        if (text === undefined)
          throw new NotFoundError(
            `paragraph ${p} (parameter "${i ? 'context' : 'n'}") does not exist: source "${id}" has ${paragraphs.length} paragraphs`,
          );
        return { paragraph: p, text };
      });
      res.json({
        source: id,
        paragraph: n,
        text: passage!.text,
        paragraphs: paragraphs.length,
        ...(around.length ? { context: around } : {}),
      });
    },
  },
];
