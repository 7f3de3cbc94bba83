import { describe, expect, it } from 'vitest';
import { generateTestCertificate } from '../test-support/fake-ftp-server.js';
import { failure, useEngineHarness } from './engine-harness.js';

/**
 * Issue 9 items 22 and 23, the cases not covered next to the engine's other FTPS tests
 * (electron/ftp/client.fake-server.test.ts has the refused AUTH TLS): a server that claims
 * the user is logged in before anything was sent, and a refused PROT P.
 */
const engine = useEngineHarness();
const { key, cert } = generateTestCertificate();
const secure = { tls: 'explicit', tlsOptions: { ca: [cert] } } as const;

describe('security 9.22: TLS required but a 230 greeting: abort before USER/PASS', () => {
  it('refuses the greeting and sends nothing at all', async () => {
    await engine.start({ tls: { key, cert }, greeting: '230 Already logged in.' });
    const error = await failure(engine.connect(secure));
    expect(error.message).toMatch(/230 Already logged in/);
    expect(engine.server.commands).toEqual([]);
  });
});

describe('security 9.23: PROT P refused when data protection is required: abort', () => {
  it('stops after the refused PROT P, before any data command', async () => {
    await engine.start({
      tls: { key, cert },
      files: { '/a.txt': 'a' },
      handlers: { PROT: (c) => c.reply('534 Request denied for policy reasons.') },
    });
    const error = await failure(engine.connect(secure));
    expect(error.code).toBe('tls');
    expect(error.message).toBe(
      'The server refused to protect data connections with TLS (PROT P): 534 Request denied for policy reasons.',
    );
    const commands = engine.server.commands;
    expect(commands.at(-1)).toBe('PROT P');
    expect(commands.some((line) => /^(EPSV|PASV|PORT|EPRT|LIST|MLSD|RETR)/.test(line))).toBe(false);
  });
});
