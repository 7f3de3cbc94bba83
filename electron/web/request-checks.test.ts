import { describe, expect, it } from 'vitest';
import {
  cookieValues,
  createAccessToken,
  decideAccess,
  isAllowedHost,
  isAllowedOrigin,
  isLoopbackAddress,
  tokenCookie,
  tokenMatches,
  type AccessRequest,
} from './request-checks.js';

const PORT = 41234;
const TOKEN = createAccessToken();

const good: AccessRequest = {
  remoteAddress: '127.0.0.1',
  host: `127.0.0.1:${PORT}`,
  origin: undefined,
  cookie: `portside_token_${PORT}=${TOKEN}`,
  queryToken: undefined,
  requireOrigin: false,
};

describe('security 9.31: browser host request checks', () => {
  it('creates a 256-bit URL-safe token that differs every launch', () => {
    const token = createAccessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(createAccessToken()).not.toBe(token);
  });

  it('accepts loopback peers only: 127/8, ::1 and IPv4-mapped 127/8', () => {
    for (const address of [
      '127.0.0.1',
      '127.3.2.1',
      '::1',
      '::ffff:127.0.0.1',
      '::FFFF:127.9.9.9',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of [
      '10.0.0.5',
      '192.168.1.20',
      '172.16.0.1',
      '169.254.1.1',
      '0.0.0.0',
      '::',
      '::ffff:10.0.0.1',
      'fe80::1',
      '2001:db8::1',
      '128.0.0.1',
      '127.0.0.1.evil.example',
      '',
      undefined,
    ]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('accepts exactly 127.0.0.1:PORT and localhost:PORT as Host (DNS rebinding)', () => {
    expect(isAllowedHost(`127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedHost(`localhost:${PORT}`, PORT)).toBe(true);
    for (const host of [
      `evil.example:${PORT}`,
      `127.0.0.1:${PORT + 1}`,
      '127.0.0.1',
      'localhost',
      `127.0.0.1:${PORT}.evil.example`,
      `[::1]:${PORT}`,
      `127.0.0.1:0${PORT}`,
      '',
      undefined,
    ]) {
      expect(isAllowedHost(host, PORT), String(host)).toBe(false);
    }
  });

  it('accepts only our own origins', () => {
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedOrigin(`http://localhost:${PORT}`, PORT)).toBe(true);
    for (const origin of [
      'null',
      'http://evil.example',
      `http://evil.example:${PORT}`,
      `https://127.0.0.1:${PORT}`,
      `http://127.0.0.1:${PORT + 1}`,
      `http://127.0.0.1:${PORT}/`,
      `ws://127.0.0.1:${PORT}`,
      undefined,
    ]) {
      expect(isAllowedOrigin(origin, PORT), String(origin)).toBe(false);
    }
  });

  it('matches tokens only when identical', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
  });

  it('sets the token cookie HttpOnly, SameSite=Strict, for the whole site, per port', () => {
    expect(tokenCookie(PORT, TOKEN)).toBe(
      `portside_token_${PORT}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
    );
    expect(
      cookieValues(
        `a=1; portside_token_${PORT}=x; portside_token_${PORT}=y`,
        `portside_token_${PORT}`,
      ),
    ).toEqual(['x', 'y']);
    expect(cookieValues(`portside_token_${PORT + 1}=x`, `portside_token_${PORT}`)).toEqual([]);
    expect(cookieValues(undefined, 'a')).toEqual([]);
  });

  describe('decideAccess', () => {
    it('admits a loopback request for our Host with the cookie', () => {
      expect(decideAccess(good, PORT, TOKEN)).toEqual({ allowed: true, by: 'cookie' });
    });

    it('admits the first request by its query token', () => {
      const request = { ...good, cookie: undefined, queryToken: TOKEN };
      expect(decideAccess(request, PORT, TOKEN)).toEqual({ allowed: true, by: 'query' });
    });

    it('refuses a non-loopback client even with the right token and cookie', () => {
      for (const remoteAddress of ['192.168.1.20', '::ffff:10.0.0.1', '2001:db8::1', undefined]) {
        const decision = decideAccess({ ...good, remoteAddress, queryToken: TOKEN }, PORT, TOKEN);
        expect(decision).toEqual({
          allowed: false,
          reason: 'Portside only answers connections from this computer.',
        });
      }
    });

    it('refuses a foreign Host even with the right token', () => {
      for (const host of [`evil.example:${PORT}`, `127.0.0.1:${PORT + 1}`, undefined]) {
        const decision = decideAccess({ ...good, host, queryToken: TOKEN }, PORT, TOKEN);
        expect(decision.allowed, String(host)).toBe(false);
      }
    });

    it('refuses a foreign Origin when one is sent, and a missing one where it is required', () => {
      expect(decideAccess({ ...good, origin: 'http://evil.example' }, PORT, TOKEN).allowed).toBe(
        false,
      );
      expect(decideAccess({ ...good, origin: `http://localhost:${PORT}` }, PORT, TOKEN)).toEqual({
        allowed: true,
        by: 'cookie',
      });
      expect(decideAccess({ ...good, requireOrigin: true }, PORT, TOKEN).allowed).toBe(false);
      expect(
        decideAccess(
          { ...good, requireOrigin: true, origin: `http://127.0.0.1:${PORT}` },
          PORT,
          TOKEN,
        ).allowed,
      ).toBe(true);
    });

    it('refuses no token, a wrong token, and a wrong cookie', () => {
      expect(decideAccess({ ...good, cookie: undefined }, PORT, TOKEN).allowed).toBe(false);
      expect(decideAccess({ ...good, cookie: 'other=1' }, PORT, TOKEN).allowed).toBe(false);
      expect(
        decideAccess({ ...good, cookie: `portside_token_${PORT}=wrong` }, PORT, TOKEN).allowed,
      ).toBe(false);
      // A stale token in the address is refused even next to a valid cookie.
      expect(decideAccess({ ...good, queryToken: 'stale' }, PORT, TOKEN)).toEqual({
        allowed: false,
        reason: 'Wrong access token: Portside prints a new address each time it starts.',
      });
      // Another launch's cookie (another port) does not open this one.
      expect(
        decideAccess({ ...good, cookie: `portside_token_${PORT + 1}=${TOKEN}` }, PORT, TOKEN)
          .allowed,
      ).toBe(false);
    });
  });
});
