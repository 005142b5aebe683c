// Real tokens for auth tests, signed with jose: HMAC secrets, an RSA key pair with its JWKS, and `alg: none`.
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export const now = (): number => Math.floor(Date.now() / 1000);

export async function hmacToken(secret: string, payload: JWTPayload, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

export interface RsaSigner {
  jwks: { keys: JWK[] };
  sign(payload: JWTPayload, kid?: string): Promise<string>;
}

export async function rsaSigner(kid = 'test-key-1'): Promise<RsaSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (payload, signKid = kid) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signKid }).sign(privateKey),
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** An unsecured JWT (`alg: none`, empty signature) as attackers send it. */
export function unsecuredToken(payload: JWTPayload): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.`;
}

export function bearerRequest(token: string | undefined, url = 'https://gw.example/api/x', init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  return new Request(url, { ...init, headers });
}

export async function jsonOf(response: Response): Promise<unknown> {
  return JSON.parse(await response.text());
}
