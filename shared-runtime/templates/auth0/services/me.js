// GET /me: answers with the claims of the verified Auth0 access token (the gateway checked it before calling this).
export default class Me {
  async fetch(request, env, ctx, context) {
    return Response.json({ subject: context?.jwt?.sub ?? null, claims: context?.jwt ?? null });
  }
}
