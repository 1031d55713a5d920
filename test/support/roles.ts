/** A demo user for each role (the demo seed has one per role). */
import { type Role } from '../../src/domain/roles.js';

export const USER_FOR: Record<Role, string> = {
  mash_screener: 'screener',
  mash_manager: 'manager',
  police_officer: 'police',
  health_lead: 'health',
  school_dsl: 'dsl',
  idva: 'idva',
  marac_coordinator: 'marac',
  social_worker: 'social-worker',
  csc_team_manager: 'csc-manager',
  conference_chair: 'chair',
  early_help_practitioner: 'early-help',
  adult_safeguarding_worker: 'adults',
  adult_safeguarding_manager: 'adults-manager',
  cme_officer: 'cme',
  cme_locality_worker: 'cme-locality',
  lado: 'lado',
  partner_manager: 'police-manager',
  school_administrator: 'school-admin',
  board_analyst: 'analyst',
  system_admin: 'admin',
  dols_lead: 'dols',
  best_interests_assessor: 'bia',
  contract_compliance_officer: 'contracts',
  provider_user: 'provider',
};
