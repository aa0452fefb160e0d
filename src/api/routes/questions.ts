import { z } from 'zod';
import { NotFoundError } from '../../model/errors';
import { QuestionSummarySchema } from '../../model/questions';
import { runQuestion } from '../../questions';
import type { Endpoint } from '../openapi';
import { ClaimView, SerializedGraph } from '../../model';
import { claimsBriefing, questionInput } from '../../briefing';
import { answerOrBrief, BriefingQuery } from '../briefing';

export const QuestionPath = z.object({
  id: z.string().min(1).max(120).describe('A question id, e.g. "chinese-interests-targeted".'),
});

export const QuestionsResponse = z.object({ questions: z.array(QuestionSummarySchema) });

export const QuestionAnswerResponse = z.object({
  question: QuestionSummarySchema,
  parameters: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .describe('The values used, defaults filled in.'),
  graph: SerializedGraph.describe('The union of the subgraphs of the recipe steps, entities by id, relations by key.'),
  claims: z.array(ClaimView).describe('Every relation of the graph, in relation-key order.'),
});

export const questionEndpoints: Endpoint[] = [
  {
    path: '/questions',
    summary: 'The saved questions, with their typed parameters',
    description:
      'The questions of the `questions/` folder (one YAML file each), in id order: what each asks and the parameters it takes, with their types, allowed entity kinds and defaults.',
    response: QuestionsResponse,
    handle(_req, res, { questions }) {
      res.json({
        questions: questions.map(({ id, title, description, parameters }) => ({ id, title, description, parameters })),
      });
    },
  },
  {
    path: '/questions/{id}',
    summary: 'Run a saved question',
    description:
      "The question's parameters go in the query string by name (`?actor=bla&from=2021`); those not given take their defaults. The recipe's neighbourhood and paths steps run on the store and the answer is the union subgraph with every relation in it as a cited claim. A parameter of the wrong type or an entity of a kind the parameter does not take is 400, an unknown entity 404, both naming the parameter; an unknown parameter name is 400. With `format=markdown`, a cited briefing (text/markdown): the question, its parameters, and the claims that answer it, one footnoted sentence each.",
    pathParams: QuestionPath,
    query: BriefingQuery,
    response: QuestionAnswerResponse,
    errors: [400, 404, 503],
    async handle(req, res, context) {
      const { id } = QuestionPath.parse(req.params);
      const question = context.questions.find((q) => q.id === id);
      if (!question) throw new NotFoundError(`unknown question "${id}"; GET /api/questions lists them`);
      const q = BriefingQuery.parse(req.query);
      const answer = await runQuestion(context.store, question, req.query);
      await answerOrBrief(res, context, q, answer, async () =>
        claimsBriefing(await questionInput(context.store, answer)),
      );
    },
  },
];
