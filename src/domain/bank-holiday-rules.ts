/**
 * England and Wales bank holidays by the standing rules (Banking and Financial Dealings Act 1971 and the usual
 * royal proclamations): used to propose a future year for an administrator to confirm. One-off changes (a
 * jubilee, a coronation, a state funeral, a moved May bank holiday) are proclaimed, not ruled: an administrator
 * adds or moves those by hand.
 */
import { type LocalDate, addDays, dayOfWeek, formatLocalDate } from './time.js';

export interface ProposedHoliday {
  date: LocalDate;
  title: string;
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(year, month, day);
}

function firstMonday(year: number, month: number): LocalDate {
  let d = formatLocalDate(year, month, 1);
  while (dayOfWeek(d) !== 1) d = addDays(d, 1);
  return d;
}

function lastMonday(year: number, month: number): LocalDate {
  const nextMonth = month === 12 ? formatLocalDate(year + 1, 1, 1) : formatLocalDate(year, month + 1, 1);
  let d = addDays(nextMonth, -1);
  while (dayOfWeek(d) !== 1) d = addDays(d, -1);
  return d;
}

export function standardBankHolidays(year: number): ProposedHoliday[] {
  if (!Number.isInteger(year) || year < 1972 || year > 2999) throw new RangeError(`No rules for year ${year}`);
  const out: ProposedHoliday[] = [];
  const newYear = formatLocalDate(year, 1, 1);
  const nyDow = dayOfWeek(newYear);
  out.push({
    date: nyDow === 6 ? addDays(newYear, 2) : nyDow === 0 ? addDays(newYear, 1) : newYear,
    title: nyDow === 0 || nyDow === 6 ? 'New Year’s Day (substitute day)' : 'New Year’s Day',
  });
  const easter = easterSunday(year);
  out.push({ date: addDays(easter, -2), title: 'Good Friday' });
  out.push({ date: addDays(easter, 1), title: 'Easter Monday' });
  out.push({ date: firstMonday(year, 5), title: 'Early May bank holiday' });
  out.push({ date: lastMonday(year, 5), title: 'Spring bank holiday' });
  out.push({ date: lastMonday(year, 8), title: 'Summer bank holiday' });
  const christmas = formatLocalDate(year, 12, 25);
  const boxing = formatLocalDate(year, 12, 26);
  switch (dayOfWeek(christmas)) {
    case 5: // Friday: Boxing Day is Saturday, substitute Monday 28th
      out.push({ date: christmas, title: 'Christmas Day' });
      out.push({ date: formatLocalDate(year, 12, 28), title: 'Boxing Day (substitute day)' });
      break;
    case 6: // Saturday: Christmas substitute Monday 27th, Boxing Day substitute Tuesday 28th
      out.push({ date: formatLocalDate(year, 12, 27), title: 'Christmas Day (substitute day)' });
      out.push({ date: formatLocalDate(year, 12, 28), title: 'Boxing Day (substitute day)' });
      break;
    case 0: // Sunday: Boxing Day is Monday 26th, Christmas substitute Tuesday 27th
      out.push({ date: boxing, title: 'Boxing Day' });
      out.push({ date: formatLocalDate(year, 12, 27), title: 'Christmas Day (substitute day)' });
      break;
    default:
      out.push({ date: christmas, title: 'Christmas Day' });
      out.push({ date: boxing, title: 'Boxing Day' });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
