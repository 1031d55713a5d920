/** Liveness, readiness and version: for load balancers and operators. No personal data. */
import { sql } from 'drizzle-orm';
import { type FastifyInstance } from 'fastify';
import { type Config } from '../config.js';
import { type DbHandle } from '../db/client.js';

export function registerHealthRoutes(app: FastifyInstance, deps: { db: DbHandle; config: Config; startedAt: Date }): void {
  app.get('/health', { config: { rule: 'public' }, logLevel: 'warn' }, async () => ({ status: 'UP' }));

  app.get('/health/ready', { config: { rule: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    const started = Date.now();
    try {
      await deps.db.db.execute(sql`select 1`);
      return { status: 'UP', database: { status: 'UP', kind: deps.db.kind, latencyMs: Date.now() - started } };
    } catch {
      return reply.code(503).send({ status: 'DOWN', database: { status: 'DOWN', kind: deps.db.kind } });
    }
  });

  app.get('/info', { config: { rule: 'public' } }, async () => ({
    name: 'threshold',
    version: deps.config.version,
    gitSha: deps.config.gitSha,
    database: deps.db.kind,
    node: process.version,
    startedAt: deps.startedAt.toISOString(),
  }));
}
