import { FtpClient } from '../../ftp/client.js';
import type { ConnectOptions } from '../../ftp/connect-options.js';
import { FtpError } from '../../ftp/errors.js';

/** The server says it has no room for another connection (421, or 530 with words to that effect). */
export function isTooManyConnections(error: unknown): boolean {
  if (!(error instanceof FtpError) || error.reply === undefined) return false;
  if (error.reply.code === 421) return true;
  return (
    error.reply.code === 530 &&
    /too many|maximum number|more than \d+ (connections|clients)/i.test(error.reply.message)
  );
}

interface TargetPool {
  readonly idle: FtpClient[];
  open: number;
  /** Lowered when the server refuses more logins; never below 1. */
  limit: number;
}

/**
 * Connections for transfers, per server: each transfer gets its own logged-in connection
 * (the browsing connection stays free), reused for the next file, up to a per-server
 * limit that backs off when the server answers "too many connections".
 */
export class ConnectionPool {
  private readonly pools = new Map<string, TargetPool>();

  constructor(private readonly onBackoff: (key: string, limit: number) => void) {}

  /** Whether another connection to `key` may be used now, under `limit`. */
  hasRoom(key: string, limit: number): boolean {
    const pool = this.pool(key, limit);
    return pool.idle.length > 0 || pool.open < Math.min(limit, pool.limit);
  }

  /** Reserves a connection slot: an idle client, or a new connection. */
  async acquire(
    key: string,
    limit: number,
    options: () => Promise<ConnectOptions>,
  ): Promise<FtpClient> {
    const pool = this.pool(key, limit);
    while (pool.idle.length > 0) {
      const client = pool.idle.pop() as FtpClient;
      if (!client.closed) return client;
      pool.open -= 1;
    }
    pool.open += 1;
    try {
      return await FtpClient.connect(await options());
    } catch (error) {
      pool.open -= 1;
      if (isTooManyConnections(error)) {
        pool.limit = Math.max(1, pool.open);
        this.onBackoff(key, pool.limit);
      }
      throw error;
    }
  }

  /** Gives a client back for the next transfer (or drops it if it is closed). */
  release(key: string, client: FtpClient): void {
    const pool = this.pools.get(key);
    if (pool === undefined) return;
    if (client.closed) {
      pool.open -= 1;
      return;
    }
    pool.idle.push(client);
  }

  /** Drops a client that failed, so the next transfer starts with a fresh connection. */
  discard(key: string, client: FtpClient): void {
    const pool = this.pools.get(key);
    client.close();
    if (pool !== undefined) pool.open -= 1;
  }

  /** Closes the idle connections (the queue is done or stopped). */
  async closeIdle(): Promise<void> {
    const clients = [...this.pools.values()].flatMap((pool) => {
      const idle = pool.idle.splice(0);
      pool.open -= idle.length;
      return idle;
    });
    await Promise.all(clients.map((client) => client.quit()));
  }

  private pool(key: string, limit: number): TargetPool {
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = { idle: [], open: 0, limit };
      this.pools.set(key, pool);
    }
    return pool;
  }
}
