/** The boards' tables: boards, groups, members, meetings, agenda items and papers, decisions, attendance, the risk log. */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type BoardGroupFacts } from '../../domain/access.js';

// ——— record checks ———

/** A group, with the users who are its members today. */
export async function groupFacts(db: Database, groupId: string): Promise<BoardGroupFacts | undefined> {
  const row = await one<{ tenant_id: string; members: string[] }>(
    db,
    sql`select g.tenant_id,
               coalesce(array(select m.user_id from board_member m where m.group_id = g.id and m.user_id is not null and (m.to_on is null or m.to_on >= current_date)), '{}') as members
          from board_group g where g.id = ${groupId}`,
  );
  return row && { tenantId: row.tenant_id, memberUserIds: row.members };
}

/** A meeting: its group's facts. */
export async function meetingFacts(db: Database, meetingId: string): Promise<BoardGroupFacts | undefined> {
  const row = await one<{ group_id: string }>(db, sql`select group_id from board_meeting where id = ${meetingId}`);
  return row && groupFacts(db, row.group_id);
}

export async function riskFacts(db: Database, riskId: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from board_risk where id = ${riskId}`);
  return row && { tenantId: row.tenant_id };
}
