/**
 * A WebSocket stand-in for the bridge's unit tests: records what the transport sends and
 * lets the test play the server (open, message, close) synchronously.
 */
export class FakeWebSocket {
  static readonly instances: FakeWebSocket[] = [];
  /** When set, the constructor throws it (a malformed URL, say). */
  static failNext: Error | undefined;

  readyState = 0;
  readonly sent: string[] = [];
  closedWith: number | undefined;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();

  constructor(readonly url: string) {
    const failure = FakeWebSocket.failNext;
    FakeWebSocket.failNext = undefined;
    if (failure !== undefined) throw failure;
    FakeWebSocket.instances.push(this);
  }

  static reset(): void {
    FakeWebSocket.instances.length = 0;
    FakeWebSocket.failNext = undefined;
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (socket === undefined) throw new Error('No socket was opened');
    return socket;
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send() before open');
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1005;
    this.readyState = 2;
  }

  // The server's side.
  open(): void {
    this.readyState = 1;
    this.dispatch('open', {});
  }

  receive(message: unknown): void {
    this.dispatch('message', {
      data: typeof message === 'string' ? message : JSON.stringify(message),
    });
  }

  drop(): void {
    this.readyState = 3;
    this.dispatch('error', {});
    this.dispatch('close', { code: 1006, reason: '' });
  }

  sentMessages(): unknown[] {
    return this.sent.map((text) => JSON.parse(text) as unknown);
  }

  private dispatch(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
