import type { SessionInfo } from '../../../shared/models/session.js';
import type { QueueState } from '../../../shared/models/transfer.js';
import { plural } from '../../app/wire-bridge.js';
import { formatRate } from '../../text/format.js';

/** "alice@ftp.example.com:21" — never with a password (there is none in SessionInfo). */
export function describeServer(session: SessionInfo): string {
  const host = session.host.includes(':') ? `[${session.host}]` : session.host;
  return `${session.user}@${host}:${session.port}`;
}

export function connectionText(session: SessionInfo | null, connecting: boolean): string {
  if (session === null) return connecting ? 'Connecting…' : 'Not connected';
  const server = describeServer(session);
  switch (session.state) {
    case 'connecting':
      return `Connecting to ${server}…`;
    case 'connected':
      return `Connected to ${server}${session.secure ? ' (FTP over TLS)' : ' (plain FTP)'}`;
    case 'disconnected':
      return `Disconnected from ${server}`;
    case 'failed':
      return `Could not connect to ${server}`;
  }
}

export function queueText(queue: QueueState | null): string {
  if (queue === null) return 'Queue: empty';
  const waiting = queue.queued + queue.active;
  const parts: string[] = [];
  if (waiting === 0) parts.push('Queue: empty');
  else {
    parts.push(`Queue: ${plural(waiting, 'file')}`);
    if (queue.active > 0) parts.push(`${queue.active} active`);
    if (!queue.running) parts.push('stopped');
  }
  if (queue.failed > 0) parts.push(`${queue.failed} failed`);
  if (queue.active > 0 && queue.bytesPerSecond > 0) parts.push(formatRate(queue.bytesPerSecond));
  return parts.join(' · ');
}
