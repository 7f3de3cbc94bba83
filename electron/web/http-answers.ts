import type { ServerResponse } from 'node:http';

/** The browser host's plain answers; headers already set on `response` are kept. */

export function answerText(response: ServerResponse, status: number, text: string): void {
  const body = `${text}\n`;
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

export function answerJson(response: ServerResponse, status: number, value: unknown): void {
  // RFC 8259 §8.1: JSON is UTF-8 and application/json defines no charset parameter.
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}
