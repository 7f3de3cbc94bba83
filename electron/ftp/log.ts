/**
 * Log events as the engine emits them. They read like FileZilla's message log
 * (`Status: Connecting to 66.40.34.171:21...`, `Command: PASV`, `Response: 227 ...`), which
 * is the shape users and support people know.
 */
export type LogKind = 'status' | 'command' | 'response' | 'error';

export interface LogEvent {
  readonly kind: LogKind;
  readonly text: string;
  readonly time: number;
}

export type LogSink = (event: LogEvent) => void;

const LABEL: Record<LogKind, string> = {
  status: 'Status:',
  command: 'Command:',
  response: 'Response:',
  error: 'Error:',
};

/** `Status: Connected`: the line as a person reads it. */
export function formatLogLine(event: Pick<LogEvent, 'kind' | 'text'>): string {
  return `${LABEL[event.kind]} ${event.text}`;
}

/** A logger bound to a sink; a missing sink makes logging free. */
export class Logger {
  constructor(private readonly sink: LogSink | undefined) {}

  /** False without a sink: callers skip building lines nobody reads (once per file adds up). */
  get enabled(): boolean {
    return this.sink !== undefined;
  }

  status(text: string): void {
    this.emit('status', text);
  }
  command(text: string): void {
    this.emit('command', text);
  }
  response(text: string): void {
    this.emit('response', text);
  }
  error(text: string): void {
    this.emit('error', text);
  }

  private emit(kind: LogKind, text: string): void {
    // Control characters from a hostile server must not reach a terminal or the UI raw.
    this.sink?.({ kind, text: escapeControlCharacters(text), time: Date.now() });
  }
}

// C0 controls other than tab, DEL, C1 controls, and bidi overrides (U+202A-U+202E,
// U+2066-U+2069) that can make a name read differently than it is.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
