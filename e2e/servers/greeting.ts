// Waiting for a freshly started server: it is ready when every port it serves answers 220.

import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as tls from 'node:tls';
/** Reads from a socket until a complete `220` reply; resolves with the reply text. */
function readGreeting(socket: net.Socket | tls.TLSSocket, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => done(new Error('no greeting')), timeoutMs);
    const done = (error?: Error, greeting?: string) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        socket.end('QUIT\r\n');
        resolve(greeting ?? '');
      }
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      // The final line of a (possibly multi-line) reply is `220 ` + text.
      const final = text.split(/\r?\n/).find((line) => /^\d{3} /.test(line));
      if (final === undefined) return;
      if (final.startsWith('220 ')) done(undefined, text.trim());
      else done(new Error(`greeting was not 220: ${text.trim()}`));
    });
    socket.on('error', (error) => done(error));
    socket.on('close', () => done(new Error('closed before the greeting')));
  });
}

async function probe(
  port: number,
  implicit: boolean,
  ca: string,
  timeoutMs: number,
): Promise<string> {
  const socket = implicit
    ? tls.connect({ host: '127.0.0.1', port, ca })
    : net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  return readGreeting(socket, timeoutMs);
}

/** Waits until every port answers 220, or a child exits, or time runs out. */
export async function waitForGreetings(
  ports: { port: number; implicit: boolean }[],
  children: ChildProcess[],
  ca: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const { port, implicit } of ports) {
    for (;;) {
      const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
      if (dead)
        throw new Error(
          `the server exited (${dead.exitCode ?? dead.signalCode}) before answering on port ${port}`,
        );
      try {
        await probe(port, implicit, ca, Math.max(500, deadline - Date.now()));
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`no 220 greeting on port ${port}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}
