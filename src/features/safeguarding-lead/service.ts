/**
 * One lead for a person's open safeguarding work: every open concern about a person (the children's front door, a
 * DA case, MARAC, an adult concern or enquiry) has exactly one lead agency and team at a time, shown to everyone
 * involved; a transfer is proposed and takes effect only when the receiving side accepts; a child with open work
 * approaching 18 appears on both the children's and the adults' transitions lists from 17½.
 */
import { type Database } from '../../db/client.js';
import { type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

export class SafeguardingLeadService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  /** What the record check needs of a transfer (undefined: no such transfer). */
  transferFacts(id: string) {
    return repo.transferFacts(this.db, id);
  }
}
