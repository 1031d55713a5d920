/** Sign-in, second factor, identity-provider sign-in, sign-out and the user's own account page. */
import { demoSignInGroups } from './presenters.js';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/authz.js';
import { badRequest } from '../../platform/errors.js';
import { clearSessionCookie, cookieOptions, setSessionCookie } from '../../platform/cookies.js';
import { safeReturnPath } from '../../platform/security.js';
import { errorsFrom, form, parseForm, requiredText, withRules } from '../../platform/forms.js';
import { type OidcPending, type OidcSignIn } from '../../platform/oidc.js';
import { homePath } from '../home/paths.js';
import { ACCOUNTS_ROUTES, accountsPath } from './paths.js';
import { type AccountService, type SignInResult } from './service.js';
import { type AttemptSource, DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from './throttle.js';

const OIDC_COOKIE = 'threshold_oidc';

/** A password field: taken exactly as typed (no trimming), never echoed back to the page. */
function secret(required: string) {
  return z.unknown().optional().transform((v, ctx): string => {
    if (typeof v !== 'string' || v === '') {
      ctx.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    if (v.length > 256) {
      ctx.addIssue({ code: 'custom', message: 'Password must be 256 characters or fewer' });
      return z.NEVER;
    }
    return v;
  });
}

const signInForm = form({
  email: requiredText({ label: 'Email address', required: 'Enter your email address', max: 254 }),
  password: secret('Enter your password'),
  returnTo: z.unknown().optional(),
});

const codeField = requiredText({ label: 'Security code', required: 'Enter the 6-digit security code from your authenticator app', max: 20 }).refine(
  (v) => /^\d{6}$/.test(v.replace(/\s/g, '')),
  'Security code must be 6 digits',
);

const codeForm = form({ code: codeField });

/** The code at sign-in, with where to go afterwards (carried from the sign-in form). */
const signInCodeForm = form({ code: codeField, returnTo: z.unknown().optional() });

/** How long to wait, in words: the same for every account, known or not. */
export function throttledMessage(seconds: number): string {
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `There have been too many attempts to sign in. Wait ${wait}, then try again.`;
}

/** Where an attempt comes from: the client address, and the known-device cookie if its signature holds. */
function attemptSource(request: FastifyRequest): AttemptSource {
  const raw = request.cookies[DEVICE_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : null;
  return { ip: request.ip, device: unsigned?.valid && unsigned.value ? unsigned.value : undefined };
}

export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountService; oidc: OidcSignIn | undefined; demo: boolean; demoPassword: string; now: () => Date; signInRateLimit: number },
): void {
  const { accounts } = deps;

  async function signInPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const demoGroups = deps.demo ? demoSignInGroups(await accounts.demoAccounts()) : [];
    return reply.code(status).view('accounts/views/sign-in.njk', {
      pageTitle: 'Sign in',
      returnTo: safeReturnPath((request.query as { returnTo?: string }).returnTo ?? (request.body as { returnTo?: string } | undefined)?.returnTo),
      oidcLabel: deps.oidc?.config.label,
      demoGroups,
      demoPassword: deps.demoPassword,
      ...extra,
    });
  }

  function afterSignIn(request: FastifyRequest, reply: FastifyReply, result: Extract<SignInResult, { kind: 'ok' }>, returnTo: string) {
    setSessionCookie(request, reply, result.token);
    if (result.deviceCookie) {
      reply.setCookie(DEVICE_COOKIE, result.deviceCookie, { ...cookieOptions(request, DEVICE_COOKIE_DAYS * 86_400), signed: true });
    }
    if (result.stage === 'mfa') {
      // The return path is encoded as it always has been (encodeURIComponent), so the address is unchanged.
      const secondFactor = accountsPath('signInSecondFactor', {});
      return reply.redirect(returnTo === homePath('home', {}) ? secondFactor : `${secondFactor}?returnTo=${encodeURIComponent(returnTo)}`, 303);
    }
    if (result.stage === 'mfa-enrol') return reply.redirect(accountsPath('setUpSecondFactor', {}), 303);
    return reply.redirect(returnTo, 303);
  }

  app.get(ACCOUNTS_ROUTES.signIn, { config: { rule: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect(homePath('home', {}), 303);
    return signInPage(request, reply);
  });

  app.post(
    ACCOUNTS_ROUTES.signIn,
    { config: { rule: 'public', rateLimit: { max: deps.signInRateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const form = parseForm(signInForm, request.body);
      if (!form.ok) return signInPage(request, reply, { errors: form.errors, values: form.values }, 400);
      const returnTo = safeReturnPath(form.value.returnTo);
      const result = await accounts.signIn(actorOf(request), form.value.email, form.value.password, attemptSource(request));
      if (result.kind === 'ok') return afterSignIn(request, reply, result, returnTo);
      if (result.kind === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return signInPage(request, reply, { errors: errorsFrom({ email: throttledMessage(result.retryAfterSeconds) }), values: { email: form.value.email } }, 429);
      }
      return signInPage(request, reply, { errors: errorsFrom({ email: 'Enter a correct email address and password' }), values: { email: form.value.email } }, 401);
    },
  );

  // ——— second factor at sign-in ———
  function secondFactorPage(request: FastifyRequest, reply: FastifyReply, returnTo: unknown, extra: Record<string, unknown> = {}, status = 200) {
    return reply.code(status).view('accounts/views/second-factor.njk', { pageTitle: 'Enter your security code', returnTo: safeReturnPath(returnTo), ...extra });
  }

  app.get(ACCOUNTS_ROUTES.signInSecondFactor, { config: { rule: 'public', allowDuringMfa: true } }, async (request, reply) => {
    if (request.session?.stage !== 'mfa') return reply.redirect(accountsPath('signIn', {}), 303);
    return secondFactorPage(request, reply, (request.query as { returnTo?: unknown }).returnTo);
  });

  app.post(
    ACCOUNTS_ROUTES.signInSecondFactor,
    { config: { rule: 'public', allowDuringMfa: true, rateLimit: { max: deps.signInRateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const session = request.session;
      const returnTo = (request.body as { returnTo?: unknown } | undefined)?.returnTo;
      const form = parseForm(signInCodeForm, request.body);
      if (!form.ok) return secondFactorPage(request, reply, returnTo, { errors: form.errors }, 400);
      if (session?.stage !== 'mfa') return reply.redirect(accountsPath('signIn', {}), 303);
      const result = await accounts.completeSecondFactor(actorOf(request), session, form.value.code, attemptSource(request));
      if (result.kind === 'ok') return afterSignIn(request, reply, result, safeReturnPath(form.value.returnTo));
      if (result.kind === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return secondFactorPage(request, reply, returnTo, { errors: errorsFrom({ code: throttledMessage(result.retryAfterSeconds) }) }, 429);
      }
      return secondFactorPage(request, reply, returnTo, {
        errors: errorsFrom({ code: 'The security code is not correct, or has already been used. Enter the current code.' }),
      }, 401);
    },
  );

  // ——— setting up a second factor ———
  async function enrolPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const session = request.session!;
    const { secret, qrSvg } = await accounts.beginEnrolment(session, 'Threshold');
    return reply.code(status).view('accounts/views/set-up-second-factor.njk', {
      pageTitle: 'Set up your authenticator app',
      secret,
      qrSvg,
      required: session.stage === 'mfa-enrol',
      ...extra,
    });
  }

  app.get(ACCOUNTS_ROUTES.setUpSecondFactor, { config: { rule: 'public', allowDuringMfa: true } }, async (request, reply) => {
    if (!request.session || request.session.stage === 'mfa') return reply.redirect(accountsPath('signIn', {}), 303);
    return enrolPage(request, reply);
  });

  app.post(
    ACCOUNTS_ROUTES.setUpSecondFactor,
    { config: { rule: 'public', allowDuringMfa: true, rateLimit: { max: deps.signInRateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const session = request.session;
      const form = parseForm(codeForm, request.body);
      if (!session || session.stage === 'mfa') {
        if (!form.ok) throw badRequest('Sign in before setting up an authenticator app.');
        return reply.redirect(accountsPath('signIn', {}), 303);
      }
      if (!form.ok) return enrolPage(request, reply, { errors: form.errors }, 400);
      const result = await accounts.confirmEnrolment(actorOf(request), session, form.value.code);
      if (result.kind === 'invalid') {
        return enrolPage(request, reply, { errors: errorsFrom({ code: 'The security code is not correct. Check the app shows Threshold and enter the current code.' }) }, 400);
      }
      setSessionCookie(request, reply, result.token);
      return reply.redirect(accountsPath('account', {}, { enrolled: 1 }), 303);
    },
  );

  app.get(ACCOUNTS_ROUTES.account, { config: { rule: 'signed-in' } }, async (request, reply) => {
    return reply.view('accounts/views/account.njk', {
      pageTitle: 'Your account',
      flash: (request.query as { enrolled?: string }).enrolled
        ? 'Your authenticator app is set up. You will need a code from it each time you sign in.'
        : (request.query as { passwordChanged?: string }).passwordChanged
          ? 'Your password has been changed. Any other sessions have been signed out.'
          : undefined,
    });
  });

  const passwordForm = withRules(
    form({
      currentPassword: secret('Enter your current password'),
      newPassword: secret('Enter a new password'),
      confirmPassword: secret('Enter the new password again'),
    }),
    (v, ctx) => {
      if (typeof v.newPassword === 'string' && typeof v.confirmPassword === 'string' && v.newPassword !== v.confirmPassword) {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match' });
      }
    },
  );

  app.get(ACCOUNTS_ROUTES.password, { config: { rule: 'signed-in' } }, async (_request, reply) =>
    reply.view('accounts/views/change-password.njk', { pageTitle: 'Change your password', backLink: { href: accountsPath('account', {}), text: 'Your account' } }),
  );

  app.post(ACCOUNTS_ROUTES.password, { config: { rule: 'signed-in', rateLimit: { max: deps.signInRateLimit, timeWindow: '1 minute' } } }, async (request, reply) => {
    const view = { pageTitle: 'Change your password', backLink: { href: accountsPath('account', {}), text: 'Your account' } };
    const parsed = parseForm(passwordForm, request.body);
    if (!parsed.ok) return reply.code(400).view('accounts/views/change-password.njk', { ...view, errors: parsed.errors });
    const result = await accounts.changePassword(actorOf(request), request.session!, parsed.value.currentPassword, parsed.value.newPassword);
    if ('problems' in result) return reply.code(400).view('accounts/views/change-password.njk', { ...view, errors: errorsFrom(result.problems) });
    setSessionCookie(request, reply, result.token);
    return reply.redirect(accountsPath('account', {}, { passwordChanged: 1 }), 303);
  });

  app.post(ACCOUNTS_ROUTES.signOut, { config: { rule: 'public', allowDuringMfa: true } }, async (request, reply) => {
    if (request.session) await accounts.signOut(actorOf(request), request.session);
    clearSessionCookie(request, reply);
    return reply.redirect(accountsPath('signIn', {}, { signedOut: 1 }), 303);
  });

  // ——— identity provider ———
  const oidc = deps.oidc;
  if (oidc) {
    app.get(ACCOUNTS_ROUTES.signInOidc, { config: { rule: 'public' } }, async (request, reply) => {
      let started;
      try {
        started = await oidc.start(safeReturnPath((request.query as { returnTo?: string }).returnTo));
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, 'identity provider unavailable');
        return signInPage(request, reply, { errors: errorsFrom({ email: 'Sign-in with your organisation account is not available at the moment. Try again later, or sign in with your password.' }) }, 503);
      }
      const { url, pending } = started;
      reply.setCookie(OIDC_COOKIE, JSON.stringify(pending), { ...cookieOptions(request, 600), signed: true });
      return reply.redirect(url, 303);
    });

    app.get(ACCOUNTS_ROUTES.oidcCallback, { config: { rule: 'public' } }, async (request, reply) => {
      const raw = request.cookies[OIDC_COOKIE];
      const unsigned = raw ? reply.unsignCookie(raw) : { valid: false, value: null };
      reply.clearCookie(OIDC_COOKIE, cookieOptions(request));
      if (!unsigned.valid || !unsigned.value) {
        return signInPage(request, reply, { errors: errorsFrom({ email: 'Sign-in with your organisation account took too long or was interrupted. Try again.' }) }, 400);
      }
      let pending: OidcPending;
      try {
        pending = JSON.parse(unsigned.value) as OidcPending;
      } catch {
        return signInPage(request, reply, { errors: errorsFrom({ email: 'Sign-in with your organisation account failed. Try again.' }) }, 400);
      }
      let claims;
      try {
        const base = `${request.protocol}://${request.host}`;
        claims = await oidc.finish(new URL(request.url, base), pending);
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, 'identity provider sign-in failed');
        return signInPage(request, reply, { errors: errorsFrom({ email: 'Your organisation account could not be confirmed. Try again.' }) }, 401);
      }
      const result = await accounts.signInWithIdentityProvider(actorOf(request), claims);
      if (result.kind === 'ok') return afterSignIn(request, reply, result, safeReturnPath(pending.returnTo));
      const message = 'There is no Threshold account for your organisation account. Ask your administrator to add you, using your work email address.';
      return signInPage(request, reply, { errors: errorsFrom({ email: message }) }, 403);
    });
  }
}
