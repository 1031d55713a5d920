/** Home pages: each role starts where its work is. Also the accessibility statement and privacy notice. */
import { type FastifyInstance } from 'fastify';
import { requireUser } from '../../platform/authz.js';
import { HOME_ROUTES } from './paths.js';
import { type HomePanels } from './panels.js';
import { presentHome } from './presenters.js';

export function registerHomeRoutes(app: FastifyInstance, services: { homePanels: HomePanels }): void {
  // What this user must do today: the panels their permissions reach (panels.ts, src/home-panels.ts).
  app.get(HOME_ROUTES.home, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request);
    return reply.view('home/views/home.njk', { pageTitle: 'Home', home: presentHome(await services.homePanels.panelsFor(user)) });
  });

  app.get(HOME_ROUTES.accessibility, { config: { rule: 'public' } }, async (_request, reply) =>
    reply.view('home/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
  app.get(HOME_ROUTES.privacy, { config: { rule: 'public' } }, async (_request, reply) => reply.view('home/views/privacy.njk', { pageTitle: 'Privacy' }));
}
