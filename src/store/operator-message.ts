/**
 * The text an operator reads (terminal, server log) for an error: a store error keeps the detail
 * (address, driver's words) in a string `cause`; its `message` is for API clients.
 */
export function operatorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return typeof err.cause === 'string' ? err.cause : err.message;
}
