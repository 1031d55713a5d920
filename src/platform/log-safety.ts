/**
 * Logs carry ids, never personal data. Database errors quote the failed query's parameters (which can be names
 * or narrative), so every error is reduced to its type, code and the first line of its message before logging.
 */
export function safeErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n')[0] ?? '';
  // drizzle: "Failed query: <sql>\nparams: …"; keep the SQL text (no values), drop everything after it. The
  // database's own reason (the cause) names a constraint or a type, not a value.
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${(err.cause.message.split('\n')[0] ?? '').slice(0, 200)})` : '';
  return (firstLine.length > 500 ? `${firstLine.slice(0, 500)}…` : firstLine) + cause;
}

export function serializeError(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: safeErrorMessage(err), stack: '' };
  const e = err as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  const cause = e.cause instanceof Error ? { type: e.cause.name, code: (e.cause as { code?: unknown }).code, message: safeErrorMessage(e.cause) } : undefined;
  return {
    type: e.name,
    message: safeErrorMessage(e),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
    ...(cause ? { cause } : {}),
    stack: (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 10).join('\n'),
  };
}
