/**
 * Demo domestic abuse activity: to be filled by the domestic abuse demo data work.
 */
import { type Database } from '../client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';

export interface DomesticAbuseSeedInput {
  tenantId: string;
  /** 'csc', 'police', 'da', 'cs', 'health', … and 'school:<urn>' → agency id. */
  agencyIds: Map<string, string>;
  /** The part before @ of the demo users' emails ('screener', 'idva', 'marac', 'dsl', …) → user id. */
  userIds: Map<string, string>;
  people: readonly { id: string; name: string; dob: string; child: boolean; familyIndex: number }[];
  families: readonly { adults: string[]; children: string[] }[];
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export async function seedDomesticAbuse(_db: Database, _input: DomesticAbuseSeedInput): Promise<void> {}
