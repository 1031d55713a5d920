/**
 * Possible same incidents: the question on its own page, and the screener's answer ("the same incident" or
 * "different incidents"), for the owning front door's screeners only (contact:screen on a contact their agency owns,
 * checked before the handler by the route's records; the other contact is checked by the same mechanism before
 * anything is read from it or written to it). Also registers the late-notification lags' administration.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser, userActor } from '../../platform/authz.js';
import { errorsFrom, field, form, optionalText, parseForm } from '../../platform/forms.js';
import { idParam, isUuid } from '../../platform/params.js';
import { type ContactService } from './contact-service.js';
import { type Decision, type IncidentReviewService, type ReviewRow } from './incident-review-service.js';
import { openFlag } from './incident-review-presenters.js';
import { type LateNotificationService } from './late-notifications-service.js';
import { registerLateNotificationRoutes } from './late-notifications-routes.js';
import { FRONT_DOOR_ROUTES, contactPath } from './paths.js';

export const decisionForm = form({
  decision: field((v, ctx): Decision => {
    if (v === 'same' || v === 'different') return v;
    ctx.addIssue({ code: 'custom', message: 'Select whether this is the same incident or a different one' });
    return z.NEVER;
  }),
  reason: optionalText({ label: 'Why', max: 2_000, multiline: true }),
});

export interface IncidentServices {
  incidentReviews: IncidentReviewService;
  lateNotifications: LateNotificationService;
  contacts: ContactService;
}

export function registerIncidentReviewRoutes(app: FastifyInstance, services: IncidentServices): void {
  const { incidentReviews, contacts } = services;
  const config = { rule: 'contact:screen' as const, records: { id: 'contact.owned' as const } };

  async function reviewPage(request: FastifyRequest, reply: FastifyReply, contactId: string, review: ReviewRow | undefined, extra: Record<string, unknown> = {}, status = 200) {
    const contact = await contacts.summary(contactId);
    const reference = contact?.reference ?? 'this contact';
    const user = requireUser(request);
    return reply.code(status).view('front-door/views/incident-review.njk', {
      pageTitle: `Possible same incident: ${reference}`,
      reference,
      contactHref: contactPath(contactId),
      review: review ? { ...openFlag(contactId, review), status: review.status, decidedBy: review.decided_by_name, decidedAt: review.decided_at, reason: review.reason } : null,
      canDecide: !!review && review.status === 'open' && contact?.status === 'open' && user.permissions.has('contact:screen'),
      backLink: { href: contactPath(contactId, 'incident-review'), text: 'Back to the contact' },
      values: {},
      ...extra,
    });
  }

  /** The question raised on this contact with the id in the address, or a page that says there is none (404). */
  async function reviewOr404(request: FastifyRequest, reply: FastifyReply, contactId: string): Promise<ReviewRow | FastifyReply> {
    const reviewId = (request.params as Record<string, unknown>).reviewId;
    const review = isUuid(reviewId) ? await incidentReviews.review(contactId, reviewId.toLowerCase()) : undefined;
    if (review) return review;
    const text = 'There is no possible same incident with this address on this contact. Go back to the contact and choose it there.';
    return reviewPage(request, reply, contactId, undefined, { errors: { summary: [{ text, href: '#main-content' }], fields: {} } }, 404);
  }

  app.get(FRONT_DOOR_ROUTES.incidentReview, { config }, async (request, reply) => {
    const id = idParam(request);
    const review = await reviewOr404(request, reply, id);
    if (!('details' in review)) return review;
    // The other contact is shown too: the viewer must be able to open it (a restricted one asks for a reason).
    await app.records.require(request, 'contact', review.other_contact_id);
    return reviewPage(request, reply, id, review);
  });

  app.post(FRONT_DOOR_ROUTES.incidentReview, { config }, async (request, reply) => {
    const id = idParam(request);
    const review = await reviewOr404(request, reply, id);
    if (!('details' in review)) return review;
    const parsed = parseForm(decisionForm, request.body);
    if (!parsed.ok) return reviewPage(request, reply, id, review, { errors: parsed.errors, values: parsed.values }, 400);
    // Either answer acts on the other contact as its owner too (the same incident writes to it).
    await app.records.require(request, 'contact.owned', review.other_contact_id);
    const result = await incidentReviews.decide(userActor(request), id, review.id, parsed.value.decision, parsed.value.reason);
    if ('problem' in result) {
      const now = await incidentReviews.review(id, review.id);
      return reviewPage(request, reply, id, now ?? review, { errors: errorsFrom({ decision: result.problem }), values: request.body }, result.status);
    }
    if (result.decision === 'same') return reply.redirect(contactPath(result.otherContactId, 'also-reported'), 303);
    return reply.redirect(contactPath(id, 'incident-review'), 303);
  });

  registerLateNotificationRoutes(app, services);
}
