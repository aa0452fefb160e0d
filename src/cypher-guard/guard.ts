import { createRequire } from 'node:module';
import type * as LanguageSupport from '@neo4j-cypher/language-support';
import { CypherRefusedError, CypherSyntaxError, type QueryPosition } from '../model/errors';
import { functionAllowed, procedureAllowed } from './allow-list';
import { checkQueryLimits } from './limits';
import { refuseUnsafeUnicodeEscapes } from './unicode-escapes';

/** The statement the parser approved (its very text, no trailing semicolon), and EXPLAIN or PROFILE when given. */
export type GuardedQuery = { statement: string; mode?: 'EXPLAIN' | 'PROFILE' };

type Ctx = LanguageSupport.ParserRuleContext;
type Rule = abstract new (...args: never[]) => Ctx;
const START: QueryPosition = { line: 1, column: 1 };

let loaded: typeof LanguageSupport | undefined;
// Neo4j's parser and analyser, loaded on first use (half a second), from the CommonJS build (its ESM breaks Node 20).
function cypherLanguage(): typeof LanguageSupport {
  return (loaded ??= createRequire(import.meta.url)('@neo4j-cypher/language-support') as typeof LanguageSupport);
}

/**
 * The read-only guard walks Neo4j's own parse tree: a keyword in a string, comment or quoted name never trips it, and a
 * write in a subquery, after UNION or under EXPLAIN never slips through. Refusals (403) come before semantic analysis
 * (400), so a write is always reported as a write.
 */
export function guardCypher(query: string, params: Record<string, unknown> = {}): GuardedQuery {
  checkQueryLimits(query, params);
  refuseUnsafeUnicodeEscapes(query);
  const ls = cypherLanguage();
  const points = Array.from(query);
  // The splitter yields empty statements (whitespace, comments, a stray ";") after a trailing ";" and for blank input.
  const blank = [ls.CypherLexer.EOF, ls.CypherLexer.SEMICOLON, ls.CypherLexer.SPACE];
  const statements = ls.parserWrapper
    .parse(query, true)
    .statementsParsing.filter((s) => s.tokens.some((t) => t.channel === 0 && !blank.includes(t.type)));
  if (statements.some((s) => s.syntaxErrors.length > 0))
    throw analyserError(query, params) ?? new CypherSyntaxError('the query is not valid Cypher', START);
  const first = statements[0];
  if (!first) throw new CypherSyntaxError('the query is empty', START);
  if (statements.length > 1)
    throw new CypherRefusedError(
      `only one statement per request: found ${statements.length}, separated by ";"`,
      positionOf(statements[1]!.ctx),
    );

  let mode: GuardedQuery['mode'];
  let end = first.ctx.start.start - 1;
  walk(first.ctx, (c) => {
    if (c instanceof ls.PreparserOptionContext) mode = c.EXPLAIN() ? 'EXPLAIN' : c.PROFILE() ? 'PROFILE' : mode;
    if (c instanceof ls.PreparsedStatementContext && c.stop) end = Math.max(end, c.stop.stop);
    return !(c instanceof ls.StatementContext);
  });
  const refusal = findRefusal(first.ctx, points);
  if (refusal) {
    const under = mode ? ` (refused even under ${mode})` : '';
    throw new CypherRefusedError(`${refusal.reason}${under}`, positionOf(refusal.at));
  }
  const semantic = analyserError(query, params);
  if (semantic) throw semantic;

  const statement = first.command.type === 'cypher' ? textOf(points, first.ctx.start.start, end) : query;
  return { statement: statement.trim(), ...(mode ? { mode } : {}) };
}

/** The first error of Neo4j's semantic analyser, which words syntax errors as Neo4j does ("Invalid input ..."). */
function analyserError(query: string, params: Record<string, unknown>): CypherSyntaxError | null {
  const parameters = Object.fromEntries(Object.keys(params).map((k) => [k, params[k] ?? null]));
  const found = cypherLanguage()
    .lintCypherQuery(query, { parameters }, true)
    .find((d) => d.severity === 1);
  if (!found) return null;
  const message = typeof found.message === 'string' ? found.message : found.message.value;
  return new CypherSyntaxError(message, { line: found.range.start.line + 1, column: found.range.start.character + 1 });
}

