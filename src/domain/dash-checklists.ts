/**
 * DASH checklist versions as data: SafeLives partner-agency (24 questions), police (27) and young people's (13–17)
 * versions, each with its source and thresholds. The questions are Threshold's own plain-English paraphrases of the
 * ground each published checklist covers, not the publishers' wording: train staff on the published documents.
 * Ids (q1, q2 …) are stable within a version and are stored with every answer: never renumber a version, add a new one
 * with a later `from` date instead.
 */
/* The shape of a checklist version (scoring is in dash.ts). */
export interface DashQuestion {
  /** Stable within a version: q1, q2 … */
  id: string;
  text: string;
  /** Optional guidance shown under the question. */
  hint?: string;
}

export interface DashChecklist {
  /** Version id stored with every assessment, e.g. "safelives-partner-2024". */
  id: string;
  /** partner | police | young_people */
  kind: 'partner' | 'police' | 'young_people';
  title: string;
  /** Who it is for, in a sentence. */
  audience: string;
  /** Where the questions and thresholds come from. */
  source: string;
  /** The first date this version is used. */
  from: string;
  /** Scores at or above `high` are visible high risk; at or above `medium`, medium; below, standard. */
  thresholds: { high: number; medium: number };
  /** Ages the version is for, where it is limited (young people's: 13–17). */
  ages?: { min: number; max: number };
  questions: readonly DashQuestion[];
}


const SAFELIVES_PARTNER: DashChecklist = {
  id: 'safelives-partner',
  kind: 'partner',
  title: 'DASH risk checklist (partner agencies)',
  audience: 'Any practitioner (IDVA, health, social care, housing, education) asking an adult victim about domestic abuse, stalking and honour-based abuse.',
  source:
    'SafeLives, "Dash risk checklist" (Domestic Abuse, Stalking and Harassment and Honour Based Violence risk identification checklist) for partner agencies, first published by CAADA with Laura Richards in 2009 as the CAADA-DASH RIC and republished by SafeLives from 2014 (later updates keep the 24 questions). 24 scored questions. SafeLives recommends a Marac referral at 14 or more ticks (visible high risk); 10–13 medium and 0–9 standard follow common local practice as set out in the rules table. Questions paraphrased for Threshold.',
  from: '2009-03-01',
  thresholds: { high: 14, medium: 10 },
  questions: [
    { id: 'q1', text: 'Has the current incident resulted in injury?', hint: 'Note what the injury is and whether this is the first time you have been hurt.' },
    { id: 'q2', text: 'Are you very frightened?', hint: 'Record, in your own words, how frightened you are.' },
    { id: 'q3', text: 'What are you afraid of? Is it further injury or violence?', hint: 'Record what you think the person harming you might do, and to whom, including any children.' },
    { id: 'q4', text: 'Do you feel cut off from family or friends? Does the person harming you try to stop you seeing friends, family, your doctor or others?' },
    { id: 'q5', text: 'Are you feeling depressed or having thoughts of suicide?' },
    { id: 'q6', text: 'Have you separated from the person harming you, or tried to, in the past year?' },
    { id: 'q7', text: 'Is there conflict over contact with the children?' },
    { id: 'q8', text: 'Does the person harming you keep texting, calling or contacting you, follow you, stalk you or harass you?', hint: 'Include contact online, through social media and through other people.' },
    { id: 'q9', text: 'Are you pregnant, or have you had a baby in the last 18 months?' },
    { id: 'q10', text: 'Is the abuse happening more often?' },
    { id: 'q11', text: 'Is the abuse getting worse?' },
    { id: 'q12', text: 'Does the person harming you try to control everything you do, or are they excessively jealous?', hint: 'For example who you see, money, what you wear, where you go, your phone.' },
    { id: 'q13', text: 'Has the person harming you ever used a weapon or an object to hurt you?' },
    { id: 'q14', text: 'Has the person harming you ever threatened to kill you or someone else, and you believed them?' },
    { id: 'q15', text: 'Has the person harming you ever tried to strangle, choke, suffocate or drown you?' },
    { id: 'q16', text: 'Does the person harming you do or say sexual things that make you feel bad, or that physically hurt you or someone else?' },
    { id: 'q17', text: 'Is there anyone else who has threatened you, or whom you are afraid of?', hint: 'Think about wider family and others acting with them, where there may be honour-based abuse or forced marriage.' },
    { id: 'q18', text: 'Do you know whether the person harming you has hurt anyone else?', hint: 'For example children, brothers or sisters, an older relative, a previous partner, a stranger.' },
    { id: 'q19', text: 'Has the person harming you ever mistreated an animal or the family pet?' },
    { id: 'q20', text: 'Are there money problems? For example, do you depend on the person harming you for money, or have they recently lost their job?' },
    { id: 'q21', text: 'In the past year, has the person harming you had problems with drugs, alcohol or mental health that got in the way of ordinary life?' },
    { id: 'q22', text: 'Has the person harming you ever threatened or attempted suicide?' },
    { id: 'q23', text: 'Has the person harming you ever broken bail, an injunction or an agreement about when they can see you or the children?' },
    { id: 'q24', text: 'Do you know whether the person harming you has ever been in trouble with the police or has a criminal record?' },
  ],
};

