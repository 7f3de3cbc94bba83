import type { PortsideBridge } from '../../shared/contract/bridge.js';
import { useLinkOfferStore } from '../features/quickconnect/link-offer-store.js';
import { createLogFeed, type FrameScheduler, animationFrame } from '../stores/log-feed.js';
import { useLogStore } from '../stores/log-store.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { usePromptsStore } from '../stores/prompts-store.js';
import { useQueueSummaryStore } from '../stores/queue-summary-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useSettingsStore } from '../stores/settings-store.js';

/**
 * The renderer's composition root for events: subscribes the stores to main's events and
 * loads what the window needs at start. Returns the disposer; nothing here runs at import.
 */
export function wireBridge(
  bridge: PortsideBridge,
  schedule: FrameScheduler = animationFrame,
): () => void {
  const logFeed = createLogFeed((batches) => useLogStore.getState().append(batches), schedule);
  let disposed = false;

  const unsubscribe = [
    bridge.on['session:log'](({ sessionId, lines }) => logFeed.push(sessionId, lines)),
    bridge.on['session:state']((info) => useSessionStore.getState().applySessionState(info)),
    bridge.on['settings:changed']((settings) => useSettingsStore.getState().setSettings(settings)),
    bridge.on['trust:request']((request) => usePromptsStore.getState().pushTrust(request)),
    bridge.on['transfer:exists']((question) => usePromptsStore.getState().pushExists(question)),
    bridge.on['queue:state']((queue) => useQueueSummaryStore.getState().setQueue(queue)),
    bridge.on['queue:finished'](({ done, failed }) => {
      const message = `Queue finished: ${plural(done, 'file')} transferred${failed > 0 ? `, ${failed} failed` : ''}.`;
      useNoticesStore.getState().push(failed > 0 ? 'warning' : 'info', message);
      notifyIfHidden(message);
    }),
    bridge.on['app:notice'](({ level, message }) =>
      useNoticesStore.getState().push(level, message),
    ),
    bridge.on['app:open-url']((request) => useLinkOfferStore.getState().receive(request)),
  ];

  // The ftp:// link the app was started with. Main holds links until asked, and this asks
  // only after subscribing above, so no link falls between. Not dropped when disposed: the
  // store keeps it, so a StrictMode re-wire does not lose it. An error (the browser host
  // without a link) means there is none.
  void bridge.invoke['app:take-open-url']({}).then((result) => {
    if (result.ok && result.value !== null) useLinkOfferStore.getState().receive(result.value);
  });

  void bridge.invoke['settings:get']({}).then((result) => {
    if (disposed) return;
    if (result.ok) useSettingsStore.getState().setSettings(result.value);
    else
      useNoticesStore
        .getState()
        .push('error', `Could not load the settings: ${result.error.message}`);
  });

  return () => {
    disposed = true;
    logFeed.dispose();
    for (const stop of unsubscribe) stop();
  };
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * In the browser host, a finished queue also shows a system notification when the tab is
 * in the background and the user allowed notifications (Electron's shell shows its own).
 */
function notifyIfHidden(message: string): void {
  if (typeof Notification === 'undefined' || !document.hidden) return;
  if (Notification.permission !== 'granted') return;
  if (!useSettingsStore.getState().settings.notifyWhenQueueDone) return;
  new Notification('Portside', { body: message });
}
