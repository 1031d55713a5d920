/**
 * Organisational safeguarding: the care providers of the area (CQC locations), contract concerns about them with a
 * risk score, provider enquiries that bring several individual concerns together, and a provider's page for
 * contract compliance officers and commissioners.
 */
import { type Database } from '../../db/client.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class ProviderService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  /** The area of a provider, for the record check (undefined: no such provider). */
  providerArea(id: string) {
    return repo.providerArea(this.db, id);
  }

  /** The area of a provider enquiry, for the record check. */
  enquiryArea(id: string) {
    return repo.enquiryArea(this.db, id);
  }
}
