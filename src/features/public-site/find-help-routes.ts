/**
 * "Find help" and the partnership's campaigns on the public site. Find help is a GET form (works without
 * JavaScript): what help, for whom, where, and a search word; the page lists the matching services of the
 * directory the business unit keeps (public-content), best match first, each with its ways in, when it is open and
 * when it was last checked. Both pages hold nobody's data, so they are kept (per filter, per day) until the
 * directory or the campaigns change.
 *
 * The labels of needs, ages, areas and boards come from the catalogue (translated); the services' and campaigns' own
 * words are English, marked `lang="en"` on a page in another language.
 */
import { type FastifyInstance } from 'fastify';
import { type Code } from '../../domain/codes.js';
import { HELP_AGES, HELP_AREAS, HELP_NEEDS } from '../../domain/public-content.js';
import { type CampaignRow, type HelpServiceRow } from '../public-content/service.js';
import { KEYWORD_MAX, findHelpCacheKey, findHelpQueryString, matchServices, publicCampaigns, publicService, readFindHelpQuery } from '../public-content/presenters.js';
import { findTopic, topicPath } from './awareness-topics.js';
import { translator } from './i18n.js';
import { pagination } from '../../platform/pagination.js';
import { publicPath } from './paths.js';
import { type PublicRoutesContext } from './routes.js';
import { RenderedPages, languageOf, publicRouteOptions, renderPublic, within } from './site.js';

/** Find help pages kept at most, one per filter chosen from the lists (the least recently used dropped first). */
const FILTERS_KEPT = 100;

/** Services on one page of results (the GOV.UK pagination component below them). */
export const SERVICES_PER_PAGE = 10;

/** How long the directory read for an area is kept (the kept pages are cleared on any change in any case). */
const DIRECTORY_MS = 60_000;

