/**
 * The process: read configuration, open and prepare the database, build the app, listen, and shut down
 * gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the database).
 */
import { buildApp, demoPasswordHash } from './app.js';
import { loadConfig } from './config.js';
import { openConfiguredDatabase, prepareDatabase } from './db/prepare.js';
import { safeErrorMessage } from './platform/log-safety.js';
import { createServices } from './services.js';
import { readyTheRegister } from './startup.js';
import { emailSenderFromEnv } from './features/notifications/senders.js';
import { OutboxWorker } from './platform/outbox.js';
import { AuditSealer } from './platform/audit-sealer.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const emailSender = emailSenderFromEnv(process.env);
  const handle = await openConfiguredDatabase(config);
  const now = () => new Date();
  const app = await buildApp(createServices(config, handle, now), { config, db: handle, now });
  const { seeded } = await prepareDatabase(handle, {
    seedDemoWhenEmpty: config.seedDemoWhenEmpty,
    demoPasswordHash,
    now: new Date(),
    log: (message) => app.log.info(`seed: ${message}`),
  });
  await readyTheRegister(app.services, { seeded, log: (message) => app.log.info(`register: ${message}`) });
  await app.listen({ port: config.port, host: config.host });
  // Police file imports left unfinished by the last stop carry on from their last chunk (an embedded database is
  // this process's alone, so all of them; on PostgreSQL, those whose claim has run out, now and every 30 s).
  const resumed = await app.services.imports.resumeInterrupted({ all: handle.kind === 'pglite' });
  if (resumed) app.log.warn({ resumed }, 'police file imports left unfinished by the last stop are resuming where they stopped');
  app.services.imports.startResuming(30_000, (message, fields) => app.log.warn(fields, message));
  // Background work: the audit sealer chains audit events and checkpoints them (every second); the outbox
  // delivers emails; the front door's sweep sends reminders and escalations.
  const sealer = new AuditSealer(handle.db, config.auditCheckpointKey, {
    log: (message, fields) => app.log.info(fields, message),
    error: (message, fields) => app.log.error(fields, message),
  });
  sealer.start(1_000);
  const outbox = new OutboxWorker(handle.db, emailSender, { log: (message, fields) => app.log.info(fields, message) });
  outbox.start(5_000);
  app.services.infoRequests.startSweeping(60_000);
  // The partnership's action tracker: reminders before an action is due and escalation once it is overdue (hourly; each sent once).
  app.services.actions.startReminding(60 * 60_000, (message, fields) => app.log.info(fields, message));
  // Training's 3-month impact questionnaires, each emailed once when due (every 10 minutes).
  app.services.training.startImpactChecks(600_000);
  // The public site: page counts written every minute (and on stop), report drafts past their time deleted hourly.
  app.services.publicSite.startHousekeeping(60_000, 60 * 60_000, (message, fields) => app.log.warn(fields, message));
  // Find help: one email an area listing the directory's entries that have grown out of date (checked hourly; an
  // entry falls out of date by the day and is reminded of once, so an area hears at most once a day).
  app.services.publicContent.startReminding(60 * 60_000, (message, fields) => app.log.info(fields, message));
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
      await app.services.infoRequests.stopSweeping();
      await app.services.actions.stopReminding();
      await app.services.training.stopImpactChecks();
      await app.services.publicContent.stopReminding();
      await outbox.stop();
      await app.services.imports.stop();
      await app.close();
      // After the last requests: the page counts still in memory are written before the database closes.
      await app.services.publicSite.stopHousekeeping().catch((err: unknown) => app.log.warn({ err }, 'page counts not written at shutdown'));
      // Seal what the last requests audited before the database closes.
      await sealer.stop();
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
