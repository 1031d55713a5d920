import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { YEAR_SECONDS, assetCacheControl, assetUrl, assetVersions } from './assets.js';

describe('asset addresses', () => {
  it('version every linked file by its contents', () => {
    const app = readFileSync(new URL('../public/app.css', import.meta.url));
    expect(assetUrl('/public/app.css')).toBe(`/public/app.css?v=${createHash('sha256').update(app).digest('hex').slice(0, 12)}`);
    for (const url of ['/assets/vendor/govuk-frontend.min.css', '/assets/vendor/govuk-frontend.min.js', '/assets/vendor/moj-frontend.min.css', '/assets/vendor/moj-frontend.min.js', '/public/app.js', '/public/public-site.css', '/public/favicon.svg']) {
      expect(assetUrl(url)).toMatch(new RegExp(`^${url.replaceAll('.', '\\.')}\\?v=[0-9a-f]{12}$`));
    }
    expect(new Set(assetVersions().values()).size).toBe(assetVersions().size);
  });

  it('leave an address that is not a linked file as it is', () => {
    expect(assetUrl('/assets/images/govuk-crest.svg')).toBe('/assets/images/govuk-crest.svg');
    expect(assetUrl('/public/nothing.css')).toBe('/public/nothing.css');
    expect(assetUrl('/public/app.css?v=1')).toBe('/public/app.css?v=1');
  });
});

describe('how long an asset is kept', () => {
  const current = assetVersions().get('/public/app.css')!;

  it('a year, unchanged, at its current version’s address', () => {
    expect(assetCacheControl('/public/app.css', current, { reload: false })).toBe(`public, max-age=${YEAR_SECONDS}, immutable`);
    expect(YEAR_SECONDS).toBe(31_536_000);
  });

  it('revalidated at an old or missing version, or another file’s version', () => {
    expect(assetCacheControl('/public/app.css', '000000000000', { reload: false })).toBe('no-cache');
    expect(assetCacheControl('/public/app.css', undefined, { reload: false })).toBe('no-cache');
    expect(assetCacheControl('/public/app.css', '', { reload: false })).toBe('no-cache');
    expect(assetCacheControl('/public/app.js', current, { reload: false })).toBe('no-cache');
    expect(assetCacheControl('/assets/vendor/govuk-frontend.min.js', undefined, { reload: false })).toBe('no-cache');
  });

  it('a day for GOV.UK Frontend’s fonts and images', () => {
    expect(assetCacheControl('/assets/fonts/light-94a07e06a1-v2.woff2', undefined, { reload: false })).toBe('public, max-age=86400');
    expect(assetCacheControl('/assets/images/govuk-crest.svg', undefined, { reload: false })).toBe('public, max-age=86400');
    expect(assetCacheControl('/assets/manifest.json', undefined, { reload: false })).toBe('no-cache');
  });

  it('never while templates and assets are being edited', () => {
    expect(assetCacheControl('/public/app.css', current, { reload: true })).toBe('no-cache');
    expect(assetCacheControl('/assets/fonts/light-94a07e06a1-v2.woff2', undefined, { reload: true })).toBe('no-cache');
  });
});
