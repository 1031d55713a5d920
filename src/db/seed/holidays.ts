/** Loads the published England and Wales bank holidays (idempotent): every database has them from the start. */
import { bankHoliday, calendarYear } from '../schema/index.js';
import { type Database } from '../client.js';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };

export async function seedPublishedHolidays(db: Database): Promise<void> {
  const division = holidaysFile.division;
  const source = `GOV.UK bank holidays (${holidaysFile.licence})`;
  await db
    .insert(bankHoliday)
    .values(holidaysFile.events.map((e) => ({ division, date: e.date, title: e.title, source })))
    .onConflictDoNothing();
  const [from, to] = holidaysFile.years.split('-').map(Number) as [number, number];
  const years = Array.from({ length: to - from + 1 }, (_, i) => ({ division, year: from + i }));
  await db.insert(calendarYear).values(years).onConflictDoNothing();
}
