import { describe, expect, it } from 'vitest';
import { deadlineTag, decisionSummary, detailRows, displayName, statusTag } from './contact-presenters.js';

describe('contact presenters', () => {
  it('colours deadlines', () => {
    expect(deadlineTag('overdue')).toEqual({ text: 'Overdue', classes: 'govuk-tag--red' });
    expect(deadlineTag('due-today')).toEqual({ text: 'Due today', classes: 'govuk-tag--yellow' });
    expect(deadlineTag('due-later')).toEqual({ text: 'On time', classes: 'govuk-tag--green' });
    expect(deadlineTag(null)).toBeNull();
  });

  it('names statuses', () => {
    expect(statusTag('awaiting_authorisation')).toEqual({ text: 'Awaiting authorisation', classes: 'govuk-tag--purple' });
    expect(statusTag('mystery').text).toBe('mystery');
  });

  it('summarises a decision in words', () => {
    expect(decisionSummary({ threshold_level: 4, outcome: 'strategy_discussion', passed_to: null })).toBe(
      'Level 4 – child protection (section 47) or acute. Strategy discussion',
    );
    expect(decisionSummary({ threshold_level: 2, outcome: 'passed_on', passed_to: 'Elsewhere Council' })).toContain('(Elsewhere Council)');
  });

  it('hides restricted people’s names until opened', () => {
    expect(displayName({ given_names: 'Ada', family_name: 'Example', restricted: true }, false)).toBe('Restricted person');
    expect(displayName({ given_names: 'Ada', family_name: 'Example', restricted: true }, true)).toBe('Ada Example');
  });

  const contact = {
    contactType: 'child', sourceCode: '2A', sourceAgencyName: 'Moorside Academy', referrerName: 'Rowan Teacher', referrerRole: 'DSL',
    referrerPhone: null, referrerEmail: 'r@example.org', receivedAt: new Date('2025-06-02T08:30:00Z'), incidentAt: null,
    concerns: ['neglect', 'domestic_abuse'], narrative: 'Line one\nline two', consent: 'overridden', consentLawfulBasis: 'safeguarding',
    consentReason: 'Risk to the child', restricted: false,
  channel: 'phone',
  worriedAbout: null,
  workingWell: 'Grandmother collects the children from school',
  needsToHappen: null,
  };

  it('lays out the details as summary rows, with change links on the check page only', () => {
    const rows = detailRows(contact, '/contacts/x/details');
    const byKey = Object.fromEntries(rows.map((r) => [r.key.text, r]));
    expect(byKey.Referrer!.value.text).toBe('Rowan Teacher, DSL, Moorside Academy');
    expect(byKey.Received!.value.text).toBe('2 June 2025 at 9:30am');
    expect(byKey.Incident!.value.text).toBe('Not recorded');
    expect(byKey.Concerns!.value.text).toBe('Neglect, Domestic abuse');
    expect(byKey.Consent!.value.text).toContain('Shared without consent: Data Protection Act 2018, Schedule 8');
    expect(byKey['What happened']!.value.classes).toBe('app-narrative');
    expect(byKey.Received!.actions!.items[0]!.href).toBe('/contacts/x/details#receivedAt-day');
    expect(detailRows(contact).every((r) => !r.actions)).toBe(true);
  });
});
