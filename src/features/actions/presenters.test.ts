import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../domain/roles.js';
import { actionRow, actionsHref, dashboardRow, doneMessage, dueText, filterText, hasPartnershipPermission, hubSections, planRow, ragTag, sizeText, timelineItem } from './presenters.js';
import { type ActionRow, type PlanListRow, type UpdateRow } from './repository.js';

const ACTION: ActionRow = {
  id: '11111111-1111-4111-8111-111111111111', tenant_id: 't', plan_id: '22222222-2222-4222-8222-222222222222', recommendation_id: null, reference: 'PA-00001',
  description: 'Brief all MASH officers', owner_agency_id: 'a', owner_agency_name: 'Fernmoor Police', owner_user_id: null, owner_user_name: null, owner_name: 'Pat Officer',
  due_on: '2026-03-09', status: 'in_progress', rag: 'amber', completed_on: null, impact: null, impact_checked_on: null, impact_checked_by: null, reminded_on: null, escalated_on: null,
  created_at: '2026-01-01T09:00:00Z', updated_at: '2026-01-01T09:00:00Z',
};

describe('tags and words', () => {
  it('says the RAG in words, and a closed action’s status instead', () => {
    expect(ragTag('red', 'in_progress')).toEqual({ text: 'Red RAG', classes: 'govuk-tag--red' });
    expect(ragTag('amber', 'not_started')).toEqual({ text: 'Amber RAG', classes: 'govuk-tag--orange' });
    expect(ragTag('green', 'in_progress')).toEqual({ text: 'Green RAG', classes: 'govuk-tag--green' });
    expect(ragTag('green', 'completed')).toEqual({ text: 'Completed', classes: 'govuk-tag--blue' });
    expect(ragTag('red', 'cancelled')).toEqual({ text: 'Cancelled', classes: 'govuk-tag--grey' });
  });

  it('says when an action is overdue or due today', () => {
    expect(dueText({ status: 'in_progress', due_on: '2026-03-09' }, '2026-03-10')).toEqual({ text: 'Overdue: was due 9 March 2026', tag: { text: 'Overdue', classes: 'govuk-tag--red' } });
    expect(dueText({ status: 'in_progress', due_on: '2026-03-10' }, '2026-03-10').tag?.text).toBe('Due today');
    expect(dueText({ status: 'completed', due_on: '2026-03-01' }, '2026-03-10')).toEqual({ text: '1 March 2026', tag: null });
  });

  it('sizes files in words', () => {
    expect(sizeText(512)).toBe('512 bytes');
    expect(sizeText(2048)).toBe('2 KB');
    expect(sizeText(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('has a banner for each change, and none for an unknown word', () => {
    for (const done of ['plan', 'recommendation', 'action', 'closed', 'updated', 'impact']) expect(doneMessage(done)).toBeTruthy();
    expect(doneMessage('<script>')).toBeNull();
  });
});

describe('rows', () => {
  it('makes an action row with its link, owner, due date and plan', () => {
    const row = actionRow({ ...ACTION, plan_reference: 'AP-00001', plan_title: 'Peer review' }, '2026-03-10');
    expect(row).toMatchObject({ href: `/partnership/actions/${ACTION.id}`, reference: 'PA-00001', owner: 'Pat Officer, Fernmoor Police', due: 'Overdue: was due 9 March 2026', status: 'In progress', plan: { href: `/partnership/plans/${ACTION.plan_id}`, text: 'AP-00001: Peer review' } });
    expect(actionRow(ACTION, '2026-03-01').plan).toBeNull();
  });

  it('makes a plan row with its counts and short-plan limit', () => {
    const plan: PlanListRow = { id: 'p', reference: 'AP-00002', title: 'Inspection plan', source_kind: 'inspection', source_title: 'JTAI 2026', board_kind: 'children', short: true, max_open: 5, restricted: false, status: 'open', created_at: '', open: 3, overdue: 1, completed: 2, total: 6, rows_total: 1 };
    expect(planRow(plan)).toMatchObject({ href: '/partnership/plans/p', source: 'Inspection: JTAI 2026', board: 'Children’s safeguarding partnership', short: 'Short plan: at most 5 open', counts: '3 open (1 overdue), 2 completed, 6 in all' });
    expect(planRow({ ...plan, short: false, overdue: 0, status: 'closed' })).toMatchObject({ short: null, counts: '3 open, 2 completed, 6 in all', status: { text: 'Closed' } });
  });

  it('makes a timeline entry with its changes and file link', () => {
    const u: UpdateRow = { id: '33333333-3333-4333-8333-333333333333', note: 'Done', is_evidence: true, file_name: 'log.pdf', file_type: 'application/pdf', file_bytes: 3000, status: 'completed', rag: 'green', by_name: 'Pat Officer', by_agency: 'Fernmoor Police', at: '2026-03-10T10:15:00Z' };
    expect(timelineItem(u, ACTION.id)).toMatchObject({
      by: 'Pat Officer, Fernmoor Police',
      evidence: true,
      changes: 'Status: Completed. RAG: Green',
      file: { name: 'log.pdf', size: '3 KB', href: `/partnership/actions/${ACTION.id}/evidence/${u.id}` },
    });
    expect(timelineItem({ ...u, file_name: null, status: null, rag: null, by_name: null, by_agency: null }, ACTION.id)).toMatchObject({ file: null, changes: '', by: 'Unknown' });
  });
});

describe('the dashboard', () => {
  it('links each figure to the list it counts', () => {
    expect(actionsHref({ board: 'children', state: 'open', rag: 'red' })).toBe('/partnership/actions?board=children&rag=red&state=open');
    expect(actionsHref({ state: 'overdue', agencyId: 'x' })).toBe('/partnership/actions?state=overdue&agency=x');
    expect(actionsHref({})).toBe('/partnership/actions');
    const row = dashboardRow({ board: 'adults', red: 1, amber: 2, green: 3, completed: 4, overdue: 5 });
    expect(row.board).toBe('Safeguarding adults board');
    expect(row.red).toEqual({ n: 1, href: '/partnership/actions?board=adults&rag=red&state=open' });
    expect(row.completed).toEqual({ n: 4, href: '/partnership/actions?board=adults&state=completed' });
    expect(row.overdue).toEqual({ n: 5, href: '/partnership/actions?board=adults&state=overdue' });
    expect(row.plans).toBe('/partnership/plans?board=adults');
  });

  it('says what a list holds', () => {
    expect(filterText({ state: 'overdue' }, 'Fernmoor Police')).toBe('Overdue actions owned by Fernmoor Police');
    expect(filterText({ state: 'open', rag: 'red', board: 'children' }, null)).toBe('Open red RAG actions of the Children’s safeguarding partnership');
    expect(filterText({}, null)).toBe('All actions');
  });
});

describe('the hub', () => {
  const hrefs = (role: Parameters<typeof permissionsOf>[0][number]) => hubSections(permissionsOf([role])).map((s) => s.href);

  it('shows the business unit every section but “our actions”', () => {
    expect(hrefs('business_unit_officer')).toEqual(['/partnership/plans', '/partnership/boards', '/partnership/risks', '/partnership/reviews', '/partnership/audits', '/partnership/training', '/partnership/self-assessment', '/partnership/public-site/services', '/measures/partnership']);
  });

  it('shows a police officer their actions, training, self-assessment and measures', () => {
    expect(hrefs('police_officer')).toEqual(['/partnership/our-actions', '/partnership/training', '/partnership/self-assessment', '/measures/partnership']);
  });

  it('shows a partner manager the sections of those who follow the partnership', () => {
    expect(hrefs('partner_manager')).toEqual(['/partnership/our-actions', '/partnership/plans', '/partnership/boards', '/partnership/risks', '/partnership/reviews', '/partnership/audits', '/partnership/training', '/partnership/self-assessment', '/measures/partnership']);
  });

  it('shows the board analyst the followers’ sections and measures, without training or our actions', () => {
    expect(hrefs('board_analyst')).toEqual(['/partnership/plans', '/partnership/boards', '/partnership/risks', '/partnership/reviews', '/partnership/audits', '/partnership/self-assessment', '/measures/partnership']);
  });

  it('is open only to those with a partnership permission', () => {
    expect(hasPartnershipPermission(permissionsOf(['police_officer']))).toBe(true);
    expect(hasPartnershipPermission(permissionsOf(['board_analyst']))).toBe(true);
    expect(hasPartnershipPermission(permissionsOf(['conference_chair']))).toBe(false);
    expect(hasPartnershipPermission(permissionsOf(['system_admin']))).toBe(false);
  });
});
