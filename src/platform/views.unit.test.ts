import { describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import { GOVUK_DIST, MOJ_DIR, configureNunjucks, formatDateTime, formatTime, tidyNarratives } from './views.js';

describe('formatTime (GOV.UK style, London time)', () => {
  it.each([
    ['2026-01-15T00:00:00Z', 'midnight'],
    ['2026-01-15T00:15:00Z', '12:15am'],
    ['2026-01-15T09:00:00Z', '9am'],
    ['2026-01-15T11:59:00Z', '11:59am'],
    ['2026-01-15T12:00:00Z', 'midday'],
    ['2026-01-15T12:30:00Z', '12:30pm'],
    ['2026-01-15T13:05:00Z', '1:05pm'],
    ['2026-01-15T23:59:00Z', '11:59pm'],
    // British Summer Time: an hour ahead of UTC
    ['2026-07-01T11:00:00Z', 'midday'],
    ['2026-07-01T23:00:00Z', 'midnight'],
    ['2026-07-01T23:54:00Z', '12:54am'],
    // the changes: 01:00 UTC on 29 March 2026 is 02:00 BST; 01:00 UTC on 25 October 2026 is 01:00 GMT
    ['2026-03-29T00:59:00Z', '12:59am'],
    ['2026-03-29T01:00:00Z', '2am'],
    ['2026-10-25T00:30:00Z', '1:30am'],
    ['2026-10-25T01:30:00Z', '1:30am'],
  ])('%s → %s', (iso, expected) => {
    expect(formatTime(new Date(iso))).toBe(expected);
  });
  it('joins the London date and time, the date also in London', () => {
    expect(formatDateTime(new Date('2026-07-01T23:30:00Z'))).toBe('2 July 2026 at 12:30am');
    expect(formatDateTime('2026-12-05T00:00:00Z')).toBe('5 December 2026 at midnight');
  });
});

describe('tidyNarratives (long text without the template’s whitespace)', () => {
  it('trims the whitespace around a narrative value and keeps the text’s own line breaks and spaces', () => {
    const html = '<dl><dd class="govuk-summary-list__value app-narrative">\n        First line\n  indented second line\n\nThird\n      </dd></dl>';
    expect(tidyNarratives(html)).toBe('<dl><dd class="govuk-summary-list__value app-narrative">First line\n  indented second line\n\nThird</dd></dl>');
  });

  it('tidies every narrative on a page, of any element, and leaves the rest alone', () => {
    const html = '<p class="govuk-body">\n  keep\n</p><td class="govuk-table__cell app-narrative">\n  a\n</td><p class="govuk-body app-narrative"> b </p><dd class="x">\n c \n</dd>';
    expect(tidyNarratives(html)).toBe('<p class="govuk-body">\n  keep\n</p><td class="govuk-table__cell app-narrative">a</td><p class="govuk-body app-narrative">b</p><dd class="x">\n c \n</dd>');
  });

  it('shows “Not recorded” and empty values without a blank line, and leaves a page without narratives untouched', () => {
    expect(tidyNarratives('<dd class="app-narrative">\n   Not recorded\n </dd>')).toBe('<dd class="app-narrative">Not recorded</dd>');
    expect(tidyNarratives('<dd class="app-narrative">\n \n</dd>')).toBe('<dd class="app-narrative"></dd>');
    const plain = '<main><p>nothing to tidy</p></main>';
    expect(tidyNarratives(plain)).toBe(plain);
    expect(tidyNarratives('<dd class="app-narrative">unclosed')).toBe('<dd class="app-narrative">unclosed');
  });
});

describe('the date filters (domain/dates.ts) read the page’s clock', () => {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([GOVUK_DIST, MOJ_DIR]), { autoescape: true });
  configureNunjucks(env);
  const now = new Date('2026-06-02T10:00:00Z');

  it('relativeDateTime and relativeDate take `now` from the template’s context', () => {
    const page = '{{ a | relativeDateTime }}|{{ b | relativeDateTime({ capital: true }) }}|{{ c | relativeDate }}|{{ d | relativeDateTime }}';
    expect(env.renderString(page, { now, a: '2026-06-02 13:30:00+00', b: new Date('2026-06-01T08:00:00Z'), c: '2026-06-03', d: '2026-05-01T08:00:00Z' })).toBe(
      'today at 2:30pm|Yesterday at 9am|tomorrow|1 May 2026 at 9am',
    );
  });

  it('without `now` in the context, the current time', () => {
    expect(env.renderString('{{ a | relativeDate }}', { a: new Date() })).toBe('today');
  });

  it('the other filters, and nothing for what is not a date', () => {
    expect(env.renderString('{{ a | date }}|{{ a | shortDate }}|{{ a | dateTime }}|{{ a | shortDateTime }}|{{ a | dateOnly }}|{{ x | dateTime }}', { a: '2026-09-05 23:30:00+00', x: 'nonsense' })).toBe(
      '6 September 2026|6 Sept 2026|6 September 2026 at 12:30am|6 Sept 2026, 12:30am|2026-09-06|',
    );
  });

  it('the MOJ timeline, imported with context, words its dates relative to the page’s clock', () => {
    const page = '{% from "moj/components/timeline/macro.njk" import mojTimeline with context %}{{ mojTimeline({ items: items }) }}';
    const html = env.renderString(page, {
      now,
      items: [
        { label: { text: 'A' }, text: 'a', datetime: { timestamp: '2026-06-02T11:00:00Z', type: 'relative' } },
        { label: { text: 'B' }, text: 'b', datetime: { timestamp: '2026-05-02T11:00:00Z', type: 'datetime' } },
      ],
    });
    expect(html).toContain('<time datetime="2026-06-02T11:00:00Z">Today at midday</time>');
    expect(html).toContain('<time datetime="2026-05-02T11:00:00Z">2 May 2026 at midday</time>');
  });
});
