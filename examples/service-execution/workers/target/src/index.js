// Handles POST /orders for the gateway through the RPC method `run`.
import { WorkerEntrypoint } from 'cloudflare:workers';

export default class Target extends WorkerEntrypoint {
  async fetch() {
    return new Response('sag-gateway-target is called through its RPC method `run`', { status: 404 });
  }

  async run(request, context) {
    const order = await request.json().catch(() => ({}));
    return Response.json({ accepted: true, order, route: context.route, requestId: context.requestId }, { status: 201 });
  }
}
