// A test Worker that exposes the auth module inside workerd (bundled by workerd.test.ts with esbuild).
import { createAuthorizer, type Authorizer } from '../../../shared-runtime/src/auth/index';
import { handleAuth0 } from '../../../shared-runtime/src/integrations/auth0';
import { handleSupabase } from '../../../shared-runtime/src/integrations/supabase';

interface TestEnv {
  JWT_SECRET: string;
  TENANT_HOST: string;
  SUPABASE_URL: string;
  SUPABASE_SERVICE_ROLE_KEY: string;
}

// Built once per isolate, as the gateway core does per compiled config.
let built: { jwt: Authorizer; auth0: Authorizer; auth0Config: Record<string, unknown> } | undefined;

function authorizers(env: TestEnv) {
  if (built) return built;
  const auth0Config = {
    type: 'auth0',
    domain: env.TENANT_HOST,
    client_id: 'client-abc',
    client_secret: 'cs',
    redirect_uri: 'https://app.example/cb',
    scope: 'openid profile',
    jwks_uri: `http://${env.TENANT_HOST}/.well-known/jwks.json`,
  };
  const jwt = createAuthorizer({ type: 'jwt', secret: env.JWT_SECRET, algorithm: 'HS256' });
  const auth0 = createAuthorizer(auth0Config);
  if ('error' in jwt || 'error' in auth0) throw new Error('test authorizers must build');
  built = { jwt, auth0, auth0Config };
  return built;
}

export default {
  async fetch(request: Request, env: TestEnv): Promise<Response> {
    const { jwt, auth0, auth0Config } = authorizers(env);
    const path = new URL(request.url).pathname;
    if (path === '/login') return handleAuth0('auth0_callback_redirect', request, { authorizer: auth0Config, verifier: auth0 });
    if (path === '/otp') return handleSupabase('supabase_passwordless_auth', request, env as unknown as Record<string, unknown>);
    const verifier = path === '/auth0' ? auth0 : jwt;
    const result = await verifier.verify(request);
    return result.ok ? Response.json(result.payload) : result.response;
  },
};
