import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  parseClientMessage,
  parseServerMessage,
  type ClientEnvelope,
  type ClientMessage,
  type ServerMessage,
} from './ws-messages.js';

describe('WebSocket envelopes shared by the host and the page', () => {
  it('lets the host read every message the page can write', () => {
    expectTypeOf<ClientMessage>().toExtend<ClientEnvelope>();
    const written: ClientMessage[] = [
      { t: 'invoke', id: 7, channel: 'local:home', payload: {} },
      { t: 'send', channel: 'file:start-drag', payload: { paths: ['/a'] } },
    ];
    for (const message of written) {
      expect(parseClientMessage(JSON.stringify(message))).toEqual(message);
    }
  });

  it('passes an unknown channel on to the router instead of breaking the envelope', () => {
    expect(parseClientMessage('{"t":"invoke","id":1,"channel":"no:such","payload":1}')).toEqual({
      t: 'invoke',
      id: 1,
      channel: 'no:such',
      payload: 1,
    });
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown kind', '{"t":"result","id":1,"channel":"local:home"}'],
    ['an extra key', '{"t":"send","channel":"file:start-drag","payload":{},"x":1}'],
    ['a negative id', '{"t":"invoke","id":-1,"channel":"local:home","payload":{}}'],
    ['a fractional id', '{"t":"invoke","id":1.5,"channel":"local:home","payload":{}}'],
    ['an empty channel', '{"t":"send","channel":"","payload":{}}'],
    ['an over-long channel', JSON.stringify({ t: 'send', channel: 'x'.repeat(65) })],
  ])('refuses a client frame with %s', (_what, text) => {
    expect(parseClientMessage(text)).toBeUndefined();
  });

  it('lets the page read every message the host writes', () => {
    const written: ServerMessage[] = [
      { t: 'result', id: 1, result: { ok: true, value: ['/home'] } },
      { t: 'result', id: 2, result: { ok: false, error: { code: 'auth', message: 'No' } } },
      { t: 'event', channel: 'app:notice', payload: { anything: true } },
    ];
    for (const message of written) {
      expect(parseServerMessage(JSON.stringify(message))).toEqual(message);
    }
    // JSON.stringify drops an undefined value; the result must still be accepted.
    expect(
      parseServerMessage(JSON.stringify({ t: 'result', id: 3, result: { ok: true } })),
    ).toEqual({ t: 'result', id: 3, result: { ok: true } });
  });

  it.each([
    ['not JSON', 'nope'],
    ['an unknown event channel', '{"t":"event","channel":"shell:exec","payload":{}}'],
    [
      'an unknown error code',
      '{"t":"result","id":1,"result":{"ok":false,"error":{"code":"x","message":""}}}',
    ],
    ['a result without ok', '{"t":"result","id":1,"result":{"value":1}}'],
    ['an extra key', '{"t":"event","channel":"app:notice","payload":{},"extra":1}'],
  ])('refuses a server frame with %s', (_what, text) => {
    expect(parseServerMessage(text)).toBeUndefined();
  });
});
