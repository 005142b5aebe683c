// Placeholder authorizer objects per type, inserted by the SAG112 and SAG211 fixes. Secrets are `$secret.`
// references so a fix never invites a plaintext secret into the repository (SAG602).
import type { AuthorizerType } from 'serverless-api-gateway-runtime/config';

export const AUTHORIZER_SKELETONS: Record<AuthorizerType, Record<string, string>> = {
  jwt: {
    type: 'jwt',
    secret: '$secret.JWT_SECRET',
    algorithm: 'HS256',
    issuer: '$env.JWT_ISSUER',
    audience: '$env.JWT_AUDIENCE',
  },
  auth0: {
    type: 'auth0',
    domain: '$env.AUTH0_DOMAIN',
    client_id: '$env.AUTH0_CLIENT_ID',
    client_secret: '$secret.AUTH0_CLIENT_SECRET',
    redirect_uri: '$env.AUTH0_REDIRECT_URI',
    jwks_uri: '$env.AUTH0_JWKS_URI',
    scope: 'openid profile email',
  },
  supabase: {
    type: 'supabase',
    jwt_secret: '$secret.SUPABASE_JWT_SECRET',
    issuer: '$env.SUPABASE_ISSUER',
    audience: 'authenticated',
  },
};
