// Runs before POST /orders: a request without an API key is answered here (short-circuit);
// otherwise the hook returns nothing and the gateway continues to the target Worker.
import { WorkerEntrypoint } from 'cloudflare:workers';

export default class Hooks extends WorkerEntrypoint {
  async fetch() {
    return new Response('sag-gateway-hooks is called through its RPC method `before`', { status: 404 });
  }

  async before(request, context) {
    if (!request.headers.get('x-api-key')) {
      return Response.json({ error: 'missing x-api-key header', requestId: context.requestId }, { status: 401 });
    }
    return undefined;
  }
}
