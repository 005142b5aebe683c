// Whether a TCP port can be listened on, asked before workerd starts: workerd itself answers a busy port with a
// fatal exception and a native stack trace on stderr, which is no message for a user.
import { createServer } from 'node:net';

export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}
