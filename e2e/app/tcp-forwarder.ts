// One fixed address (127.0.0.1:port) in front of an FTP server that can be swapped for
// another: what a client sees when the server behind a name is replaced and comes back
// with a new certificate. Certificates are pinned to host:port (DESIGN.md, FTPS), and
// the servers harness gives every start a new port, so without a stable front the second
// server would be a stranger rather than "the same server with a changed certificate".
//
// Only the control connection goes through here. Data connections go straight to the
// backend: its PASV reply names 127.0.0.1 and its own passive port, and for TLS the engine
// checks that the data connection presents the same certificate as the control one.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpForwarder {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** New connections go to this port from now on; open ones stay where they are. */
  target(port: number): void;
  close(): Promise<void>;
}

export async function startTcpForwarder(initialPort: number): Promise<TcpForwarder> {
  let backend = initialPort;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: backend });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // Either side going away ends the pair; errors are just that (a reset, a refusal).
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).on('error', () => undefined);
    upstream.pipe(client).on('error', () => undefined);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    target(port) {
      backend = port;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
