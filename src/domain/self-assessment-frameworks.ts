/**
 * The safeguarding self-assessment frameworks an area installs, as data. Written in our own words from the public
 * statutory sources each one rests on:
 *
 * - S11: Children Act 2004 section 11 (the duty on named bodies to make arrangements to safeguard and promote the
 *   welfare of children) and Working Together to Safeguard Children 2023, chapter 2's "section 11 arrangements".
 * - S175: Education Act 2002 section 175 (maintained schools, local authorities) and section 157 (independent schools and
 *   academies), and the statutory guidance Keeping Children Safe in Education.
 * - VCS: a shorter tool for voluntary and community sector organisations, which are not under the section 11 duty but
 *   are expected by Working Together 2023 to have safeguarding arrangements of their own.
 * - JOINT: one return serving the children's and the adults' boards "to remove duplication": Children Act 2004 s11 and
 *   Working Together 2023 for children; Care Act 2014 ss 6, 7 and 42–45 and the Care and Support Statutory Guidance
 *   (chapter 14), Making Safeguarding Personal and the Mental Capacity Act 2005 for adults.
 * - DA: the Domestic Abuse Act 2021 and its statutory guidance (2022), the SafeLives DASH risk checklist, MARAC and
 *   Operation Encompass.
 *
 * A change of wording is a new version: the service installs a new framework row and the old version's answers stay
 * with the old one.
 */

export type FrameworkKind = 's11' | 's175' | 'vcs' | 'joint' | 'da';
export type AppliesTo = 'children' | 'adults' | 'both';

export interface FrameworkStandard {
  code: string;
  title: string;
  guidance: string;
  appliesTo: AppliesTo;
}

export interface StandardFramework {
  kind: FrameworkKind;
  version: number;
  title: string;
  /** Which agency types complete it (codes from AGENCY_TYPES). */
  agencyTypes: string[];
  standards: FrameworkStandard[];
}

const S11: StandardFramework = {
  kind: 's11',
  version: 1,
  title: 'Section 11 safeguarding self-assessment (Children Act 2004)',
  agencyTypes: ['police', 'health', 'probation', 'housing', 'education', 'children_social_care', 'adult_social_care', 'community_safety', 'idva_da_service'],
  standards: [
    {
      code: 'S11.1',
      title: 'Senior management commitment to safeguarding children',
      guidance:
        'A named senior leader is accountable for safeguarding children across the organisation, safeguarding appears in its strategic plans, and the board or executive receives regular reports on how well children are kept safe. Evidence: the leader’s name and role, board papers, the annual safeguarding report.',
      appliesTo: 'children',
    },
    {
      code: 'S11.2',
      title: 'Clear lines of accountability for work with children',
      guidance:
        'Every member of staff knows who they are accountable to for safeguarding, the organisation has a named or designated safeguarding lead whose role is written down, and supervision arrangements cover safeguarding decisions. Evidence: structure chart, job descriptions, the supervision policy.',
      appliesTo: 'children',
    },
    {
      code: 'S11.3',
      title: 'Safeguarding built into the design and commissioning of services',
      guidance:
        'When services are planned, changed or commissioned, the effect on children’s safety is considered, contracts carry safeguarding requirements, and the organisation checks that commissioned providers meet them. Evidence: impact assessments, contract clauses, contract monitoring.',
      appliesTo: 'children',
    },
    {
      code: 'S11.4',
      title: 'Staff trained in safeguarding to the level their role needs',
      guidance:
        'Staff have induction and refresher safeguarding training matched to their contact with children and families, attendance is recorded, and gaps are followed up. Multi-agency training offered by the partnership is used. Evidence: training needs analysis, completion figures by role.',
      appliesTo: 'children',
    },
    {
      code: 'S11.5',
      title: 'Safer recruitment and managing allegations against staff',
      guidance:
        'Recruitment follows safer recruitment practice (references, identity and DBS checks at the right level, a gap-free history), volunteers and contractors are covered, and allegations that a person who works with children may have harmed a child are referred to the Local Authority Designated Officer within one working day. Evidence: recruitment policy, audit of files, LADO referrals.',
      appliesTo: 'children',
    },
    {
      code: 'S11.6',
      title: 'Effective inter-agency working',
      guidance:
        'The organisation takes part in the local safeguarding arrangements: it attends partnership meetings, contributes to child protection conferences, strategy discussions and reviews, and follows the local threshold document and escalation (resolving professional disagreements) procedure. Evidence: attendance, contributions, escalations raised.',
      appliesTo: 'children',
    },
    {
      code: 'S11.7',
      title: 'Information sharing',
      guidance:
        'Staff know that data protection law is not a barrier to sharing information to keep a child safe, know when and how to share, record their decisions and reasons, and the organisation follows the partnership’s information sharing agreement. Evidence: the information sharing policy, staff guidance, audit of records.',
      appliesTo: 'children',
    },
    {
      code: 'S11.8',
      title: 'The child’s voice and wishes shape services',
      guidance:
        'Staff see and speak to children, record what children say and how they feel, and take account of their wishes in decisions about them; children and families help shape the services they receive and know how to complain. Evidence: case records, participation work, feedback received and what changed.',
      appliesTo: 'children',
    },
  ],
};

