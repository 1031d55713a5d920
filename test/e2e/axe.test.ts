/**
 * The journeys' accessibility check finds what it is there to find: a page with known WCAG failures is reported,
 * rule by rule, and a clean page is not (in the single-page mode the journeys scan in).
 */
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, axeViolations } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => browser?.close());

const page = (body: string) => `<!DOCTYPE html><html lang="en-GB"><head><title>Test page</title></head><body><main><h1>Test page</h1>${body}</main></body></html>`;

describe('the axe scan of a page', () => {
  it('reports an image without a text alternative, a field without a label and text without contrast', async () => {
    const p = await browser.newPage();
    await p.setContent(page('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text" name="x"><p style="color:#ccc;background:#fff">Faint text</p>'));
    const found = (await axeViolations(p)).map((v) => v.split(' ')[0]);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'label', 'color-contrast']));
    await p.close();
  });

  it('reports nothing on a page without failures', async () => {
    const p = await browser.newPage();
    await p.setContent(page('<p>Plain text.</p><label for="x">Name</label><input type="text" id="x" name="x">'));
    expect(await axeViolations(p)).toEqual([]);
    await p.close();
  });
});
