/**
 * The front door's own subscriber to "contact received" (registered in `services.ts`), for new contacts and for
 * notifications attached to one as updates: a notification received later after its incident than the area allows
 * for its risk grading is recorded and its managers, and the sending agency's, are told in the app
 * (LateNotificationService), in the same transaction.
 */
import { type LateLagSetting } from '../../domain/incidents.js';
import { type Subscriber } from '../../platform/events.js';
import { type ContactReceived, type ReceivingIn, type UpdateAttached } from './events.js';
import { type LateNotificationService } from './late-notifications-service.js';

export function lateNotificationSubscriber(late: Pick<LateNotificationService, 'setting' | 'mayBeLate' | 'recordIn'>): Subscriber<ReceivingIn, ContactReceived | UpdateAttached, LateLagSetting> {
  // The area's lags as last read for each area: `wants` decides from the event alone, before the transaction's
  // reads; `prepare` reads them again before every transaction, so they are never older than the one in hand.
  const known = new Map<string, LateLagSetting>();
  return {
    name: 'lateNotification',
    wants: (event) => late.mayBeLate(event, known.get(event.tenantId)),
    prepare: async (before) => {
      const setting = await late.setting(before.tenantId);
      known.set(before.tenantId, setting);
      return setting;
    },
    handle: async (tx, event, setting) => {
      if (!setting) throw new Error('a late notification needs the area’s lags');
      return late.recordIn(tx, event, setting);
    },
  };
}
