/**
 * The record rules of the partnership's own work, exhaustively: every combination of the permissions that matter,
 * the viewer's area, agency and user against every combination of the record's facts, compared with the rule in
 * words; then each role as the demo gives it.
 */
import { describe, expect, it } from 'vitest';
import {
  type RecordViewer,
  actionPlanAccess,
  actionPlanManageAccess,
  boardGroupAccess,
  boardMeetingManageAccess,
  boardRiskAccess,
  caseAuditAccess,
  caseAuditManageAccess,
  caseAuditSampleGradeAccess,
  learningReviewAccess,
  partnershipActionAccess,
  partnershipActionOwnerAccess,
  saReturnAccess,
  saReturnCompleteAccess,
  saRoundAccess,
  trainingBookingAccess,
  trainingCourseAccess,
  trainingSessionAccess,
} from './access.js';
import { type Permission, type Role, ALL_ROLES, permissionsOf } from './roles.js';

const yesNo = [false, true] as const;
const RELEVANT: Permission[] = ['partnership:manage', 'partnership:view', 'reviews:manage', 'actions:update', 'audits:grade', 'training:book', 'training:manage', 'self_assessment:complete'];

/** Every subset of the relevant permissions (2^8), in both areas. */
function* viewers(): Generator<{ v: RecordViewer; has: (p: Permission) => boolean; otherArea: boolean }> {
  for (let mask = 0; mask < 1 << RELEVANT.length; mask += 1) {
    const permissions = new Set(RELEVANT.filter((_, i) => mask & (1 << i)));
    for (const otherArea of yesNo) {
      yield { v: { userId: 'me', tenantId: otherArea ? 't2' : 't1', agencyId: 'my-agency', agencyType: 'police', permissions }, has: (p) => permissions.has(p), otherArea };
    }
  }
}

const outcome = (allowed: boolean) => (allowed ? 'allow' : 'deny');

describe('the partnership’s record rules, every combination', () => {
  it('opens a board’s group or meeting to those who run or follow the partnership and to its members; changes it only by the business unit', () => {
    for (const { v, has, otherArea } of viewers()) {
      for (const member of yesNo) {
        const facts = { tenantId: 't1', memberUserIds: member ? ['someone', 'me'] : ['someone'] };
        const follows = has('partnership:manage') || has('partnership:view');
        expect(boardGroupAccess(v, facts).outcome).toBe(outcome(!otherArea && (follows || member)));
        expect(boardMeetingManageAccess(v, facts).outcome).toBe(outcome(!otherArea && has('partnership:manage')));
        expect(boardRiskAccess(v, facts).outcome).toBe(outcome(!otherArea && follows));
      }
    }
  });

  it('opens a plan to the business unit, to an agency with an action in it, and (unless restricted) to followers; changes it only by the business unit', () => {
    for (const { v, has, otherArea } of viewers()) {
      for (const restricted of yesNo) {
        for (const ours of yesNo) {
          const facts = { tenantId: 't1', restricted, ownerAgencyIds: ours ? ['other', 'my-agency'] : ['other'] };
          const expected = !otherArea && (has('partnership:manage') || (has('actions:update') && ours) || (!restricted && has('partnership:view')));
          expect({ restricted, ours, got: actionPlanAccess(v, facts).outcome }).toEqual({ restricted, ours, got: outcome(expected) });
          expect(actionPlanManageAccess(v, facts).outcome).toBe(outcome(!otherArea && has('partnership:manage')));
        }
      }
    }
  });

  it('lets the owning agency and the business unit update an action; followers read it unless its plan is restricted', () => {
    for (const { v, has, otherArea } of viewers()) {
      for (const restricted of yesNo) {
        for (const ours of yesNo) {
          const facts = { tenantId: 't1', ownerAgencyId: ours ? 'my-agency' : 'other', planRestricted: restricted };
          const owner = has('partnership:manage') || (has('actions:update') && ours);
          expect(partnershipActionOwnerAccess(v, facts).outcome).toBe(outcome(!otherArea && owner));
          expect(partnershipActionAccess(v, facts).outcome).toBe(outcome(!otherArea && (owner || (!restricted && has('partnership:view')))));
        }
      }
    }
  });

  it('keeps a learning review to those who run reviews until it is published, then opens it to followers too (and after it closes)', () => {
    for (const { v, has, otherArea } of viewers()) {
      for (const stage of ['notified', 'rapid_review', 'in_review', 'report', 'published', 'closed']) {
        for (const published of yesNo) {
          const facts = { tenantId: 't1', stage, published, restricted: true };
          const follows = has('partnership:manage') || has('partnership:view');
          expect(learningReviewAccess(v, facts).outcome).toBe(outcome(!otherArea && (has('reviews:manage') || (published && follows))));
        }
      }
    }
  });

  it('opens an audit to followers and to agencies asked to grade; grading only by an agency asked, running it only by the business unit', () => {
    for (const { v, has, otherArea } of viewers()) {
      for (const asked of yesNo) {
        const agencies = asked ? ['other', 'my-agency'] : ['other'];
        const follows = has('partnership:manage') || has('partnership:view');
        expect(caseAuditAccess(v, { tenantId: 't1', gradingAgencyIds: agencies }).outcome).toBe(outcome(!otherArea && (follows || (has('audits:grade') && asked))));
        expect(caseAuditManageAccess(v, { tenantId: 't1' }).outcome).toBe(outcome(!otherArea && has('partnership:manage')));
        // The business unit does not grade for an agency.
        expect(caseAuditSampleGradeAccess(v, { tenantId: 't1', agencyIds: agencies }).outcome).toBe(outcome(!otherArea && has('audits:grade') && asked));
      }
    }
  });

  it('opens courses and sessions to those who book or run training or follow the partnership; a booking to the trainers, the attendee and their own agency’s bookers', () => {
    for (const { v, has, otherArea } of viewers()) {
      const trains = has('training:manage') || has('training:book') || has('partnership:manage') || has('partnership:view');
      expect(trainingCourseAccess(v, { tenantId: 't1' }).outcome).toBe(outcome(!otherArea && trains));
      expect(trainingSessionAccess(v, { tenantId: 't1' }).outcome).toBe(outcome(!otherArea && trains));
      for (const ourAgency of yesNo) {
        for (const attendee of yesNo) {
          const facts = { tenantId: 't1', agencyId: ourAgency ? 'my-agency' : 'other', attendeeUserId: attendee ? 'me' : null };
          expect(trainingBookingAccess(v, facts).outcome).toBe(outcome(!otherArea && (has('training:manage') || attendee || (has('training:book') && ourAgency))));
        }
      }
    }
  });

  it('opens a round to followers; a return to followers and its own organisation; answering only by the organisation', () => {
    for (const { v, has, otherArea } of viewers()) {
      const follows = has('partnership:manage') || has('partnership:view');
      expect(saRoundAccess(v, { tenantId: 't1' }).outcome).toBe(outcome(!otherArea && follows));
      for (const ours of yesNo) {
        const facts = { tenantId: 't1', agencyId: ours ? 'my-agency' : 'other' };
        expect(saReturnAccess(v, facts).outcome).toBe(outcome(!otherArea && (follows || (has('self_assessment:complete') && ours))));
        expect(saReturnCompleteAccess(v, facts).outcome).toBe(outcome(!otherArea && has('self_assessment:complete') && ours));
      }
    }
  });
});

