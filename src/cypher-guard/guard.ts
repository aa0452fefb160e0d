import { functionAllowed, procedureAllowed } from './allow-list';
import { CypherRefusedError, CypherSyntaxError, type QueryPosition } from '../model/errors';
import { checkQueryLimits } from './limits';
import { cypherLanguage } from './parser';
import { refuseUnsafeUnicodeEscapes } from './unicode-escapes';

/**
 * The read-only guard for user Cypher. It parses with Neo4j's own grammar and walks the parse
 * tree, so a keyword inside a string, a comment or a backticked name never trips it, and a write
 * hidden in a subquery, after UNION or under EXPLAIN never slips through.
 *
 * Order: size limits (400) -> Unicode escapes Neo4j would read early (403) -> syntax (400) ->
 * read-only rules (403) -> semantic analysis (400). Refusal comes before semantic analysis so that
 * a write is always reported as a write, whatever else is wrong with it.
 *
 * The statement returned is the very text the parser approved: cut out of the query at the
 * parser's token offsets, which count code points (mapped here to the string's UTF-16 units, so
 * an emoji before the statement does not shift the cut).
 */
export interface GuardedQuery {
  /** The single statement, without a trailing semicolon. */
  statement: string;
  /** EXPLAIN or PROFILE when given. */
  mode?: 'EXPLAIN' | 'PROFILE';
}

// The parser's types, as the package's public API gives them (antlr4 is not ours to import).
type ParsedStatement = ReturnType<
  ReturnType<typeof cypherLanguage>['parserWrapper']['parse']
>['statementsParsing'][number];
type Token = ParsedStatement['tokens'][number];
type Ctx = ParsedStatement['stopNode'] & { children?: unknown[] | null };

/** Throws CypherSyntaxError or CypherRefusedError; returns the statement when it may run. */
export function guardCypher(query: string, params: Record<string, unknown> = {}): GuardedQuery {
  checkQueryLimits(query, params);
  refuseUnsafeUnicodeEscapes(query);
  const ls = cypherLanguage();
  const parsed = ls.parserWrapper.parse(query, true);

  // The splitter yields an empty statement after a trailing ";" (and for blank input).
  const statements = parsed.statementsParsing.filter((s) => !isEmptyStatement(s.tokens));
  if (statements.some((s) => s.syntaxErrors.length > 0)) {
    throw syntaxError(query, params);
  }
  const first = statements[0];
  if (!first) throw new CypherSyntaxError('the query is empty', { line: 1, column: 1 });
  if (statements.length > 1) {
    const second = statements[1]!.ctx as Ctx;
    throw new CypherRefusedError(
      `only one statement per request: found ${statements.length}, separated by ";"`,
      positionOf(second),
    );
  }

  const mode = explainOrProfile(first.ctx as Ctx);
  const refusal = findRefusal(first.ctx as Ctx, query);
  if (refusal) {
    const under = mode ? ` (refused even under ${mode})` : '';
    throw new CypherRefusedError(`${refusal.reason}${under}`, refusal.position);
  }

  const semantic = ls
    .lintCypherQuery(query, { parameters: declaredParameters(params) }, true)
    .filter((d) => d.severity === 1);
  const firstProblem = semantic[0];
  if (firstProblem)
    throw new CypherSyntaxError(messageText(firstProblem.message), {
      line: firstProblem.range.start.line + 1,
      column: firstProblem.range.start.character + 1,
    });

  const statement =
    first.command.type === 'cypher'
      ? sliceCodePoints(query, first.ctx.start.start, endOfStatement(first.ctx as Ctx) + 1).trim()
      : query.trim();
  return { statement, ...(mode ? { mode } : {}) };
}

/** text[from, to) where from and to count code points, as the parser's offsets do. */
export function sliceCodePoints(text: string, from: number, to: number): string {
  let units = 0;
  let points = 0;
  let start = -1;
  while (points < to && units < text.length) {
    if (points === from) start = units;
    const code = text.codePointAt(units)!;
    units += code > 0xffff ? 2 : 1;
    points++;
  }
  if (points === from) start = units;
  return start < 0 ? '' : text.slice(start, units);
}

function syntaxError(query: string, params: Record<string, unknown>): CypherSyntaxError {
  const ls = cypherLanguage();
  // The semantic analyser words syntax errors as Neo4j itself does ("Invalid input ... expected ...").
  const diagnostic = ls
    .lintCypherQuery(query, { parameters: declaredParameters(params) }, true)
    .find((d) => d.severity === 1);
  if (diagnostic)
    return new CypherSyntaxError(messageText(diagnostic.message), {
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
    });
  return new CypherSyntaxError('the query is not valid Cypher', { line: 1, column: 1 });
}

function messageText(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}

function declaredParameters(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(params).map((k) => [k, params[k] ?? null]));
}

function positionOf(ctx: Ctx): QueryPosition {
  return { line: ctx.start.line, column: ctx.start.column + 1 };
}

function children(ctx: Ctx): Ctx[] {
  return (ctx.children ?? []).filter((c): c is Ctx => typeof c === 'object' && c !== null && 'children' in c);
}

