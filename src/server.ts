/**
 * The process: read configuration, open and prepare the database, build the app, listen, and shut down
 * gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the database).
 */
import { buildApp, demoPasswordHash } from './app.js';
import { loadConfig } from './config.js';
import { openConfiguredDatabase, prepareDatabase } from './db/prepare.js';
import { safeErrorMessage } from './platform/log-safety.js';
import { readyTheRegister } from './startup.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config);
  const app = await buildApp({ config, db: handle });
  const { seeded } = await prepareDatabase(handle, {
    seedDemoWhenEmpty: config.seedDemoWhenEmpty,
    demoPasswordHash,
    now: new Date(),
    log: (message) => app.log.info(`seed: ${message}`),
  });
  await readyTheRegister(app.services, { seeded, log: (message) => app.log.info(`register: ${message}`) });
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: handle.kind, seeded, startupMs: Date.now() - started, demo: config.demo },
    `Threshold is ready on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    timer.unref();
    try {
      await app.close();
      await handle.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Threshold failed to start:', safeErrorMessage(err));
  process.exit(1);
});
