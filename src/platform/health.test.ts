import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('operability endpoints', () => {
  it('answers liveness without touching the database', async () => {
    const res = await t.client().get('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'UP' });
  });

  it('checks the database for readiness', async () => {
    const res = await t.client().get('/health/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'UP', database: { status: 'UP', kind: t.db.kind } });
  });

  it('reports the version and no personal data', async () => {
    const res = await t.client().get('/info');
    expect(res.json()).toMatchObject({ name: 'threshold', version: '0.1.0', database: t.db.kind });
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const ok = await t.client().get('/health', { 'x-request-id': 'abc-123' });
    expect(ok.headers['x-request-id']).toBe('abc-123');
    const bad = await t.client().get('/health', { 'x-request-id': 'bad id with spaces<script>' });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
