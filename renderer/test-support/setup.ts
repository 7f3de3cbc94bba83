import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import type * as Zustand from 'zustand';

/**
 * Runs before every renderer test file (vitest.config.ts, project 'renderer').
 *
 * - Unmounts what a test rendered (Testing Library cleans up by itself only with vitest
 *   globals, which this project does not turn on).
 * - Resets every zustand store to its initial state, as zustand's testing guide does: each
 *   `create` call is wrapped to remember its store, so stores written by anyone are reset
 *   without registering themselves.
 * - Gives jsdom the few browser APIs it lacks and components use (matchMedia).
 */
const storeResets = vi.hoisted(() => new Set<() => void>());

vi.mock('zustand', async (importOriginal) => {
  const actual = await importOriginal<typeof Zustand>();
  const track = <T>(creator: Zustand.StateCreator<T>) => {
    const store = actual.create<T>()(creator);
    const initial = store.getInitialState();
    storeResets.add(() => store.setState(initial, true));
    return store;
  };
  // `create<T>()(creator)` and `create(creator)`, like the real one.
  const create = (<T>(creator?: Zustand.StateCreator<T>) =>
    creator === undefined ? track : track(creator)) as typeof actual.create;
  return { ...actual, create };
});

afterEach(() => {
  cleanup();
  for (const reset of storeResets) reset();
  localStorage.clear();
});

if (typeof window.matchMedia !== 'function') {
  // jsdom has no media queries: report "no match" (light theme, no reduced motion).
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (typeof Blob.prototype.text !== 'function') {
  // jsdom's Blob (and so File) lacks text(); browsers and Electron have it.
  Blob.prototype.text = function text(this: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsText(this);
    });
  };
}
