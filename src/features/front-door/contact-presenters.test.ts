import { describe, expect, it } from 'vitest';
import { contactListChoice, deadlineTag, decisionSummary, detailRows, displayName, presentContactList, presentContactPage, presentWorklist, statusTag, worklistChoice, worklistQuery } from './contact-presenters.js';
import { type ContactPageData } from './contact-page.js';
import { type Permission } from '../../domain/roles.js';

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
    const polish = Object.fromEntries(detailRows({ ...contact, channel: 'public', language: 'pl', narrative: 'Dziecko płacze <nocą>' }).map((r) => [r.key.text, r]));
    expect(polish.Language!.value.text).toBe('Polish – the reporter’s own words, not translated');
    expect(polish['What happened']!.value.html).toBe('<span lang="pl" dir="ltr">Dziecko płacze &lt;nocą&gt;</span>');
    expect(byKey.Language).toBeUndefined();
  });
});

describe('the contact page', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  function data(overrides: { owning?: boolean; status?: string; decidedBy?: string; channel?: string; createdByName?: string | null } = {}): ContactPageData {
    const contact = {
      id: 'c1', reference: 'C-2026-000123', status: overrides.status ?? 'open', contactType: 'child', owningAgencyId: 'front-door', channel: overrides.channel ?? 'phone',
      createdByName: overrides.createdByName === undefined ? 'Sam Screener' : overrides.createdByName, sourceAgencyName: 'Fernmoor Constabulary', rag: 'amber',
      receivedAt: new Date('2026-03-09T09:00:00Z'), narrative: 'Neighbour heard shouting.', concerns: ['neglect'],
    };
    return {
      view: {
        contact, state: 'due-today', shares: [],
        subjects: [{ person_id: 'p1', role: 'subject_child', given_names: 'Ada', family_name: 'Stone', restricted: false }],
        decisions: overrides.decidedBy ? [{ id: 'd1', threshold_level: 3, outcome: 'assessment', passed_to: null, decided_by_user_id: overrides.decidedBy }] : [],
      },
      owning: overrides.owning ?? true,
      named: [
        { id: 'n1', person_id: 'p1', role: 'subject_child', given_names: 'Ada', family_name: 'Stone' },
        { id: 'n2', person_id: null, role: 'parent_carer', given_names: 'Bo', family_name: 'Stone' },
      ],
      updates: [],
      requests: [
        { id: 'r1', status: 'open', rag: 'red', due_at: '2026-03-10T10:00:00Z', answered_at: null },
        { id: 'r2', status: 'answered', rag: 'green', due_at: '2026-03-11T10:00:00Z', answered_at: '2026-03-10T09:00:00Z' },
      ],
      alerts: [{ personId: 'p1', name: 'Ada Stone', text: 'Referred 4 months ago' }],
      clocks: [{ id: 'k1', title: 'Assessment', dueAt: new Date('2026-05-01T17:00:00Z'), completedAt: null, state: 'due-later' }],
      agencies: [],
      workers: [],
      daCase: undefined,
    } as unknown as ContactPageData;
  }
  const viewer = (permissions: Permission[], userId = 'u1') => ({ userId, agencyId: 'front-door', can: (p: Permission) => permissions.includes(p) });

  it('offers screening to the owning agency’s screener on an open contact, and nothing to authorise', () => {
    const page = presentContactPage(data(), viewer(['contact:screen', 'contact:read']), now);
    expect(page).toMatchObject({ pageTitle: 'Contact C-2026-000123', canScreen: true, canManage: true, canAuthorise: false, canSeeAudit: false, backLink: { href: '/worklist', text: 'Worklist' } });
    expect(page.deadline).toEqual({ text: 'Due today', classes: 'govuk-tag--yellow' });
    expect(page.subjects[0]).toMatchObject({ name: 'Ada Stone', roleLabel: expect.any(String) });
    expect(page.unmatched.map((n) => n.name)).toEqual(['Bo Stone']);
    expect(page.clocks[0]!.tag).toEqual({ text: 'On time', classes: 'govuk-tag--green' });
    expect(page.ragItems.find((r) => r.checked)?.value).toBe('amber');
  });

  it('lets a manager authorise a decision someone else made, never their own', () => {
    expect(presentContactPage(data({ status: 'awaiting_authorisation', decidedBy: 'screener' }), viewer(['contact:authorise']), now).canAuthorise).toBe(true);
    expect(presentContactPage(data({ status: 'awaiting_authorisation', decidedBy: 'u1' }), viewer(['contact:authorise']), now).canAuthorise).toBe(false);
    expect(presentContactPage(data({ status: 'open', decidedBy: 'screener' }), viewer(['contact:authorise']), now).canAuthorise).toBe(false);
  });

  it('offers another agency that was sent the contact nothing to do, and takes it back to its contacts', () => {
    const page = presentContactPage(data({ owning: false }), viewer(['contact:screen', 'contact:authorise', 'da:triage', 'audit:view']), now);
    expect(page).toMatchObject({ canScreen: false, canManage: false, canAuthorise: false, canRecordDa: false, canSeeAudit: false, backLink: { href: '/contacts', text: 'Contacts' } });
  });

  it('tags information requests by their deadline at the time the page is shown', () => {
    const page = presentContactPage(data(), viewer(['contact:screen']), now);
    expect(page.requests.map((r) => r.deadline.text)).toEqual([expect.stringMatching(/^Overdue: was due/), 'Answered in time']);
  });

  it('says who recorded a contact, or that an agency’s system sent it', () => {
    expect(presentContactPage(data(), viewer([]), now).recordedBy).toBe('Sam Screener');
    expect(presentContactPage(data({ channel: 'api', createdByName: null }), viewer([]), now).recordedBy).toBe('Fernmoor Constabulary’s system (API)');
    expect(presentContactPage(data({ channel: 'bulk', createdByName: null }), viewer([]), now).recordedBy).toBe('Not known');
  });
});