const positionOf = (ctx: Ctx): QueryPosition => ({ line: ctx.start.line, column: ctx.start.column + 1 });

/** Depth-first in source order; `visit` answers whether to go into a rule's children. */
function walk(ctx: Ctx, visit: (c: Ctx) => boolean): void {
  if (!visit(ctx)) return;
  for (const child of ruleChildren(ctx)) walk(child, visit);
}

/** The rules under a rule, without its tokens. */
const ruleChildren = (ctx: Ctx): Ctx[] => (ctx.children ?? []).filter((c): c is Ctx => 'children' in c);

/** `db`.`labels` and db.labels are the same name: backticks are quoting, not part of it. */
const qualifiedName = (ctx: Ctx) =>
  ctx.getText().replace(/`((?:[^`]|``)*)`/g, (_, name: string) => name.replace(/``/g, '`'));

const READ_ONLY = 'only read queries are allowed here';
const READ_ONLY_PROCEDURES =
  'read-only procedures (db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, full-text queries, apoc.path.*)';

/** The first thing in the tree that makes the query unsafe, depth-first in source order. */
function findRefusal(root: Ctx, points: string[]): { reason: string; at: Ctx } | null {
  const ls = cypherLanguage();
  /** The first few words of a rule's source text, for messages. */
  const leadingWords = (c: Ctx, words: number) => {
    const text = textOf(points, c.start.start, (c.stop ?? c.start).stop).trim();
    return text.split(/\s+/).slice(0, words).join(' ').toUpperCase();
  };
  const unlisted = (c: Ctx, allowed: (name: string) => boolean, what: string, list: string) => {
    const name = qualifiedName(c);
    return allowed(name) ? null : `${what} "${name}" is not on the allow-list of ${list}`;
  };
  const readOnly = (what: string) => () => `${what}; ${READ_ONLY}`;
  const writes = (what: string) => readOnly(`${what} writes to the database`);
  const rules: [Rule, (c: Ctx) => string | null][] = [
    [ls.ConsoleCommandContext, (c) => `"${leadingWords(c, 2).toLowerCase()}" is a console command, not Cypher`],
    [
      ls.CommandContext,
      (c) =>
        `"${leadingWords(ruleChildren(c).find((x) => !(x instanceof ls.UseClauseContext)) ?? c, 2)}" is an administration command (schema, users, roles, databases, servers, transactions); ${READ_ONLY}`,
    ],
    [ls.UseClauseContext, () => `USE selects another database or graph; queries run against the knowledge graph only`],
    [ls.CreateClauseContext, writes('CREATE')],
    [ls.InsertClauseContext, writes('INSERT')],
    [ls.MergeClauseContext, writes('MERGE')],
    [ls.SetClauseContext, writes('SET')],
    [ls.RemoveClauseContext, writes('REMOVE')],
    [ls.DeleteClauseContext, (c) => writes(leadingWords(c, 1).startsWith('DETACH') ? 'DETACH DELETE' : 'DELETE')()],
    [ls.ForeachClauseContext, readOnly('FOREACH exists to write to the database')],
    [ls.LoadCSVClauseContext, readOnly('LOAD CSV reads files or URLs from the server')],
    [ls.SubqueryInTransactionsParametersContext, readOnly('CALL { ... } IN TRANSACTIONS commits its own transactions')],
    [ls.ProcedureNameContext, (c) => unlisted(c, procedureAllowed, 'procedure', READ_ONLY_PROCEDURES)],
    [ls.FunctionNameContext, (c) => unlisted(c, functionAllowed, 'function', 'pure functions')],
  ];
  let found: { reason: string; at: Ctx } | null = null;
  walk(root, (c) => {
    const reason = found ? null : rules.map(([rule, check]) => (c instanceof rule ? check(c) : null)).find(Boolean);
    if (reason) found = { reason, at: c };
    return !found;
  });
  return found;
}

/** The text from one code point to another (inclusive): the parser's offsets count code points, not UTF-16 units. */
const textOf = (points: string[], from: number, to: number) => points.slice(from, to + 1).join('');
