/**
 * The front door's seam: a capability subscribes to "contact received" and "decision authorised" in the composition
 * root and is told inside the transaction of the change, with no edit to the front door's code. What a subscriber
 * writes commits with the contact, and a subscriber that fails takes the contact with it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { type ContactReceived, type DecisionAuthorised, type UpdateAttached } from './events.js';
import { type IntakeSource } from './intake-service.js';
import { type Notification } from './notification-schema.js';

let t: TestApp;
let db: Database;
let source: IntakeSource;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  const police = await one<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from agency where type = 'police' limit 1`);
  source = { actor: { userId: null, tenantId: police!.tenant_id, agencyId: police!.id, roles: [], requestId: null }, tenantId: police!.tenant_id, channel: 'api', sourceAgencyId: police!.id, createdByUserId: null, apiClientId: null };
});
afterAll(async () => t.close());

function notification(tag: string, overrides: Partial<Notification> = {}): Notification {
  return {
    contactType: 'child', notificationType: 'gen117', sourceCode: '6', referrer: { name: 'PC Example', role: null, phone: null, email: null }, receivedAt: new Date(),
    incident: { policeReference: `EV/${tag}`, occurredAt: new Date(Date.now() - 3_600_000), postcode: 'FM1 1AA', place: null }, riskLevel: 'standard', domesticAbuse: null, concerns: ['neglect'],
    narrative: `Event fixture ${tag}`, worriedAbout: null, workingWell: null, needsToHappen: null, consent: 'not_sought', consentLawfulBasis: null, consentReason: null, restricted: false,
    people: [{ role: 'subject_child', givenNames: 'Eventa', familyName: `Fixture${tag}`, dateOfBirth: '2017-03-04', dobPrecision: 'exact', gender: 'female', nhsNumber: null, addressLine1: null, postcode: null, school: null, daRole: null, riskLevel: null, childVoice: 'Said she was fine', childDemeanour: 'Quiet' }],
    ...overrides,
  };
}

const contactsWith = async (narrative: string) => Number((await one<{ n: number }>(db, sql`select count(*)::int as n from contact where narrative = ${narrative}`))!.n);

describe('the front door’s published events', () => {
  it('tells a new subscriber of each contact and each update, inside the contact’s transaction, and adds what it reports to the audit', async () => {
    const seen: (ContactReceived | UpdateAttached)[] = [];
    const prepared: unknown[] = [];
    const unsubscribe = t.app.services.frontDoorEvents.received.subscribe<string>({
      name: 'testSubscriber',
      prepare: async (before) => {
        prepared.push(before);
        return 'read before the transaction';
      },
      handle: async (tx, event, context) => {
        seen.push(event);
        expect(context).toBe('read before the transaction');
        // It reads the contact through the transaction: the row exists, not yet committed to anyone else.
        const row = await one<{ reference: string }>(tx, sql`select reference from contact where id = ${event.contactId}`);
        expect(row?.reference).toBe(event.reference);
        if (event.outcome === 'created') expect((await event.namedPeople()).length).toBe(1);
        return { testSubscriberSaw: event.outcome };
      },
    });
    try {
      const first = await t.app.services.intake.receive(source, notification('A'));
      if ('problem' in first) throw new Error(first.problem);
      const again = await t.app.services.intake.receive(source, notification('A', { narrative: 'A second notification of the same incident' }));
      if ('problem' in again) throw new Error(again.problem);
      expect(again.received.outcome).toBe('attached');
      expect(seen.map((e) => e.outcome)).toEqual(['created', 'attached']);
      expect(seen[0]!.contactId).toBe(first.received.contactId);
      expect(prepared).toEqual([expect.objectContaining({ tenantId: source.tenantId }), expect.objectContaining({ tenantId: source.tenantId })]);
      await t.seal();
      const audited = await one<{ details: Record<string, unknown> }>(db, sql`select details from audit_event where action = 'contact.received' and record_id = ${first.received.contactId}`);
      expect(audited?.details.testSubscriberSaw).toBe('created');
    } finally {
      unsubscribe();
    }
  });

  it('rolls the contact back when a subscriber fails, so nothing is half-received', async () => {
    const unsubscribe = t.app.services.frontDoorEvents.received.subscribe({
      name: 'failingSubscriber',
      handle: async () => {
        throw new Error('the subscriber could not do its part');
      },
    });
    try {
      await expect(t.app.services.intake.receive(source, notification('B'))).rejects.toThrow(/could not do its part/);
    } finally {
      unsubscribe();
    }
    expect(await contactsWith('Event fixture B')).toBe(0);
    const retried = await t.app.services.intake.receive(source, notification('B'));
    expect('received' in retried && retried.received.outcome).toBe('created');
    expect(await contactsWith('Event fixture B')).toBe(1);
  });

  it('skips a subscriber for events it does not want, without asking it to handle them', async () => {
    let handled = 0;
    const unsubscribe = t.app.services.frontDoorEvents.received.subscribe({ name: 'onlyDomesticAbuse', wants: (e) => !!e.notification?.domesticAbuse, handle: async () => void (handled += 1) });
    try {
      const r = await t.app.services.intake.receive(source, notification('C'));
      expect('received' in r).toBe(true);
      expect(handled).toBe(0);
    } finally {
      unsubscribe();
    }
  });

  it('tells a subscriber when a manager authorises a decision, with the decision’s outcome and children', async () => {
    const seen: DecisionAuthorised[] = [];
    const unsubscribe = t.app.services.frontDoorEvents.decisionAuthorised.subscribe({ name: 'testAuthorised', handle: async (_tx, event) => void seen.push(event) });
    try {
      const awaiting = await one<{ id: string }>(db, sql`select c.id from contact c join screening_decision d on d.contact_id = c.id where c.status = 'awaiting_authorisation' and d.authorisation = 'pending' limit 1`);
      const manager = await t.as('manager');
      await manager.get(`/contacts/${awaiting!.id}`);
      const res = await manager.post(`/contacts/${awaiting!.id}/authorisation`, { decision: 'authorise', comment: '' });
      expect(res.statusCode).toBe(303);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ contactId: awaiting!.id, decisionId: expect.any(String), outcome: expect.any(String) });
    } finally {
      unsubscribe();
    }
  });

  it('refuses two subscribers of one name, so one cannot silently replace another', () => {
    expect(() => t.app.services.frontDoorEvents.received.subscribe({ name: 'domesticAbuse', handle: async () => undefined })).toThrow(/already registered/);
  });
});
