/**
 * Self-assessment records for the sweeps over every route (hostile input, the route walk): the demo DSL's school's
 * return in an open round (and that round), from the demo data, or made here (frameworks, a round and the return)
 * when the demo has none.
 */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../src/db/client.js';
import { STANDARD_FRAMEWORKS } from '../../src/domain/self-assessment-frameworks.js';

const DSL = 'dsl@demo.threshold.test';

export async function selfAssessmentFixture(db: Database): Promise<{ saRound: string; saReturn: string }> {
  const find = () =>
    one<{ id: string; round_id: string }>(
      db,
      sql`select x.id, x.round_id from sa_return x join sa_round r on r.id = x.round_id join app_user u on u.agency_id = x.agency_id
           where u.email = ${DSL} order by r.status = 'open' desc, x.status in ('not_started', 'in_progress') desc, r.opened_on desc limit 1`,
    );
  const found = await find();
  if (found) return { saRound: found.round_id, saReturn: found.id };
  const s175 = STANDARD_FRAMEWORKS.find((f) => f.kind === 's175')!;
  const user = (await one<{ tenant_id: string; agency_id: string }>(db, sql`select tenant_id, agency_id from app_user where email = ${DSL}`))!;
  const bu = (await one<{ id: string }>(db, sql`select id from app_user where email = 'business-unit@demo.threshold.test'`))!;
  const framework = (await one<{ id: string }>(
    db,
    sql`insert into sa_framework (tenant_id, kind, version, title, agency_types) values (${user.tenant_id}, 's175', 999, ${s175.title}, '{school}'::text[]) returning id`,
  ))!;
  for (const [i, s] of s175.standards.entries()) {
    await db.execute(sql`insert into sa_standard (tenant_id, framework_id, position, code, title, guidance, applies_to) values (${user.tenant_id}, ${framework.id}, ${i + 1}, ${s.code}, ${s.title}, ${s.guidance}, ${s.appliesTo})`);
  }
  const round = (await one<{ id: string }>(
    db,
    sql`insert into sa_round (tenant_id, framework_id, title, opened_on, due_on, opened_by_user_id) values (${user.tenant_id}, ${framework.id}, 'Fixture round', current_date, current_date + 30, ${bu.id}) returning id`,
  ))!;
  await db.execute(sql`insert into sa_return (tenant_id, round_id, agency_id) values (${user.tenant_id}, ${round.id}, ${user.agency_id})`);
  const made = (await find())!;
  return { saRound: made.round_id, saReturn: made.id };
}
