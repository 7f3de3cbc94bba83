export interface QueueFinished {
  readonly done: number;
  readonly failed: number;
}

/**
 * The desktop notification for a finished queue ('queue:finished'), or null for none:
 * when the user turned it off, or when the window has focus (the queue pane already shows
 * it, and a notification over the app itself is noise).
 */
export function queueFinishedNotification(
  finished: QueueFinished,
  options: { readonly enabled: boolean; readonly windowFocused: boolean },
): { readonly title: string; readonly body: string } | null {
  if (!options.enabled || options.windowFocused) return null;
  const files = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`;
  return finished.failed === 0
    ? { title: 'Transfers finished', body: `${files(finished.done)} transferred.` }
    : {
        title: 'Transfers finished with errors',
        body: `${files(finished.done)} transferred, ${files(finished.failed)} failed.`,
      };
}
