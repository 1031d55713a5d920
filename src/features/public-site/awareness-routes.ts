/**
 * The awareness pages (issue 18 §6, and §4's Easy Read page): the signs of abuse of children and of adults — an
 * index in two groups and a page for each kind of abuse (`awareness-topics.ts`) — and what happens after you report,
 * in full and in Easy Read. They hold nobody's data, so each is rendered once per language and kept; every view is
 * counted under its page key (`signs`, `signs.<group>.<slug>`, `what-happens-next`, `what-happens-next.easy-read`).
 */
import { type FastifyInstance } from 'fastify';
import { SIGNS_GROUPS, findTopic, topicPath, topicsOf, type SignsTopic } from './awareness-topics.js';
import { publicPath } from './paths.js';
import { type PublicRoutesContext } from './routes.js';
import { languageOf, languagePage, publicRouteOptions, renderPublic, samePageIn, within } from './site.js';

/** The points of the Easy Read page, in order: each a message and the picture beside it (`what-happens-next-icons.njk`). */
export const EASY_READ_POINTS: readonly { key: string; icon: string }[] = [
  { key: 'thanks', icon: 'thanks' },
  { key: 'read', icon: 'read' },
  { key: 'workingDay', icon: 'calendar' },
  { key: 'danger', icon: 'fast' },
  { key: 'checks', icon: 'ask' },
  { key: 'family', icon: 'family' },
  { key: 'secret', icon: 'secret' },
  { key: 'private', icon: 'lock' },
  { key: 'outcome', icon: 'letter' },
  { key: 'anonymous', icon: 'anonymous' },
  { key: 'worse', icon: 'again' },
  { key: 'call999', icon: 'phone' },
].map((p) => ({ key: `next.easyRead.points.${p.key}`, icon: p.icon }));

/** What the topic templates are given for a topic: its messages' keys and its address in this language. */
function topicView(lang: string, t: SignsTopic) {
  return { ...t, href: topicPath(lang, t) };
}

export function registerAwarenessRoutes(pub: FastifyInstance, ctx: PublicRoutesContext): void {
  const options = publicRouteOptions(ctx.config);

  languagePage(pub, ctx, 'signs', 'public-site/views/signs.njk', 'signs', (lang) => ({
    groups: SIGNS_GROUPS.map((group) => ({ group, topics: topicsOf(group).map((t) => topicView(lang, t)), report: publicPath('reportStart', { lang }, { about: group === 'children' ? 'child' : 'adult' }) })),
  }));

  pub.get<{ Params: { lang: string; group: string; topic: string } }>(within('signsTopic'), options, async (request, reply) => {
    const lang = languageOf(request);
    const topic = findTopic(request.params.group, request.params.topic);
    if (!lang || !topic) return reply.callNotFound();
    const others = topicsOf(topic.group)
      .filter((t) => t.slug !== topic.slug)
      .map((t) => topicView(lang, t));
    return renderPublic(
      ctx,
      request,
      reply,
      'public-site/views/signs-topic.njk',
      {
        topic: topicView(lang, topic),
        others,
        indexHref: publicPath('signs', { lang }),
        reportHref: publicPath('reportStart', { lang }, { about: topic.group === 'children' ? 'child' : 'adult' }),
        findHelpHref: publicPath('findHelp', { lang }),
      },
      // One kept page per topic: the template is the same for every topic, so the topic is in the key.
      { pageKey: topic.pageKey, cacheKey: topic.pageKey, lang, samePageIn: samePageIn('signsTopic', { lang, group: topic.group, topic: topic.slug }) },
    );
  });

  languagePage(pub, ctx, 'whatHappensNext', 'public-site/views/what-happens-next.njk', 'what-happens-next', (lang) => ({
    sections: ['read', 'checks', 'family', 'confidential', 'outcome', 'anonymous', 'worse'],
    easyReadHref: publicPath('whatHappensNextEasyRead', { lang }),
    reportHref: publicPath('reportStart', { lang }),
    findHelpHref: publicPath('findHelp', { lang }),
  }));
  languagePage(pub, ctx, 'whatHappensNextEasyRead', 'public-site/views/what-happens-next-easy-read.njk', 'what-happens-next.easy-read', (lang) => ({
    points: EASY_READ_POINTS,
    fullHref: publicPath('whatHappensNext', { lang }),
  }));
}
