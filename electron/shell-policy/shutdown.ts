/**
 * Waits for the given work (closing FTP connections, the last settings and window-state
 * writes) but never longer than `limitMs`: a server that does not answer QUIT must not
 * keep the app from quitting. Never rejects.
 */
export async function settleWithin(
  work: readonly Promise<unknown>[],
  limitMs: number,
): Promise<'settled' | 'timed-out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), limitMs);
  });
  try {
    return await Promise.race([Promise.allSettled(work).then(() => 'settled' as const), limit]);
  } finally {
    clearTimeout(timer);
  }
}
