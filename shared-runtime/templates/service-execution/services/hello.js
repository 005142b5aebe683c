// A local service module: bundled into the gateway Worker and called for GET /hello/{name}.
export default class Hello {
  async fetch(request, env, ctx, context) {
    const name = context?.params?.name ?? 'world';
    return Response.json({ message: `Hello, ${name}!` });
  }
}