describe('the worklist', () => {
  it('keeps only the filters it offers, one value each', () => {
    expect(worklistChoice({})).toEqual({ status: 'all', due: 'all', rag: 'all', allocated: 'all', sort: 'deadline' });
    expect(worklistChoice({ status: 'open', due: 'today', rag: 'none', allocated: 'nobody', sort: 'rag' })).toEqual({ status: 'open', due: 'today', rag: 'none', allocated: 'nobody', sort: 'rag' });
    expect(worklistChoice({ status: 'decided', due: ['overdue'], rag: 'RED', allocated: { me: 1 }, sort: 'deadline; drop table' })).toEqual({ status: 'all', due: 'all', rag: 'all', allocated: 'all', sort: 'deadline' });
  });

  const row = (n: number, extra: Partial<{ restricted: boolean; state: 'overdue' | 'due-today' | 'due-later' }> = {}) => ({ id: `c${n}`, status: 'open', rag: 'red', restricted: false, subjects: `Child ${n}`, state: 'due-later' as const, ...extra });

  it('shows one page with its total, and numbered pages keeping only the filters chosen', () => {
    const choice = worklistChoice({ status: 'open', sort: 'rag' });
    const first = presentWorklist([row(1), row(2)], {}, choice, 1, 2, 5);
    expect(first.items.map((i) => i.id)).toEqual(['c1', 'c2']);
    expect(first.total).toBe(5);
    expect(first.pagination?.previous).toBeUndefined();
    expect(first.pagination?.next).toEqual({ href: '/worklist?status=open&sort=rag&page=2' });
    expect(first.pagination?.items.map((i) => ('number' in i ? i.number : '…'))).toEqual([1, 2, 3]);
    expect(first.pagination?.items[0]).toEqual({ number: 1, href: '/worklist?status=open&sort=rag', current: true });
    const last = presentWorklist([row(5)], {}, choice, 3, 2, 5);
    expect(last.pagination?.next).toBeUndefined();
    expect(last.pagination?.previous).toEqual({ href: '/worklist?status=open&sort=rag&page=2' });
    expect(presentWorklist([row(1)], {}, worklistChoice({}), 1, 25, 1).pagination).toBeNull();
  });

  it('keeps only the worklist filters not at their default in its links', () => {
    expect(worklistQuery(worklistChoice({}))).toEqual({});
    expect(worklistQuery(worklistChoice({ due: 'overdue', allocated: 'me' }))).toEqual({ due: 'overdue', allocated: 'me' });
  });

  it('reads the contacts list filter strictly and totals the chosen one', () => {
    expect(contactListChoice({})).toBe('all');
    expect(contactListChoice({ show: 'sent' })).toBe('sent');
    expect(contactListChoice({ show: ['drafts'] })).toBe('all');
    expect(contactListChoice({ show: 'DRAFTS' })).toBe('all');
    const counts = { all: 60, drafts: 1, sent: 3, shared: 2 };
    const list = presentContactList([{ id: 'd1', status: 'draft', restricted: false, subjects: 'A Child' }, { id: 'c2', status: 'open', restricted: true, subjects: 'B Child' }], counts, 'all', 1, 25);
    expect(list.total).toBe(60);
    expect(list.items.map((i) => [i.href, i.subjects])).toEqual([['/contacts/d1/check', 'A Child'], ['/contacts/c2', 'Restricted']]);
    expect(list.tabs.find((t) => t.active)?.text).toBe('All (60)');
    expect(list.pagination?.next).toEqual({ href: '/contacts?page=2' });
    const sent = presentContactList([], counts, 'sent', 1, 25);
    expect(sent.total).toBe(3);
    expect(sent.pagination).toBeNull();
    expect(sent.tabs.map((t) => t.href)).toEqual(['/contacts', '/contacts?show=drafts', '/contacts?show=sent', '/contacts?show=shared']);
  });

  it('tags each row and names nobody in a restricted contact', () => {
    const page = presentWorklist([row(1, { state: 'overdue' }), row(2, { restricted: true })], {}, worklistChoice({}), 1, 50, 2);
    expect(page.items[0]).toMatchObject({ tag: { text: 'Overdue' }, statusTag: { text: 'Awaiting screening' }, subjects: 'Child 1' });
    expect(page.items[1]!.subjects).toBe('Restricted');
  });
});
