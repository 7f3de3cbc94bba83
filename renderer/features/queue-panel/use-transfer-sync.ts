import { useEffect } from 'react';
import type { EventPayload } from '../../../shared/contract/channels.js';
import { useBridge } from '../../app/bridge-context.js';
import { useQueueSummaryStore } from '../../stores/queue-summary-store.js';
import { useTransferStore } from '../../stores/transfer-store.js';

type Buffered =
  | { readonly kind: 'update'; readonly payload: EventPayload<'transfer:update'> }
  | { readonly kind: 'removed'; readonly payload: EventPayload<'transfer:removed'> };

/**
 * Keeps the transfer store in step with the main process: subscribe first, then ask for
 * the full list, and replay whatever arrived in between on top of it — subscribing after
 * the list would lose the changes made while it was on its way.
 */
export function useTransferSync(): void {
  const bridge = useBridge();
  useEffect(() => {
    let buffer: Buffered[] | null = [];
    let disposed = false;
    const store = useTransferStore.getState;
    const offUpdate = bridge.on['transfer:update']((payload) => {
      if (buffer !== null) buffer.push({ kind: 'update', payload });
      else store().applyUpdate(payload.items);
    });
    const offRemoved = bridge.on['transfer:removed']((payload) => {
      if (buffer !== null) buffer.push({ kind: 'removed', payload });
      else store().applyRemoved(payload.ids);
    });
    const offQueue = bridge.on['queue:state']((payload) => store().setQueueState(payload));
    void bridge.invoke['transfer:list']({}).then((result) => {
      if (disposed) return;
      const pending = buffer ?? [];
      buffer = null;
      // On failure the events alone still fill the panel; nothing better to do here.
      if (result.ok) store().load(result.value);
      for (const event of pending) {
        if (event.kind === 'update') store().applyUpdate(event.payload.items);
        else store().applyRemoved(event.payload.ids);
      }
    });
    // A queue restored at start sends no 'queue:state' until something changes, so ask
    // once; an event that overtakes this answer is newer, so the answer yields to it.
    let stateSeen = false;
    const offSeen = bridge.on['queue:state'](() => {
      stateSeen = true;
    });
    void bridge.invoke['queue:get-state']({}).then((result) => {
      if (disposed || stateSeen || !result.ok) return;
      store().setQueueState(result.value);
      useQueueSummaryStore.getState().setQueue(result.value);
    });
    return () => {
      disposed = true;
      offUpdate();
      offRemoved();
      offQueue();
      offSeen();
    };
  }, [bridge]);
}