const POLICE_DASH_2009: DashChecklist = {
  id: 'police-dash-2009',
  kind: 'police',
  title: 'DASH risk identification checklist (police)',
  audience: 'Police officers attending a domestic abuse incident, asking the victim at the scene or soon after.',
  source:
    'ACPO DASH (2009) risk identification, assessment and management model, developed by Laura Richards with CAADA and accepted by ACPO Council in March 2009 for all police forces in England and Wales; now maintained through College of Policing authorised professional practice on domestic abuse. 27 questions. Police grade risk on the ACPO risk definitions with officer judgement; the 14-tick visible high risk threshold is SafeLives’ Marac referral criterion and 10–13 medium is common local practice, applied here so that police and partner gradings compare.',
  from: '2009-03-01',
  thresholds: { high: 14, medium: 10 },
  questions: [
    { id: 'q1', text: 'Has the current incident resulted in injury?', hint: 'Note what the injury is and whether this is the first time you have been hurt.' },
    { id: 'q2', text: 'Are you very frightened?' },
    { id: 'q3', text: 'What are you afraid of? Is it further injury or violence?', hint: 'Record what you think the person harming you might do, and to whom.' },
    { id: 'q4', text: 'Do you feel cut off from family or friends? Does the person harming you try to stop you seeing friends, family, your doctor or others?' },
    { id: 'q5', text: 'Are you feeling depressed or having thoughts of suicide?' },
    { id: 'q6', text: 'Have you separated from the person harming you, or tried to, in the past year?' },
    { id: 'q7', text: 'Is there conflict over contact with the children?' },
    { id: 'q8', text: 'Does the person harming you keep texting, calling or contacting you, follow you, stalk you or harass you?', hint: 'Include contact online and through other people.' },
    { id: 'q9', text: 'Are you pregnant, or have you had a baby in the last 18 months?' },
    { id: 'q10', text: 'Are there children or stepchildren in the household who are not the children of the person harming you, or other dependants (such as an older relative)?' },
    { id: 'q11', text: 'Has the person harming you ever hurt the children or dependants?' },
    { id: 'q12', text: 'Has the person harming you ever threatened to hurt or kill the children or dependants?' },
    { id: 'q13', text: 'Is the abuse happening more often?' },
    { id: 'q14', text: 'Is the abuse getting worse?' },
    { id: 'q15', text: 'Does the person harming you try to control everything you do, or are they excessively jealous?' },
    { id: 'q16', text: 'Has the person harming you ever used a weapon or an object to hurt you?' },
    { id: 'q17', text: 'Has the person harming you ever threatened to kill you or someone else, and you believed them?' },
    { id: 'q18', text: 'Has the person harming you ever tried to strangle, choke, suffocate or drown you?' },
    { id: 'q19', text: 'Does the person harming you do or say sexual things that make you feel bad, or that physically hurt you or someone else?' },
    { id: 'q20', text: 'Is there anyone else who has threatened you, or whom you are afraid of?', hint: 'Consider wider family and community: honour-based abuse and forced marriage.' },
    { id: 'q21', text: 'Do you know whether the person harming you has hurt anyone else?', hint: 'For example children, an older relative, a previous partner, a stranger.' },
    { id: 'q22', text: 'Has the person harming you ever mistreated an animal or the family pet?' },
    { id: 'q23', text: 'Are there money problems? For example, do you depend on the person harming you for money, or have they recently lost their job?' },
    { id: 'q24', text: 'In the past year, has the person harming you had problems with drugs, alcohol or mental health that got in the way of ordinary life?' },
    { id: 'q25', text: 'Has the person harming you ever threatened or attempted suicide?' },
    { id: 'q26', text: 'Has the person harming you ever broken bail, an injunction or an agreement about when they can see you or the children?' },
    { id: 'q27', text: 'Do you know whether the person harming you has ever been in trouble with the police or has a criminal record?', hint: 'Officers check police systems as well as asking.' },
  ],
};

