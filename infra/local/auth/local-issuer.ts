/**
 * The local stand-in for the Cognito user pool: an RS256 key pair (kept under .data/ so tokens survive
 * a restart), ID tokens in Cognito's claim shape, and verification with `aws-jwt-verify`'s
 * CognitoJwtVerifier — the same checks (issuer, audience, token use, expiry, signature) that the
 * HTTP API's JWT authorizer makes on AWS.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '#shared/domain/roles.ts';
import { LOCAL_USER_POOL, localIssuer } from '../local-settings.ts';

export interface TokenSubject {
  sub: string;
  email: string;
  name: string;
  roles: Role[];
}

export interface LocalIssuer {
  jwks: { keys: JWK[] };
  /** `expiresInSeconds: null` mints a token without `exp` (which `verify`, like API Gateway, refuses). */
  mint(subject: TokenSubject, options?: { expiresInSeconds?: number | null; now?: Date }): Promise<string>;
  /** Verified claims, or throws (expired, forged, wrong audience/issuer/token use). */
  verify(token: string): Promise<Record<string, unknown>>;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<StoredKey> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stored: StoredKey = {
    kid: randomUUID(),
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(stored), { mode: 0o600 });
  }
  return stored;
}

export class TokenWithoutExpiryError extends Error {
  override name = 'TokenWithoutExpiryError';
}

/** @param keyFile where to keep the signing key; in memory only when absent (tests). */
export async function createLocalIssuer(keyFile?: string): Promise<LocalIssuer> {
  const key = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  const jwks = { keys: [{ ...key.publicJwk, kid: key.kid, alg: 'RS256', use: 'sig' }] };
  const verifier = CognitoJwtVerifier.create({
    userPoolId: LOCAL_USER_POOL.userPoolId,
    tokenUse: 'id',
    clientId: LOCAL_USER_POOL.clientId,
  });
  verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);

  return {
    jwks,
    async mint(subject, options = {}) {
      const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
      const jwt = new SignJWT({
        'cognito:groups': subject.roles,
        'cognito:username': subject.email.split('@')[0],
        email: subject.email,
        email_verified: true,
        name: subject.name,
        token_use: 'id',
        auth_time: nowSeconds,
        origin_jti: randomUUID(),
        jti: randomUUID(),
      })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setSubject(subject.sub)
        .setIssuer(localIssuer())
        .setAudience(LOCAL_USER_POOL.clientId)
        .setIssuedAt(nowSeconds);
      if (options.expiresInSeconds !== null)
        jwt.setExpirationTime(nowSeconds + (options.expiresInSeconds ?? 8 * 60 * 60));
      return jwt.sign(privateKey);
    },
    async verify(token) {
      const claims = (await verifier.verify(token)) as unknown as Record<string, unknown>;
      // API Gateway's JWT authorizer refuses a token without `exp`; aws-jwt-verify alone would accept it.
      if (typeof claims.exp !== 'number') throw new TokenWithoutExpiryError('the token has no exp claim');
      return claims;
    },
  };
}

/**
 * API Gateway's JWT authorizer hands claims to the Lambda as strings, arrays rendered "[a b]".
 * The local server passes them the same way so handlers see what they will see on AWS.
 */
export function claimsAsApiGatewayPassesThem(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [
      k,
      Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v),
    ]),
  );
}