export function registerFindHelpRoutes(pub: FastifyInstance, ctx: PublicRoutesContext): void {
  const content = ctx.deps.publicContent;
  // The area's directory and campaigns, read once a minute at most and dropped when the business unit changes them.
  const directory = kept<HelpServiceRow[]>();
  const campaignsOf = kept<CampaignRow[]>();
  // Find help's kept pages are its own: a flood of different filters cannot push the other pages out.
  const filtered = new RenderedPages(Date.now, FILTERS_KEPT);
  const findHelpCtx = { ...ctx, rendered: filtered };
  content.onChange(() => {
    directory.clear();
    campaignsOf.clear();
    filtered.clear();
  });

  pub.get<{ Params: { lang: string } }>(within('findHelp'), publicRouteOptions(ctx.config), async (request, reply) => {
    const lang = languageOf(request);
    if (!lang) return reply.callNotFound();
    const { filter, keywordTooLong } = readFindHelpQuery(request.query);
    const query = findHelpQueryString(filter);
    const requested = Number((request.query as { page?: unknown }).page);
    const pageAsked = Number.isInteger(requested) && requested >= 1 && requested <= 1_000 ? requested : 1;
    const withPage = (code: string, n: number) => `${publicPath('findHelp', { lang: code })}${query}${n > 1 ? `${query ? '&' : '?'}page=${n}` : ''}`;
    const today = content.today();
    const { t } = translator(lang);
    const errorText = keywordTooLong ? t('findHelp.keywordTooLong', { max: KEYWORD_MAX }) : null;
    // The page shown (the one asked for, or the last there is); set when the page is made, for the switcher's links.
    let pageNumber = pageAsked;
    // Made only when the page is not kept already: a kept page needs neither the directory nor its formatting.
    const data = async () => {
      const area = await ctx.site.publicArea();
      const all = area ? await directory.get(area.id, () => content.publishedServices(area.id)) : [];
      const matches = matchServices(all, filter);
      pageNumber = Math.min(pageAsked, Math.max(1, Math.ceil(matches.length / SERVICES_PER_PAGE)));
      const shown = matches.slice((pageNumber - 1) * SERVICES_PER_PAGE, pageNumber * SERVICES_PER_PAGE);
      const pager = pagination(pageNumber, matches.length, SERVICES_PER_PAGE, (n) => `${withPage(lang, n)}#results`);
      const items = (codes: readonly Code[], prefix: string, chosen: readonly string[]) => codes.map((c) => ({ value: c.code, text: t(`${prefix}.${c.code}`), checked: chosen.includes(c.code) }));
      return {
        filter,
        needItems: items(HELP_NEEDS, 'findHelp.needs', filter.needs),
        ageItems: items(HELP_AGES, 'findHelp.ages', filter.ages),
        areaItems: items(HELP_AREAS, 'findHelp.areas', filter.areas),
        services: shown.map((m) => publicService(m.service, today, lang)),
        count: matches.length,
        showing: { from: (pageNumber - 1) * SERVICES_PER_PAGE + 1, to: (pageNumber - 1) * SERVICES_PER_PAGE + shown.length },
        pagination: pager && {
          ...pager,
          ...(pager.previous ? { previous: { ...pager.previous, text: t('findHelp.pagination.previous') } } : {}),
          ...(pager.next ? { next: { ...pager.next, text: t('findHelp.pagination.next') } } : {}),
          landmarkLabel: t('findHelp.pagination.label'),
        },
        chosen: filter.needs.length + filter.ages.length + filter.areas.length + (filter.keyword ? 1 : 0) > 0,
        action: publicPath('findHelp', { lang }),
        errors: errorText ? { summary: [{ text: errorText, href: '#q' }], fields: { q: { text: errorText } } } : undefined,
      };
    };
    return renderPublic(findHelpCtx, request, reply, 'public-site/views/find-help.njk', data, {
      pageKey: 'find-help',
      // A refused search is shown once, not kept; nor is a page with a visitor's own search words (another visitor
      // would see them as the first typed them), only the pages of the lists' choices.
      ...(errorText ? { status: 400 } : filter.keyword ? {} : { cacheKey: `${today}|${findHelpCacheKey(filter)}|${pageAsked}` }),
      lang,
      samePageIn: (code: string) => withPage(code, pageNumber),
    });
  });

  pub.get<{ Params: { lang: string } }>(within('campaigns'), publicRouteOptions(ctx.config), async (request, reply) => {
    const lang = languageOf(request);
    if (!lang) return reply.callNotFound();
    const today = content.today();
    const data = async () => {
      const area = await ctx.site.publicArea();
      const campaigns = publicCampaigns(area ? await campaignsOf.get(`${area.id}|${today}`, () => content.currentCampaigns(area.id, today)) : [], today, lang).map((c) => ({
        ...c,
        // Only to a signs-of-abuse page that exists.
        signsHref: signsHref(lang, c.signs),
      }));
      return { campaigns, findHelpHref: publicPath('findHelp', { lang }) };
    };
    return renderPublic(
      ctx,
      request,
      reply,
      'public-site/views/campaigns.njk',
      data,
      { pageKey: 'campaigns', cacheKey: today, lang, samePageIn: (code) => publicPath('campaigns', { lang: code }) },
    );
  });
}

function signsHref(lang: string, signs: { group: string; topic: string } | null): string | null {
  const topic = signs ? findTopic(signs.group, signs.topic) : undefined;
  return topic ? topicPath(lang, topic) : null;
}

/** One value per key, read at most once a minute (a failed read is not kept). */
function kept<T>() {
  const values = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, read: () => Promise<T>): Promise<T> {
      const hit = values.get(key);
      if (hit && Date.now() - hit.at <= DIRECTORY_MS) return hit.value;
      if (values.size > 50) values.clear();
      const value = read();
      values.set(key, { at: Date.now(), value });
      value.catch(() => values.delete(key));
      return value;
    },
    clear: () => values.clear(),
  };
}
