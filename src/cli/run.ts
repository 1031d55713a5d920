/** Runs a command-line tool: its exit code, or 1 with a one-line message (never a stack with personal data). */
import { safeErrorMessage } from '../platform/log-safety.js';

export function runCli(name: string, main: () => Promise<number | void>, failureExitCode = 1): void {
  main()
    .then((code) => process.exit(code ?? 0))
    .catch((err: unknown) => {
      console.error(`${name}: ${safeErrorMessage(err)}`);
      process.exit(failureExitCode);
    });
}