const SAFELIVES_YOUNG_PEOPLE: DashChecklist = {
  id: 'safelives-young-people',
  kind: 'young_people',
  title: 'DASH risk checklist: young people',
  audience: 'Practitioners (YPVAs, school and college staff, youth workers, social workers) talking with a young person aged 13–17 who is being harmed in their own relationship.',
  source:
    'SafeLives, "Dash risk checklist: young people" (Risk Identification Checklist, young people’s version, with guidance), adapted from the adult checklist with young people’s advisory panels; first piloted by CAADA in 2013–14 and republished by SafeLives. This data holds 20 scored questions in words a teenager understands, covering the published checklist’s sections (your feelings; what is happening now; your life and relationship; the past; the person who harms you), including online control, sharing images, sexual pressure and an older partner. The published question count was not verified when this was written: check it against the current SafeLives document. SafeLives publishes no separate score thresholds for this version, so the adult thresholds (14 visible high risk, 10–13 medium) are used; professional judgement matters more here, and any concern about a child goes to children’s social care whatever the score.',
  from: '2014-01-01',
  thresholds: { high: 14, medium: 10 },
  ages: { min: 13, max: 17 },
  questions: [
    { id: 'q1', text: 'Are you really scared?' },
    { id: 'q2', text: 'What are you scared of? Getting hurt again, or something happening to someone else?', hint: 'Write down, in the young person’s own words, what they think the person might do and to whom.' },
    { id: 'q3', text: 'Has the person stopped you seeing your friends or family, or made you feel cut off from them?' },
    { id: 'q4', text: 'Have you been feeling really low, hurting yourself, or thinking about ending your life?' },
    { id: 'q5', text: 'Did what happened this time leave you hurt or injured?' },
    { id: 'q6', text: 'Have you split up with the person, or tried to, in the last year?' },
    { id: 'q7', text: 'Does the person keep messaging or calling you, check your phone or social media, track where you are, or turn up where you are?', hint: 'Include passwords demanded, location sharing and messages through friends.' },
    { id: 'q8', text: 'Has the person shared, or threatened to share, sexual photos or videos of you, or pushed you to send them?' },
    { id: 'q9', text: 'Are you pregnant, or do you have a baby?' },
    { id: 'q10', text: 'Is it happening more often?' },
    { id: 'q11', text: 'Is it getting worse?' },
    { id: 'q12', text: 'Does the person try to control what you do, who you see or what you wear, or get really jealous?' },
    { id: 'q13', text: 'Has the person pressured or forced you into anything sexual you did not want, or that hurt you?' },
    { id: 'q14', text: 'Is the person a lot older than you?', hint: 'An older partner, or one in a position of trust, raises concerns about exploitation: talk to your safeguarding lead.' },
    { id: 'q15', text: 'Has the person ever used a weapon or an object to hurt you?' },
    { id: 'q16', text: 'Has the person ever threatened to kill you or someone else, and you believed them?' },
    { id: 'q17', text: 'Has the person ever tried to strangle, choke, suffocate or drown you?' },
    { id: 'q18', text: 'Is anyone else threatening you, or is there someone else you are scared of, such as family members or the person’s friends?', hint: 'Consider honour-based abuse, forced marriage, gangs and exploitation.' },
    { id: 'q19', text: 'Does the person use drugs or alcohol, or have mental health problems, in a way that worries you, or have they threatened to hurt or kill themselves?' },
    { id: 'q20', text: 'Do you know if the person has hurt anyone else, or been in trouble with the police?' },
  ],
};

export const DASH_CHECKLISTS: readonly DashChecklist[] = [SAFELIVES_PARTNER, POLICE_DASH_2009, SAFELIVES_YOUNG_PEOPLE];
