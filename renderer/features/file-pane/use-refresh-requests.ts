import { useEffect, useRef } from 'react';
import { useUiStore } from '../../stores/ui-store.js';

/**
 * Follows the window's Refresh command (toolbar, menu, F5 outside a pane): the ui store
 * counts requests, and each new one re-lists the pane. The count present at mount is not
 * a request.
 */
export function useRefreshRequests(refresh: () => void): void {
  const request = useUiStore((s) => s.refreshRequest);
  const seen = useRef(request);
  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    refresh();
  }, [request, refresh]);
}
