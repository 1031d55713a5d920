/**
 * OpenID Connect sign-in with the council's identity provider (authorisation code flow with PKCE, state and
 * nonce). The provider is discovered lazily, so Threshold starts even when the provider is briefly unreachable.
 */
import * as client from 'openid-client';
import { type OidcConfig } from '../config.js';

export interface OidcPending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(readonly config: OidcConfig) {}

  private configuration(): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        this.config.clientSecret,
        undefined,
        this.config.allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.discovered = undefined;
        throw err;
      });
    return this.discovered;
  }

  async start(returnTo: string): Promise<{ url: string; pending: OidcPending }> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const pending: OidcPending = { verifier, state: client.randomState(), nonce: client.randomNonce(), returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code; returns the identity claims Threshold uses. */
  async finish(callbackUrl: URL, pending: OidcPending): Promise<{ sub: string; email?: string; amr?: string[] }> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('identity provider returned no ID token');
    return {
      sub: claims.sub,
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      ...(Array.isArray(claims.amr) ? { amr: claims.amr.map(String) } : {}),
    };
  }
}
