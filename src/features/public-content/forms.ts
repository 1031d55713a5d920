/**
 * The business unit's forms: an entry in the "Find help" directory (what it offers, for whom, where, how to reach
 * it, when it is open) and an awareness campaign (board, title, dates, the signs-of-abuse page it points to). Each
 * field checks itself; the rules across fields (a way to reach the service, when it is open, end on or after
 * start) are here too, so the error summary lists every problem at once.
 */
import { z } from 'zod';
import { CAMPAIGN_BOARDS, HELP_AGES, HELP_AREAS, HELP_NEEDS } from '../../domain/public-content.js';
import { checkboxes, choice, field, form, optionalText, requiredDateInput, requiredText, withRules } from '../../platform/forms.js';

const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

/**
 * A UK phone number as people write it ("0808 2000 247", "+44 1632 960 001", "116 123", "0800 1111"), tidied, or
 * null when it is not one: 10 or 11 digits starting 0 (from +44), an 0800 number, the 116 helplines, or a 3-digit
 * service number (999, 111, 101…).
 */
export function ukPhoneNumber(value: string): string | null {
  const typed = value.trim().replace(/\s+/g, ' ');
  if (!/^\+?[\d ()-]{3,24}$/.test(typed)) return null;
  let digits = typed.replace(/[\s()-]/g, '');
  if (digits.startsWith('+')) {
    if (!digits.startsWith('+44')) return null;
    digits = `0${digits.slice(3).replace(/^0/, '')}`;
  }
  const ok = /^0[1-9]\d{8,9}$/.test(digits) || /^0800\d{4,7}$/.test(digits) || /^116\d{3}$/.test(digits) || /^(999|111|112|101|105|119)$/.test(digits);
  return ok ? typed : null;
}

/** A number to text: a UK phone number, or a short code of 5 or 6 digits (85258). */
export function textNumber(value: string): string | null {
  const typed = value.trim().replace(/\s+/g, ' ');
  if (/^\d{5,6}$/.test(typed.replace(/ /g, ''))) return typed;
  return ukPhoneNumber(typed);
}

/** A website the public may be sent to: https only, with a real host name. */
export function httpsWebsite(value: string): string | null {
  const typed = value.trim();
  if (!/^https:\/\/[^\s]+$/i.test(typed) || typed.length > 500) return null;
  try {
    const url = new URL(typed);
    if (url.protocol !== 'https:' || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || url.username || url.password) return null;
    return typed;
  } catch {
    return null;
  }
}

/** A signs-of-abuse page's key, "signs.<children|adults>.<topic>". */
export const PAGE_KEY = /^signs\.(children|adults)\.[a-z][a-z0-9-]{0,40}$/;

function optionalChecked(label: string) {
  return field((v, ctx): boolean => {
    if (v === undefined || v === null || v === '') return false;
    if (v === 'yes') return true;
    ctx.addIssue({ code: 'custom', message: `${label} must be ticked or left blank` });
    return z.NEVER;
  });
}

/** An optional text checked by `read` (which returns the stored form, or null when it is wrong). */
function optionalChecking(options: { label: string; max: number; message: string }, read: (value: string) => string | null) {
  return optionalText({ label: options.label, max: options.max }).transform((v, ctx) => {
    if (v === null) return null;
    const out = read(v);
    if (out === null) {
      ctx.addIssue({ code: 'custom', message: options.message });
      return z.NEVER;
    }
    return out;
  });
}

export const serviceForm = withRules(
  form({
    name: requiredText({ label: 'Name', required: 'Enter the name of the service', max: 150 }),
    summary: requiredText({ label: 'What it offers', required: 'Enter what the service offers and who it is for', max: 1_000, multiline: true }),
    needs: checkboxes(HELP_NEEDS, { required: 'Select at least one kind of help the service gives', invalid: 'Select the kinds of help from the list' }),
    ages: checkboxes(HELP_AGES, { required: 'Select who the service is for', invalid: 'Select who the service is for from the list' }),
    areas: checkboxes(HELP_AREAS, { required: 'Select where the service works', invalid: 'Select where the service works from the list' }),
    phone: optionalChecking({ label: 'Phone number', max: 30, message: 'Enter a UK phone number, like 01632 960 001 or 0808 2000 247' }, ukPhoneNumber),
    textNumber: optionalChecking({ label: 'Number to text', max: 30, message: 'Enter a UK mobile number or a short code to text, like 07700 900 123 or 85258' }, textNumber),
    email: optionalChecking({ label: 'Email address', max: 254, message: 'Enter an email address in the correct format, like help@example.org' }, (v) => (EMAIL.test(v) ? v : null)),
    website: optionalChecking({ label: 'Website', max: 500, message: 'Enter a website address starting with https://, like https://example.org/help' }, httpsWebsite),
    openingHours: optionalText({ label: 'When it is open', max: 300 }),
    open24Hours: optionalChecked('Open 24 hours'),
    languages: optionalText({ label: 'Languages', max: 300 }),
  }),
  (v, ctx) => {
    if (v.phone === null && v.textNumber === null && v.email === null && v.website === null) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter at least one way to reach the service: a phone number, a number to text, an email address or a website' });
    }
    if (v.open24Hours === false && v.openingHours === null) {
      ctx.addIssue({ code: 'custom', path: ['openingHours'], message: 'Enter when the service is open, or select “Open 24 hours”' });
    }
  },
);

export type ServiceInput = z.output<typeof serviceForm>;

export const campaignForm = withRules(
  form({
    board: choice(CAMPAIGN_BOARDS, 'Select the board that runs the campaign'),
    title: requiredText({ label: 'Title', required: 'Enter the campaign’s title', max: 150 }),
    summary: requiredText({ label: 'Summary', required: 'Enter what the campaign asks people to do', max: 1_000, multiline: true }),
    startsOn: requiredDateInput({ label: 'Start date', required: 'Enter the date the campaign starts', minYear: 2000 }),
    endsOn: requiredDateInput({ label: 'End date', required: 'Enter the date the campaign ends', minYear: 2000 }),
    pageKey: optionalChecking({ label: 'Signs of abuse page', max: 60, message: 'Enter a signs of abuse page like signs.adults.financial, or leave it blank' }, (v) => (PAGE_KEY.test(v) ? v : null)),
  }),
  (v, ctx) => {
    if (typeof v.startsOn === 'string' && typeof v.endsOn === 'string' && v.endsOn < v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be the same as or after the start date' });
    }
  },
);

export type CampaignInput = z.output<typeof campaignForm>;
