import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/**
 * Tells a TLS data stream that ended with a close_notify alert from one whose TCP
 * connection simply closed (issue 9 item 18). Without close_notify an attacker on the path,
 * or a server that crashed, can cut a download short and the client cannot tell: RFC 4217
 * §12.6 and RFC 5246 §7.2.1 make the alert the only proof the data is complete, and when the
 * size is unknown (listings, SIZE refused, ASCII mode) nothing else catches the cut.
 *
 * Node reports both endings the same way, on TLS 1.2 and 1.3 alike: 'end', then 'close',
 * no error (measured on Node 20.20 / OpenSSL 3.0). Node's TLS layer never shows OpenSSL the
 * TCP end-of-file, so OpenSSL 3's "unexpected eof while reading" error cannot happen and
 * SSL_OP_IGNORE_UNEXPECTED_EOF does not matter; what differs is the order. A close_notify
 * ends the TLS stream as soon as the alert is decrypted, before the TCP end-of-file is
 * handed in; otherwise the TLS stream ends only because the TCP end-of-file reached it.
 *
 * To see that order, the TLS socket runs over a small pass-through stream instead of the
 * TCP socket itself. When the TCP end-of-file has come and every byte before it has been
 * handed to TLS (and decrypted), the TLS stream has either ended (the alert came) or not.
 * Record types cannot tell this instead: under TLS 1.3 an alert travels encrypted as
 * application data.
 *
 * Whether the TLS stream has ended is Node's `_readableState.ended` (set by push(null), the
 * moment the alert is read; the public `readableEnded` waits until the consumer has read
 * everything). If a future Node drops that field, every ending counts as truncated: loud
 * (downloads over TLS fail and the tests say so), never silently unsafe.
 */

interface Watch {
  transportEnded: boolean;
  closeNotifyFirst: boolean;
}

const watches = new WeakMap<object, Watch>();

export interface WatchedTransport {
  /** The stream to run TLS over (`tls.connect({ socket })`). */
  readonly transport: Duplex;
  /** Registers the TLS socket running over `transport`; call right after tls.connect. */
  watch(secured: TLSSocket): void;
}

export function watchTransport(raw: Socket): WatchedTransport {
  const watch: Watch = { transportEnded: false, closeNotifyFirst: false };
  let secured: TLSSocket | undefined;
  let pushed = 0;
  let delivered = 0;
  let rawEnded = false;
  // The TCP socket stays writable after the server's FIN until TLS has sent its own
  // close_notify (through `final` below); Node would otherwise end it at once.
  raw.allowHalfOpen = true;
  const transport = new Duplex({
    // TLS copies this setting from the stream under it. false, as on a TCP socket: when the
    // server's close_notify ends the TLS stream, TLS ends its side too and sends its own
    // close_notify, which vsftpd waits for (up to a minute) before it answers 226.
    allowHalfOpen: false,
    read: () => {
      raw.resume();
    },
    write: (chunk: Buffer, _encoding, callback) => {
      if (raw.write(chunk)) callback();
      else raw.once('drain', () => callback());
    },
    final: (callback) => {
      raw.end();
      callback();
    },
    destroy: (error, callback) => {
      raw.destroy(error ?? undefined);
      callback(error);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    pushed += chunk.length;
    if (!transport.push(chunk)) raw.pause();
  });
  raw.on('end', () => {
    rawEnded = true;
    settle();
  });
  raw.on('error', (error) => transport.destroy(error));
  raw.on('close', () => transport.destroy());

  /**
   * Once the TCP end-of-file has come and TLS has been handed every byte before it: if TLS
   * has ended, the alert came first, and TLS never needs to see the end-of-file (handing it
   * in would stop TLS from sending its own close_notify back). If not, the end-of-file goes
   * in, the TLS stream ends, and the download refuses it (endedWithoutCloseNotify).
   */
  function settle(): void {
    if (!rawEnded || watch.transportEnded || secured === undefined || delivered < pushed) return;
    watch.transportEnded = true;
    watch.closeNotifyFirst = tlsStreamEnded(secured);
    if (!watch.closeNotifyFirst) transport.push(null);
  }

  return {
    transport,
    watch: (socket) => {
      secured = socket;
      watches.set(socket, watch);
      // TLS has copied `allowHalfOpen: false` by now; the pass-through itself must stay
      // writable after a truncated stream's end-of-file, so TLS can still send its alert.
      transport.allowHalfOpen = true;
      // Added after TLS subscribed (so TLS gets each chunk first, and this listener does
      // not start the flow on its own): counts what TLS has been handed.
      transport.on('data', (chunk: Buffer) => {
        delivered += chunk.length;
        settle();
      });
      settle();
    },
  };
}

/**
 * True when `socket` is a watched TLS data socket whose TCP connection ended before any
 * close_notify; false for a clean ending, a socket still open, or a clear (PROT C) one.
 */
export function endedWithoutCloseNotify(socket: Duplex): boolean {
  const watch = watches.get(socket);
  return watch !== undefined && watch.transportEnded && !watch.closeNotifyFirst;
}

function tlsStreamEnded(socket: TLSSocket): boolean {
  const state = (socket as unknown as { readonly _readableState?: { readonly ended?: unknown } })
    ._readableState;
  return state?.ended === true;
}