const S175: StandardFramework = {
  kind: 's175',
  version: 1,
  title: 'Section 175/157 safeguarding self-assessment for schools and colleges',
  agencyTypes: ['school'],
  standards: [
    {
      code: 'S175.1',
      title: 'A trained designated safeguarding lead is in place',
      guidance:
        'The school has a designated safeguarding lead from the senior leadership team, with deputies, whose role is in their job description; they are trained for the role, refreshed at least every two years, and have the time and resources to carry it out. Evidence: names, training dates, cover arrangements.',
      appliesTo: 'children',
    },
    {
      code: 'S175.2',
      title: 'Safeguarding and child protection policies',
      guidance:
        'The child protection policy and staff behaviour policy are reviewed each year, follow Keeping Children Safe in Education and the local arrangements, are agreed by governors and published on the school website. Evidence: the policy, its review date, governors’ minutes.',
      appliesTo: 'children',
    },
    {
      code: 'S175.3',
      title: 'All staff trained and briefed',
      guidance:
        'All staff and governors receive safeguarding training at induction and regular updates, and all staff have read Part one of Keeping Children Safe in Education. Evidence: training register, signed confirmation of reading, update briefings.',
      appliesTo: 'children',
    },
    {
      code: 'S175.4',
      title: 'Safer recruitment and the single central record',
      guidance:
        'At least one person on every appointment panel has safer recruitment training; pre-appointment checks are made and recorded on a complete single central record covering staff, supply staff, volunteers and governors. Evidence: panel training, a recent check of the single central record.',
      appliesTo: 'children',
    },
    {
      code: 'S175.5',
      title: 'Online safety',
      guidance:
        'Filtering and monitoring systems are in place and reviewed, staff know their role in them, pupils are taught how to stay safe online, and the school responds to online abuse including the sharing of nude or semi-nude images. Evidence: filtering review, curriculum map, incident log.',
      appliesTo: 'children',
    },
    {
      code: 'S175.6',
      title: 'Children missing education and absence',
      guidance:
        'The school follows up unexplained absence promptly, keeps more than one emergency contact for each pupil, recognises absence as a possible sign of harm, and informs the local authority when a pupil leaves or is removed from the roll as the law requires. Evidence: attendance procedure, notifications to the children missing education team.',
      appliesTo: 'children',
    },
    {
      code: 'S175.7',
      title: 'Managing allegations against staff and low-level concerns',
      guidance:
        'Allegations that may meet the harm threshold are reported to the headteacher (or chair of governors) and to the LADO within one working day; low-level concerns are recorded and reviewed. Evidence: the procedure, LADO referrals, the low-level concerns log.',
      appliesTo: 'children',
    },
    {
      code: 'S175.8',
      title: 'Early help and referrals',
      guidance:
        'Staff recognise children who would benefit from early help, the school takes part in early help assessments, and concerns that a child is at risk of significant harm are referred to children’s social care or the police without delay. Evidence: early help involvement, referrals made and their outcomes, DSL records.',
      appliesTo: 'children',
    },
    {
      code: 'S175.9',
      title: 'Teaching children about safeguarding',
      guidance:
        'Through relationships, sex and health education and the wider curriculum, pupils learn how to keep themselves safe, about healthy relationships and consent, and who to tell if they are worried. Evidence: curriculum plans, pupil voice.',
      appliesTo: 'children',
    },
    {
      code: 'S175.10',
      title: 'Governance and oversight',
      guidance:
        'The governing body or proprietor has a named safeguarding governor, receives an annual safeguarding report, checks that the school meets its statutory duties, and makes sure children who are looked after or previously looked after have a designated teacher. Evidence: the annual report, governors’ minutes, monitoring visits.',
      appliesTo: 'children',
    },
  ],
};

