import { describe, expect, it } from 'vitest';
import { MAX_LISTING_BYTES } from '../ftp/client.js';
import { failure, useEngineHarness } from './engine-harness.js';

/** Issue 9 item 20: a listing larger than 40 MiB is refused; the session goes on. */
const engine = useEngineHarness();

describe('security 9.20: a huge listing (> 40 MiB) is capped with a clear error', () => {
  it('refuses it, with memory bounded, and the next listing works', async () => {
    let huge = true;
    await engine.start({
      files: { '/small/a.txt': 'a' },
      handlers: {
        MLSD: async (c) => {
          if (!huge) return c.defaultHandler();
          huge = false;
          c.reply('150 Here comes a lot');
          const data = await c.openData();
          const line = Buffer.from(`type=file;size=1; ${'n'.repeat(1000)}\r\n`);
          const chunk = Buffer.concat(Array(1024).fill(line));
          // About 41 MiB in 1 MiB writes, stopping when the client hangs up.
          let sent = 0;
          data.on('error', () => undefined);
          while (sent <= MAX_LISTING_BYTES && !data.destroyed) {
            if (!data.write(chunk))
              await new Promise((resolve) => data.once('drain', resolve).once('close', resolve));
            sent += chunk.length;
          }
          data.end();
          data.on('close', () => c.reply('226 Done'));
        },
      },
    });
    const client = await engine.connect();
    const before = process.memoryUsage().arrayBuffers;
    const error = await failure(client.list('/'));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe('The directory listing is larger than 40 MiB; refused');
    // The buffer never held much more than the cap (plus what was in flight).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * MAX_LISTING_BYTES);
    const next = await client.list('/small');
    expect(next.entries.map((entry) => entry.name)).toEqual(['a.txt']);
    await client.quit();
  });
});
