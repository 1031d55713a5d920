/**
 * The boards' forms: a sub-group, a member, a meeting, an agenda item, attendance (one row per member expected), a
 * decision, raising an action from a decision, minutes, cancelling, and an entry in the issues / risk log. Each
 * checks its own fields; the rules (a deputy's name, the score) are the domain's (domain/boards.ts).
 */
import { type z } from 'zod';
import { ATTENDANCE, IMPACT, LIKELIHOOD, MEMBER_ROLES, RISK_KINDS, attendanceProblem, type AttendanceStatus } from '../../domain/boards.js';
import { type Code, list } from '../../domain/codes.js';
import { choice, dateInput, form, optionalChoice, optionalText, personName, requiredDateInput, requiredDateTimeInput, requiredText, withRules } from '../../platform/forms.js';

const long = (label: string, required: string, max = 20_000) => requiredText({ label, required, max, multiline: true });

export function groupForm(boards: readonly Code[]) {
  return form({
    boardId: choice(boards, 'Select the board the group reports to'),
    name: requiredText({ label: 'Name of the group', required: 'Enter the name of the group', max: 200 }),
    remit: optionalText({ label: 'Remit', max: 5_000, multiline: true }),
  });
}

export function memberForm(agencies: readonly Code[]) {
  return withRules(
    form({
      agencyId: choice(agencies, 'Select the agency the member represents'),
      name: personName({ label: 'Member’s name', required: 'Enter the member’s name' }),
      jobTitle: optionalText({ label: 'Job title', max: 200 }),
      role: choice(MEMBER_ROLES, 'Select the member’s role on the group'),
      email: optionalText({ label: 'Email of their Threshold account', max: 254 }),
      fromOn: requiredDateInput({ label: 'Member from', required: 'Enter the date they became a member', minYear: 2000 }),
      toOn: dateInput({ label: 'Member until', minYear: 2000 }),
    }),
    (v, ctx) => {
      if (typeof v.fromOn === 'string' && typeof v.toOn === 'string' && v.toOn < v.fromOn) ctx.addIssue({ code: 'custom', path: ['toOn'], message: 'Member until must be on or after the date they became a member' });
    },
  );
}

export function endMemberForm(members: readonly Code[]) {
  return form({
    memberId: choice(members, 'Select the member whose membership ends'),
    endOn: requiredDateInput({ label: 'Membership ends', required: 'Enter the date the membership ends', minYear: 2000 }),
  });
}

export const meetingForm = form({
  heldAt: requiredDateTimeInput({ label: 'Date and time of the meeting', required: 'Enter the date and time of the meeting', minYear: 2000 }),
  location: optionalText({ label: 'Where', max: 200 }),
});

export const agendaForm = form({
  title: requiredText({ label: 'Agenda item', required: 'Enter the agenda item', max: 300 }),
  presenter: optionalText({ label: 'Presented by', max: 200 }),
});

/** Attendance: for each member expected, `status-<member id>` and `deputy-<member id>`. */
export function attendanceForm(memberIds: readonly string[], names: ReadonlyMap<string, string>) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of memberIds) {
    const who = names.get(id) ?? 'the member';
    shape[`status-${id}`] = choice(ATTENDANCE, `Select whether ${who} attended, sent a deputy, gave apologies or was absent`);
    shape[`deputy-${id}`] = personName({ label: `Name of ${who}’s deputy` });
  }
  return withRules(form(shape), (v, ctx) => {
    const values = v as Record<string, unknown>;
    for (const id of memberIds) {
      const status = values[`status-${id}`];
      if (typeof status !== 'string') continue;
      const problem = attendanceProblem(status as AttendanceStatus, (values[`deputy-${id}`] as string | null | undefined) ?? null);
      if (problem) ctx.addIssue({ code: 'custom', path: [`deputy-${id}`], message: `${problem} for ${names.get(id) ?? 'the member'}` });
    }
  });
}

export function decisionForm(items: readonly Code[]) {
  return form({
    text: long('The decision', 'Enter the decision', 5_000),
    agendaItemId: optionalChoice(items, 'Select the agenda item from the list'),
  });
}

export function raiseActionForm(decisions: readonly Code[]) {
  return form({ decisionId: choice(decisions, 'Select the decision to raise an action from') });
}

export const minutesForm = form({ minutes: long('Minutes', 'Enter the minutes', 50_000) });

export const confirmForm = form({ confirm: choice(list({ yes: 'Yes' }), 'Confirm to go ahead') });

export function riskForm(boards: readonly Code[], agencies: readonly Code[]) {
  return form({
    board: choice(boards, 'Select the board whose log this is on'),
    title: requiredText({ label: 'Title', required: 'Enter a title', max: 200 }),
    description: long('Description', 'Enter a description of the risk or issue', 5_000),
    kind: choice(RISK_KINDS, 'Select whether it is a risk or an issue'),
    likelihood: choice(LIKELIHOOD, 'Select the likelihood, from 1 to 5'),
    impact: choice(IMPACT, 'Select the impact, from 1 to 5'),
    ownerAgencyId: optionalChoice(agencies, 'Select the owning agency from the list'),
    ownerName: requiredText({ label: 'Owner', required: 'Enter who owns it', max: 200 }),
    mitigations: optionalText({ label: 'Mitigations', max: 10_000, multiline: true }),
    reviewOn: requiredDateInput({ label: 'Review date', required: 'Enter the review date', minYear: 2000 }),
  });
}
