import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://threshold@127.0.0.1:5432/threshold',
  THRESHOLD_SECRET: 'a-production-secret-of-at-least-32-characters',
  AUDIT_CHECKPOINT_KEY: 'another-key-of-at-least-32-characters-long',
  PUBLIC_URL: 'https://threshold.example.gov.uk',
};

describe('template reloading (RELOAD_TEMPLATES)', () => {
  it('is off unless asked for, in every environment', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).reloadTemplates).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', THRESHOLD_SECRET: production.THRESHOLD_SECRET }).reloadTemplates).toBe(false);
    expect(loadConfig(production).reloadTemplates).toBe(false);
  });

  it('may be turned on outside production, and is refused in production', () => {
    expect(loadConfig({ NODE_ENV: 'test', RELOAD_TEMPLATES: 'true' }).reloadTemplates).toBe(true);
    expect(() => loadConfig({ ...production, RELOAD_TEMPLATES: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, RELOAD_TEMPLATES: 'true' })).toThrow('RELOAD_TEMPLATES cannot be true when NODE_ENV=production');
  });
});
