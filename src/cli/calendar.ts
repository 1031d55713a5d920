/**
 * npm run calendar -- list
 * npm run calendar -- add-year 2028      (adds the standard England and Wales dates; check them against GOV.UK)
 * npm run calendar -- add 2028-06-05 "Special bank holiday"
 * The same operations as Administration → Bank holidays, for operators and scripts.
 */
import { loadConfig } from '../config.js';
import { runCli } from './run.js';
import { migrateDatabase } from '../db/client.js';
import { openConfiguredDatabase } from '../db/prepare.js';
import { CalendarAdminService } from '../features/calendar/service.js';
import { isLocalDate } from '../domain/time.js';
import { AuditTrail, SYSTEM_ACTOR } from '../platform/audit.js';
import { CalendarService } from '../platform/calendar.js';

const DIVISION = 'england-and-wales';

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(handle);
    const audit = new AuditTrail(handle.db, () => new Date());
    const admin = new CalendarAdminService(handle.db, audit, new CalendarService(handle.db));
    switch (command) {
      case 'list': {
        for (const y of [...(await admin.years(DIVISION))].reverse()) {
          console.log(`${y.year}${y.confirmed ? '' : ' (incomplete)'}: ${y.holidays.map((h) => `${h.date} ${h.title}`).join('; ')}`);
        }
        return 0;
      }
      case 'add-year': {
        const year = Number(args[0]);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error('add-year needs a year from 2000 to 2100');
        const result = await admin.addYearFromRules(SYSTEM_ACTOR, DIVISION, year);
        if ('problem' in result) throw new Error(result.problem);
        console.log(`Added ${result.added} bank holidays for ${year}. Check them against https://www.gov.uk/bank-holidays and add any one-off holidays.`);
        return 0;
      }
      case 'add': {
        const [date, title] = args;
        if (!date || !isLocalDate(date) || !title) throw new Error('add needs a date (YYYY-MM-DD) and a name');
        const result = await admin.addHoliday(SYSTEM_ACTOR, DIVISION, date, title);
        if ('problem' in result) throw new Error(result.problem);
        console.log(`Added ${date} ${title}.`);
        return 0;
      }
      default:
        console.error('Usage: npm run calendar -- list | add-year <year> | add <YYYY-MM-DD> "<name>"');
        return 2;
    }
  } finally {
    await handle.close();
  }
}

runCli('calendar', main);
