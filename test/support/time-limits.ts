/**
 * Time limits that scale with the machine: TEST_TIME_SCALE (default 1) multiplies every limit a test sets, so a
 * slow or busy machine can be given more time without editing tests. Limits are ceilings for a hung test, never
 * measurements: no test asserts how long something took.
 */
const scale = Math.max(1, Number(process.env.TEST_TIME_SCALE ?? '1') || 1);

export function limit(ms: number): number {
  return Math.round(ms * scale);
}
