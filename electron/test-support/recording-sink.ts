import type { EventChannel, EventPayload } from '../../shared/contract/channels.js';
import type { EventSink } from '../services/router.js';

export interface RecordedEvent {
  readonly channel: EventChannel;
  readonly payload: unknown;
}

/** An EventSink that records what the services emit, with a way to wait for one. */
export class RecordingSink {
  readonly events: RecordedEvent[] = [];
  private readonly waiters: {
    match: (event: RecordedEvent) => boolean;
    resolve: (event: RecordedEvent) => void;
  }[] = [];

  readonly emit: EventSink = (channel, payload) => {
    const event = { channel, payload };
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(event)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };

  of<C extends EventChannel>(channel: C): EventPayload<C>[] {
    return this.events
      .filter((e) => e.channel === channel)
      .map((e) => e.payload as EventPayload<C>);
  }

  next<C extends EventChannel>(
    channel: C,
    predicate: (payload: EventPayload<C>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<EventPayload<C>> {
    const existing = this.events.find(
      (e) => e.channel === channel && predicate(e.payload as EventPayload<C>),
    );
    if (existing !== undefined) return Promise.resolve(existing.payload as EventPayload<C>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${channel} event within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        match: (e) => e.channel === channel && predicate(e.payload as EventPayload<C>),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e.payload as EventPayload<C>);
        },
      });
    });
  }

  /** Every log line of a session so far, as `Kind: text`. */
  logText(sessionId: string): string[] {
    const label = {
      status: 'Status:',
      command: 'Command:',
      response: 'Response:',
      error: 'Error:',
    } as const;
    return this.of('session:log')
      .filter((batch) => batch.sessionId === sessionId)
      .flatMap((batch) => batch.lines.map((line) => `${label[line.kind]} ${line.text}`));
  }
}
