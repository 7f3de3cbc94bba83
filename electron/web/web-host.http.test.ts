import { symlink } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_JS,
  get,
  INDEX_HTML,
  SECRET_TEXT,
  signIn,
  startTestHost,
  type HttpAnswer,
  type TestHost,
} from './test-clients.js';

let test: TestHost;
let port: number;
let cookie: string;

beforeAll(async () => {
  test = await startTestHost();
  port = test.host.port;
  cookie = await signIn(test.host);
});
afterAll(() => test.dispose());

function expectRefused(answer: HttpAnswer): void {
  expect(answer.status).toBe(403);
  expect(answer.headers['set-cookie']).toBeUndefined();
  expect(answer.body).not.toContain(INDEX_HTML);
  expect(answer.body.length).toBeLessThan(200);
}

describe('browser host over HTTP', () => {
  it('listens on 127.0.0.1 only and prints an address with the token', () => {
    expect(test.host.server.address()).toMatchObject({ address: '127.0.0.1', port });
    expect(test.host.url).toBe(`http://127.0.0.1:${port}/?token=${test.host.token}`);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const answer = await get(port, `/?token=${test.host.token}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const [setCookie] = answer.headers['set-cookie'] ?? [];
    const attributes = (setCookie ?? '').split(';').map((part) => part.trim());
    expect(attributes[0]).toBe(`portside_token_${port}=${test.host.token}`);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');
  });

  it('serves the renderer with the cookie, with the right content types', async () => {
    const index = await get(port, '/', { Cookie: cookie });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toBe(INDEX_HTML);

    const script = await get(port, '/assets/app.js', { Cookie: cookie });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe(APP_JS);

    const style = await get(port, '/assets/app.css', { Cookie: cookie });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');

    const head = await get(port, '/index.html', { Cookie: cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(INDEX_HTML.length));
    expect(head.body).toBe('');
  });

  it('also answers to localhost:PORT', async () => {
    const answer = await get(port, '/', { Cookie: cookie, Host: `localhost:${port}` });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://localhost:${port}`,
    );
  });

  it('security 9.28: sends the security headers (CSP, no framing, no permissions), and never a CORS header', async () => {
    const answers = await Promise.all([
      get(port, '/', { Cookie: cookie, Origin: `http://127.0.0.1:${port}` }),
      get(port, '/'),
      get(port, '/missing.js', { Cookie: cookie }),
    ]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; " +
          `connect-src 'self' ws://127.0.0.1:${port}; img-src 'self' data:; font-src 'self'; ` +
          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
      );
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['permissions-policy']).toMatch(
        /^camera=\(\), microphone=\(\), geolocation=\(\), /,
      );
      expect(
        Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')),
      ).toEqual([]);
    }
  });

  describe('security 9.31: refusals', () => {
    it('refuses a request without token or cookie', async () => {
      const answer = await get(port, '/');
      expectRefused(answer);
      expect(answer.body).toContain('Open the address Portside printed');
      expectRefused(await get(port, '/assets/app.js'));
    });

    it('refuses a wrong token, and sets no cookie', async () => {
      expectRefused(await get(port, '/?token=wrong'));
      expectRefused(await get(port, `/?token=${test.host.token.slice(1)}`));
      expectRefused(await get(port, '/?token='));
    });

    it('refuses a wrong cookie', async () => {
      expectRefused(await get(port, '/', { Cookie: `portside_token_${port}=wrong` }));
    });

    it('refuses a foreign Origin, even with the cookie or the token', async () => {
      for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`]) {
        expectRefused(await get(port, '/', { Cookie: cookie, Origin: origin }));
        expectRefused(await get(port, `/?token=${test.host.token}`, { Origin: origin }));
      }
    });

    it('refuses a foreign Host header (DNS rebinding), even with the cookie', async () => {
      for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
        const answer = await get(port, '/', { Cookie: cookie, Host: host });
        expectRefused(answer);
        // A refused Host is not reflected into the policy.
        expect(answer.headers['content-security-policy']).toContain(`ws://127.0.0.1:${port};`);
      }
    });

    it('refuses a client that is not on this computer', async () => {
      // The test connects over loopback (it must not reach any other address); the socket
      // is made to report a LAN address, so the host's real request path sees one.
      const pretend = (socket: Socket): void => {
        Object.defineProperty(socket, 'remoteAddress', { value: '192.168.1.20' });
      };
      test.host.server.prependListener('connection', pretend);
      try {
        expectRefused(await get(port, '/', { Cookie: cookie }));
        expectRefused(await get(port, `/?token=${test.host.token}`));
      } finally {
        test.host.server.off('connection', pretend);
      }
      expect((await get(port, '/', { Cookie: cookie })).status).toBe(200);
    });

    it('refuses methods other than GET and HEAD', async () => {
      const answer = await get(port, '/', { Cookie: cookie }, 'POST');
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    });
  });

  describe('path traversal', () => {
    it.each([
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..\\secret.txt',
      '/%00/index.html',
      '/C:/secret.txt',
      '/%',
    ])('refuses %s', async (path) => {
      const answer = await get(port, path, { Cookie: cookie });
      expect([400, 404]).toContain(answer.status);
      expect(answer.body).not.toContain(SECRET_TEXT);
    });

    it('refuses the repository files behind the renderer folder', async () => {
      for (const path of ['/../package.json', '/%2e%2e/package.json', '/../../../etc/passwd']) {
        const answer = await get(port, path, { Cookie: cookie });
        expect([400, 404]).toContain(answer.status);
        expect(answer.body).not.toContain('"devDependencies"');
        expect(answer.body).not.toContain('root:');
      }
    });

    it('does not follow a symlink out of the renderer folder', async () => {
      await symlink(join(test.rendererDir, '..', 'secret.txt'), join(test.rendererDir, 'leak.txt'));
      const answer = await get(port, '/leak.txt', { Cookie: cookie });
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain(SECRET_TEXT);
    });

    it('lists no directory', async () => {
      for (const path of ['/assets', '/assets/']) {
        const answer = await get(port, path, { Cookie: cookie });
        expect(answer.status).toBe(404);
        expect(answer.body).not.toContain('app.js');
      }
    });
  });

  it('answers a plain GET of /ws with 426', async () => {
    expect((await get(port, '/ws', { Cookie: cookie })).status).toBe(426);
  });
});

describe('browser host without a built renderer', () => {
  it('says the renderer is not built and how to build it', async () => {
    const unbuilt = await startTestHost({ built: false });
    try {
      const answer = await get(unbuilt.host.port, '/', { Cookie: await signIn(unbuilt.host) });
      expect(answer.status).toBe(503);
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(answer.body).toContain('has not been built yet');
      expect(answer.body).toContain(unbuilt.rendererDir);
      expect(answer.body).toContain('npm run build');
      // Still behind the token.
      expect((await get(unbuilt.host.port, '/')).status).toBe(403);
    } finally {
      await unbuilt.dispose();
    }
  });
});