const VCS: StandardFramework = {
  kind: 'vcs',
  version: 1,
  title: 'Voluntary and community sector safeguarding self-assessment',
  agencyTypes: ['voluntary'],
  standards: [
    {
      code: 'VCS.1',
      title: 'A safeguarding policy that people know about',
      guidance:
        'The organisation has a written safeguarding policy and procedure, proportionate to its size and work, reviewed at least every year and known to staff, volunteers and trustees. Evidence: the policy and its review date.',
      appliesTo: 'both',
    },
    {
      code: 'VCS.2',
      title: 'A named safeguarding lead and trustee',
      guidance:
        'There is a named person whom staff and volunteers go to with a concern, a deputy for when they are away, and a trustee who takes responsibility for safeguarding. Evidence: names and how people are told about them.',
      appliesTo: 'both',
    },
    {
      code: 'VCS.3',
      title: 'Safe recruitment of staff and volunteers',
      guidance:
        'References are taken, DBS checks are made where the role is eligible, and new staff and volunteers have an induction that covers safeguarding. Evidence: the recruitment checklist, a sample of files.',
      appliesTo: 'both',
    },
    {
      code: 'VCS.4',
      title: 'Training for staff and volunteers',
      guidance:
        'Everyone who works with children, families or adults at risk has basic safeguarding training and the lead has further training, including the partnership’s free courses. Evidence: training records.',
      appliesTo: 'both',
    },
    {
      code: 'VCS.5',
      title: 'Knowing how to raise a concern and make a referral',
      guidance:
        'Staff and volunteers know what to do if they are worried about a child or an adult, how to contact the front door, and to record what they saw and did. Evidence: the flowchart on display, a record of concerns raised.',
      appliesTo: 'both',
    },
    {
      code: 'VCS.6',
      title: 'Handling allegations and complaints',
      guidance:
        'The organisation knows to tell the LADO (for children) or the local authority (for adults) when a worker or volunteer may have caused harm, and has a complaints and whistleblowing procedure. Evidence: the procedure, any cases and how they were handled.',
      appliesTo: 'both',
    },
  ],
};

const JOINT: StandardFramework = {
  kind: 'joint',
  version: 1,
  title: 'Joint children’s and adults’ safeguarding self-assessment',
  agencyTypes: ['health', 'police', 'housing', 'voluntary', 'care_provider', 'probation', 'adult_social_care', 'children_social_care'],
  standards: [
    {
      code: 'J.1',
      title: 'Leadership and accountability for safeguarding children and adults',
      guidance:
        'A senior leader is accountable for safeguarding children and adults at risk, there are named leads for each, and the organisation’s board receives reports on both. Evidence: names, board papers, the annual safeguarding report.',
      appliesTo: 'both',
    },
    {
      code: 'J.2',
      title: 'Cooperating with the local authority and making enquiries (Care Act 2014)',
      guidance:
        'The organisation cooperates with the local authority under sections 6 and 7 of the Care Act 2014, raises concerns about adults with care and support needs who may be experiencing abuse or neglect, and contributes to section 42 enquiries when asked. Evidence: concerns raised, enquiries contributed to and on time.',
      appliesTo: 'adults',
    },
    {
      code: 'J.3',
      title: 'Making Safeguarding Personal',
      guidance:
        'Work with adults is person-led and outcome-focused: staff ask the adult (or their representative or advocate) what they want to happen, and record whether it was achieved. Evidence: case records, outcomes recorded, feedback from adults.',
      appliesTo: 'adults',
    },
    {
      code: 'J.4',
      title: 'The Mental Capacity Act in practice',
      guidance:
        'Staff assume capacity unless it is shown otherwise, assess capacity decision by decision, act in a person’s best interests when they lack capacity, and know when a deprivation of liberty needs authorising. Evidence: training, audits of capacity assessments and best interests decisions.',
      appliesTo: 'adults',
    },
    {
      code: 'J.5',
      title: 'Hearing the child',
      guidance:
        'Staff see and speak to children, including children of the adults they work with, record their views and take account of them in decisions. Evidence: case records, participation work.',
      appliesTo: 'children',
    },
    {
      code: 'J.6',
      title: 'Think family and transitions at 18',
      guidance:
        'Staff working with adults consider the children in the household and those caring for them, staff working with children consider the adults around them, and young people moving to adult services at 18 are planned for early. Evidence: assessment templates, transition protocol, case examples.',
      appliesTo: 'both',
    },
    {
      code: 'J.7',
      title: 'Safeguarding training for children and adults',
      guidance:
        'Staff have safeguarding children and adults training matched to their role, completion is recorded and gaps are followed up. Evidence: training needs analysis, completion figures by role.',
      appliesTo: 'both',
    },
    {
      code: 'J.8',
      title: 'Safer recruitment and allegations about people in positions of trust',
      guidance:
        'Recruitment follows safer recruitment practice; allegations about staff who work with children go to the LADO, and concerns about people in positions of trust with adults follow the local adults’ procedure. Evidence: policy, file audit, referrals made.',
      appliesTo: 'both',
    },
    {
      code: 'J.9',
      title: 'Information sharing',
      guidance:
        'Staff know when and how to share information to keep a child or an adult safe, including without consent where the law allows, and record their decisions and reasons. Evidence: policy, staff guidance, audit of records.',
      appliesTo: 'both',
    },
    {
      code: 'J.10',
      title: 'Learning from reviews and audits',
      guidance:
        'The organisation takes part in child safeguarding practice reviews and safeguarding adults reviews, acts on their findings and on multi-agency audits, and can show what changed. Evidence: actions completed, briefings to staff.',
      appliesTo: 'both',
    },
  ],
};