describe('the partnership’s record rules, by role', () => {
  const as = (role: Role, agencyId = 'my-agency'): RecordViewer => ({ userId: 'me', tenantId: 't1', agencyId, agencyType: 'police', permissions: permissionsOf([role]) });

  it('lets the business unit run everything but grade or answer for an agency', () => {
    const bu = as('business_unit_officer');
    expect(actionPlanManageAccess(bu, { tenantId: 't1' }).outcome).toBe('allow');
    expect(learningReviewAccess(bu, { tenantId: 't1', stage: 'notified', published: false, restricted: true }).outcome).toBe('allow');
    expect(caseAuditSampleGradeAccess(bu, { tenantId: 't1', agencyIds: ['police'] }).outcome).toBe('deny');
    expect(saReturnCompleteAccess(bu, { tenantId: 't1', agencyId: 'school' }).outcome).toBe('deny');
  });

  it('gives every partner role the same reach into its own agency’s actions, gradings, bookings and returns, and nothing of another agency’s', () => {
    const partners = ALL_ROLES.filter((r) => permissionsOf([r]).has('actions:update'));
    expect(partners).toEqual(expect.arrayContaining(['police_officer', 'health_lead', 'school_dsl', 'idva', 'partner_manager', 'csc_team_manager']));
    for (const role of partners) {
      const v = as(role, 'police');
      expect(partnershipActionOwnerAccess(v, { tenantId: 't1', ownerAgencyId: 'police', planRestricted: true }).outcome).toBe('allow');
      expect(partnershipActionOwnerAccess(v, { tenantId: 't1', ownerAgencyId: 'health', planRestricted: false }).outcome).toBe('deny');
      expect(saReturnCompleteAccess(v, { tenantId: 't1', agencyId: 'health' }).outcome).toBe('deny');
      expect(trainingBookingAccess(v, { tenantId: 't1', agencyId: 'health', attendeeUserId: null }).outcome).toBe('deny');
    }
  });

  it('keeps an unpublished review from every role but those who run reviews', () => {
    for (const role of ALL_ROLES) {
      const got = learningReviewAccess(as(role), { tenantId: 't1', stage: 'in_review', published: false, restricted: true }).outcome;
      expect({ role, got }).toEqual({ role, got: permissionsOf([role]).has('reviews:manage') ? 'allow' : 'deny' });
    }
  });
});
