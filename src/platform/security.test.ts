import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { assetUrl } from './assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    extend: (app) =>
      app.get('/__boom', { config: { rule: 'public' } }, async () => {
        throw new Error('secret internal detail');
      }),
  });
});
afterAll(async () => t.close());

describe('security headers', () => {
  it('sends a nonce-based CSP with no unsafe-inline, and the nonce on every script', async () => {
    const res = await t.client().get('/sign-in');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    // No inline event handlers anywhere.
    expect(res.body).not.toMatch(/\son[a-z]+="/i);
  });

  it('uses a new nonce for every response', async () => {
    const a = String((await t.client().get('/sign-in')).headers['content-security-policy']);
    const b = String((await t.client().get('/sign-in')).headers['content-security-policy']);
    expect(a).not.toBe(b);
  });

  it('sends HSTS, no framing, no sniffing, a strict referrer policy and no caching of pages', async () => {
    const res = await t.client().get('/sign-in');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('links each asset by its version, kept a year; revalidates any other address of it; serves the GOV.UK Frontend files', async () => {
    const page = (await t.client().get('/sign-in')).body;
    const linked = [...page.matchAll(/(?:href|src)="(\/(?:public|assets)\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(linked).toEqual(expect.arrayContaining([assetUrl('/assets/vendor/govuk-frontend.min.css'), assetUrl('/public/app.css'), assetUrl('/public/app.js')]));
    for (const url of linked) {
      expect(url).toMatch(/\?v=[0-9a-f]{12}$/);
      const res = await t.client().get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    const css = await t.client().get('/assets/vendor/govuk-frontend.min.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toBe('no-cache');
    expect(css.headers.etag).toBeTruthy();
    expect((await t.client().get('/public/app.css?v=000000000000')).headers['cache-control']).toBe('no-cache');
    const font = await t.client().get('/assets/fonts/noto-naskh-arabic/noto-naskh-arabic-arabic-400-normal.woff2');
    expect(font.statusCode).toBe(200);
    expect(font.headers['cache-control']).toBe('public, max-age=86400');
    expect((await t.client().get('/public/favicon.svg')).statusCode).toBe(200);
  });

  it('does not serve files outside the asset folders', async () => {
    for (const url of ['/assets/../../package.json', '/public/..%2f..%2fconfig.ts', '/assets/%2e%2e/%2e%2e/package.json']) {
      const res = await t.client().get(url);
      expect([403, 404]).toContain(res.statusCode);
    }
  });

  it('hides server error details from the client but gives a reference', async () => {
    const res = await t.client().get('/__boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).toContain(String(res.headers['x-request-id']));
  });
});