/** A statement made only of whitespace, comments or a stray semicolon. */
function isEmptyStatement(tokens: readonly Token[]): boolean {
  const ls = cypherLanguage();
  return !tokens.some(
    (t) =>
      t.channel === 0 &&
      t.type !== ls.CypherLexer.EOF &&
      t.type !== ls.CypherLexer.SEMICOLON &&
      t.type !== ls.CypherLexer.SPACE,
  );
}

function explainOrProfile(ctx: Ctx): 'EXPLAIN' | 'PROFILE' | undefined {
  const ls = cypherLanguage();
  let mode: 'EXPLAIN' | 'PROFILE' | undefined;
  const visit = (c: Ctx) => {
    if (c instanceof ls.PreparserOptionContext) {
      if (c.EXPLAIN()) mode = 'EXPLAIN';
      if (c.PROFILE()) mode = 'PROFILE';
    }
    if (!(c instanceof ls.StatementContext)) children(c).forEach(visit);
  };
  visit(ctx);
  return mode;
}

function endOfStatement(ctx: Ctx): number {
  const ls = cypherLanguage();
  let stop = ctx.start.start - 1;
  const visit = (c: Ctx) => {
    if (c instanceof ls.PreparsedStatementContext && c.stop) stop = Math.max(stop, c.stop.stop);
    else children(c).forEach(visit);
  };
  visit(ctx);
  return stop;
}

/** The source text of a rule, with its first few words, for messages. */
function leadingWords(ctx: Ctx, query: string, words: number): string {
  const text = query.slice(ctx.start.start, (ctx.stop?.stop ?? ctx.start.stop) + 1);
  return text.split(/\s+/).filter(Boolean).slice(0, words).join(' ').toUpperCase();
}

/** `db`.`labels` and db.labels are the same name: backticks are quoting, not part of it. */
function qualifiedName(ctx: { namespace(): { symbolicNameString_list(): Ctx[] }; symbolicNameString(): Ctx }): string {
  const parts = [...ctx.namespace().symbolicNameString_list(), ctx.symbolicNameString()].map((p) => {
    const text = p.getText();
    return text.startsWith('`') && text.endsWith('`') && text.length >= 2
      ? text.slice(1, -1).replace(/``/g, '`')
      : text;
  });
  return parts.join('.');
}

interface Refusal {
  reason: string;
  position: QueryPosition;
}

const READ_ONLY = 'only read queries are allowed here';

/** The first thing in the tree that makes the query unsafe, depth-first in source order. */
function findRefusal(root: Ctx, query: string): Refusal | null {
  const ls = cypherLanguage();
  const rules: [new (...args: never[]) => unknown, (c: Ctx) => string | null][] = [
    [ls.ConsoleCommandContext, (c) => `"${leadingWords(c, query, 2).toLowerCase()}" is a console command, not Cypher`],
    [
      ls.CommandContext,
      (c) =>
        `"${leadingWords(children(c).find((x) => !(x instanceof ls.UseClauseContext)) ?? c, query, 2)}" is an administration command (schema, users, roles, databases, servers, transactions); ${READ_ONLY}`,
    ],
    [ls.UseClauseContext, () => `USE selects another database or graph; queries run against the knowledge graph only`],
    [ls.CreateClauseContext, () => `CREATE writes to the database; ${READ_ONLY}`],
    [ls.InsertClauseContext, () => `INSERT writes to the database; ${READ_ONLY}`],
    [ls.MergeClauseContext, () => `MERGE writes to the database; ${READ_ONLY}`],
    [ls.SetClauseContext, () => `SET writes to the database; ${READ_ONLY}`],
    [ls.RemoveClauseContext, () => `REMOVE writes to the database; ${READ_ONLY}`],
    [
      ls.DeleteClauseContext,
      (c) =>
        `${(c as unknown as { DETACH(): unknown }).DETACH() ? 'DETACH DELETE' : 'DELETE'} writes to the database; ${READ_ONLY}`,
    ],
    [ls.ForeachClauseContext, () => `FOREACH exists to write to the database; ${READ_ONLY}`],
    [ls.LoadCSVClauseContext, () => `LOAD CSV reads files or URLs from the server; ${READ_ONLY}`],
    [
      ls.SubqueryInTransactionsParametersContext,
      () => `CALL { ... } IN TRANSACTIONS commits its own transactions; ${READ_ONLY}`,
    ],
    [
      ls.ProcedureNameContext,
      (c) => {
        const name = qualifiedName(c as never);
        return procedureAllowed(name)
          ? null
          : `procedure "${name}" is not on the allow-list of read-only procedures (db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, full-text queries, apoc.path.*)`;
      },
    ],
    [
      ls.FunctionNameContext,
      (c) => {
        const name = qualifiedName(c as never);
        return functionAllowed(name) ? null : `function "${name}" is not on the allow-list of pure functions`;
      },
    ],
  ];
  let found: Refusal | null = null;
  const visit = (c: Ctx) => {
    if (found) return;
    for (const [type, check] of rules) {
      if (c instanceof type) {
        const reason = check(c);
        if (reason) {
          found = { reason, position: positionOf(c) };
          return;
        }
      }
    }
    children(c).forEach(visit);
  };
  visit(root);
  return found;
}
