import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../json-file.js';
import { queueItemSchema, type QueueItem } from './queue-item.js';

const FILE_NAME = 'queue.json';
const fileSchema = z.object({ version: z.literal(1), items: z.array(queueItemSchema) }).strict();

/**
 * The queue on disk. It is restored stopped: what was running becomes queued again, and a
 * download's partial file is still beside its target, so starting the queue resumes it.
 */
export class QueueFile {
  private timer: NodeJS.Timeout | undefined;
  private latest: readonly QueueItem[] | undefined;

  constructor(
    private readonly userDataDir: string,
    private readonly debounceMs = 500,
  ) {}

  async load(): Promise<{ items: QueueItem[]; problem: string | undefined }> {
    const outcome = await readJsonFile(join(this.userDataDir, FILE_NAME), fileSchema, {
      version: 1 as const,
      items: [],
    });
    const items = outcome.value.items.map((item) =>
      item.status === 'active' ? { ...item, status: 'queued' as const } : item,
    );
    const problem =
      outcome.status === 'corrupt'
        ? `The saved transfer queue could not be read (${outcome.reason}); it was kept as ${outcome.keptAt}.`
        : undefined;
    return { items, problem };
  }

  /** Saves soon (coalescing bursts of changes into one write). */
  schedule(items: readonly QueueItem[]): void {
    this.latest = items;
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.latest;
    if (items === undefined) return;
    this.latest = undefined;
    await writeJsonAtomic(join(this.userDataDir, FILE_NAME), { version: 1, items });
  }
}