const DA: StandardFramework = {
  kind: 'da',
  version: 1,
  title: 'Domestic abuse self-assessment',
  agencyTypes: ['idva_da_service', 'police', 'health', 'housing'],
  standards: [
    {
      code: 'DA.1',
      title: 'Understanding of domestic abuse under the Domestic Abuse Act 2021',
      guidance:
        'Staff know the statutory definition (including economic abuse and coercive or controlling behaviour), that children who see, hear or experience its effects are victims in their own right, and how it shows in their own service. Evidence: policy, training content and completion.',
      appliesTo: 'both',
    },
    {
      code: 'DA.2',
      title: 'Risk identification with the DASH checklist',
      guidance:
        'Staff use the DASH risk identification checklist (or an equivalent agreed locally) when domestic abuse is disclosed, use professional judgement alongside the score, and record the outcome. Evidence: DASH completion figures, audit of records.',
      appliesTo: 'both',
    },
    {
      code: 'DA.3',
      title: 'MARAC referral and participation',
      guidance:
        'High-risk victims are referred to MARAC, the organisation attends every meeting, researches its records before it, shares what it knows, and completes its actions on time. Evidence: referrals, attendance, actions completed.',
      appliesTo: 'both',
    },
    {
      code: 'DA.4',
      title: 'Operation Encompass and children in the household',
      guidance:
        'When police attend a domestic abuse incident where children live, the child’s school is told before the next school day, and other services consider the children in the household. Evidence: notification figures, how information reaches staff.',
      appliesTo: 'children',
    },
    {
      code: 'DA.5',
      title: 'Specialist support and safety planning',
      guidance:
        'Victims are offered referral to an IDVA or specialist domestic abuse service and a safety plan, and their wishes shape what happens next. Evidence: referrals made, safety plans, feedback.',
      appliesTo: 'both',
    },
    {
      code: 'DA.6',
      title: 'A workplace domestic abuse policy',
      guidance:
        'The organisation has a policy that supports its own staff who experience domestic abuse and sets out how it responds to staff who perpetrate it. Evidence: the policy, how staff are told about it.',
      appliesTo: 'both',
    },
  ],
};

/** The frameworks an area installs (see SelfAssessmentService.installFrameworks). */
export const STANDARD_FRAMEWORKS: readonly StandardFramework[] = [S11, S175, VCS, JOINT, DA];

export const FRAMEWORK_KIND_LABELS: Record<FrameworkKind, string> = {
  s11: 'Section 11',
  s175: 'Section 175 (schools)',
  vcs: 'Voluntary and community sector',
  joint: 'Joint children’s and adults’',
  da: 'Domestic abuse',
};
