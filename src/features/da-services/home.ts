/**
 * The IDVA and domestic abuse services' home panel (features/home/panels.ts): the worker's own caseload, those of
 * their cases with no safety plan yet, and the clients waiting for a keyworker at each service. Every count is the
 * total of the list it links to (DaServiceCaseService.caseCounts, the lists' own conditions).
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { daServicesPath } from './paths.js';
import { type CaseList } from './repository.js';
import { type DaServiceCaseService } from './service.js';

export function caseloadPanel(counts: Record<CaseList, number>): HomePanel {
  const list = (show: CaseList) => daServicesPath('cases', {}, { show });
  return {
    title: 'IDVA and domestic abuse services',
    counts: [
      { count: counts['no-plan'], text: `${plural(counts['no-plan'], 'case')} allocated to you without a safety plan`, href: list('no-plan'), tone: 'waiting' },
      { count: counts['waiting-idva'], text: `high-risk ${plural(counts['waiting-idva'], 'client')} waiting for an IDVA`, href: list('waiting-idva'), tone: 'waiting' },
      { count: counts['waiting-commissioned'], text: `${plural(counts['waiting-commissioned'], 'client')} waiting for the commissioned service`, href: list('waiting-commissioned'), tone: 'waiting' },
      { count: counts.mine, text: `open ${plural(counts.mine, 'case')} allocated to you`, href: list('mine'), tone: 'waiting' },
    ],
    links: [
      { text: 'Caseloads and waiting lists', href: daServicesPath('overview', {}) },
      { text: 'Refer a client', href: daServicesPath('newReferral', {}) },
    ],
  };
}

export function daServicesHomePanels(daServices: DaServiceCaseService): HomeContributor[] {
  return [
    {
      id: 'da-services-caseload',
      order: 23,
      needs: ['da_service:work'],
      async panel(user) {
        return caseloadPanel(await daServices.caseCounts(user));
      },
    },
  ];
}
