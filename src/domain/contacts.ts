/** What makes a contact complete enough to submit to the front door. */

export interface SubjectForCheck {
  personId: string;
  role: string;
  name: string;
  childVoice: string | null;
  childDemeanour: string | null;
}

/** Problems keyed by the page and field that fixes them. Empty when the contact can be submitted. */
export function submissionProblems(contactType: string, subjects: readonly SubjectForCheck[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (subjects.length === 0) {
    problems.people = 'Add the people the contact is about';
    return problems;
  }
  const wanted = contactType === 'adult' ? 'subject_adult' : 'subject_child';
  if (!subjects.some((s) => s.role === wanted)) {
    problems.people =
      contactType === 'adult' ? 'Add the adult the concern is about' : 'Add at least one child the contact is about';
  }
  for (const s of subjects) {
    if (s.role === 'subject_child' && (!s.childVoice || !s.childDemeanour)) {
      problems[`voice-${s.personId}`] = `Record what ${s.name} said and how they seemed (the child’s voice and demeanour)`;
    }
  }
  return problems;
}
