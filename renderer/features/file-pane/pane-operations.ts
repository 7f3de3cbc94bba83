import type { PortsideBridge } from '../../../shared/contract/bridge.js';
import type { AppError, Result } from '../../../shared/contract/errors.js';
import type { TransferRequest } from '../../../shared/models/transfer.js';
import type { FolderCandidate, PaneStore } from '../../stores/pane-stores/pane-store.js';
import type { TransferPlan } from './transfer-requests.js';

/** The contract accepts at most this many items per enqueue. */
const ENQUEUE_CHUNK = 10_000;

/** How a transfer is handed to the queue. */
export interface EnqueueOptions {
  /** false: only add to the queue ("Add files to queue"); the user starts it. Default true. */
  readonly start?: boolean;
}

/**
 * Queues a plan on the session. Errors are shown in the pane the user acted in; items
 * left out (special files) are said so rather than silently dropped.
 */
export async function enqueuePlan(
  bridge: PortsideBridge,
  store: PaneStore,
  sessionId: string,
  plan: TransferPlan,
  options: EnqueueOptions = {},
): Promise<boolean> {
  if (plan.skipped.length > 0) {
    store
      .getState()
      .setError(
        `Not transferred (special files): ${plan.skipped.slice(0, 5).join(', ')}${plan.skipped.length > 5 ? ', …' : ''}`,
      );
  }
  for (let start = 0; start < plan.requests.length; start += ENQUEUE_CHUNK) {
    const items: TransferRequest[] = plan.requests.slice(start, start + ENQUEUE_CHUNK);
    const result = await bridge.invoke['transfer:enqueue']({
      sessionId,
      items,
      ...(options.start === false ? { start: false } : {}),
    });
    if (!result.ok) {
      store.getState().setError(`Could not queue the transfer: ${result.error.message}`);
      return false;
    }
  }
  return true;
}

/**
 * Runs one operation per item, one after another (the browsing connection does one thing
 * at a time anyway), and describes the failures together: "Could not delete 2 of 5
 * items: <first reason>", or null when all worked.
 */
export async function runEach<T>(
  verb: string,
  items: readonly T[],
  run: (item: T) => Promise<Result<unknown>>,
): Promise<string | null> {
  let failed = 0;
  let first: AppError | null = null;
  for (const item of items) {
    const result = await run(item);
    if (!result.ok) {
      failed += 1;
      first ??= result.error;
    }
  }
  if (first === null) return null;
  const what = items.length === 1 ? '' : ` ${failed} of ${items.length} items`;
  return `Could not ${verb}${what}: ${first.message}`;
}

/** Puts text on the clipboard, or says why it could not. */
export async function copyText(store: PaneStore, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    store.getState().setError(`Could not copy to the clipboard: ${String(error)}`);
  }
}

/**
 * Remembers which tree folders are being or could not be listed, so the tree asks for
 * each at most once (a folder it may not read is not asked for again on every render).
 */
export function treeLoader(
  store: PaneStore,
  list: (path: string) => Promise<Result<readonly FolderCandidate[]>>,
): (path: string) => void {
  const asked = new Set<string>();
  return (path) => {
    if (asked.has(path) || store.getState().folders.has(path)) return;
    asked.add(path);
    void list(path).then((result) => {
      if (result.ok) {
        store.getState().rememberFolders(path, result.value);
        asked.delete(path);
      }
    });
  };
}
