/**
 * The public content the partnership's business unit keeps: the "Find help" directory (local and national services,
 * each with how to reach it, when it is open and when it was last checked) and the awareness campaigns. The public
 * site reads the published directory and campaigns through this service; nothing else writes them.
 */
import { type AuditTrail } from '../../platform/audit.js';
import { type Database } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, publicContentAccess } from '../../domain/access.js';
import * as repo from './repository.js';

export class PublicContentService {
  private listeners: (() => void)[] = [];

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
  ) {}

  /** Called after every change to the directory or the campaigns (the public site drops the pages it kept). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  protected changed(): void {
    for (const l of this.listeners) l();
  }

  async helpServiceAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.helpServiceFacts(this.db, id);
    return facts && publicContentAccess(viewer, facts);
  }

  async campaignAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.campaignFacts(this.db, id);
    return facts && publicContentAccess(viewer, facts);
  }
}
