/**
 * The text an operator reads (terminal, server log) for an error: a store error keeps its
 * detailed version, with the database's address and the driver's words, as a string `cause`,
 * while its `message` is what API clients are shown (see src/store/neo4j/errors.ts).
 */
export function operatorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return typeof err.cause === 'string' ? err.cause : err.message;
}
