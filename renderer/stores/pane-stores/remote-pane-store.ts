import { remoteAncestors } from '../../features/file-pane/paths.js';
import { createPaneStore } from './pane-store.js';

/** The remote pane: the server folder shown, its listing, selection, sort and history. */
export const useRemotePaneStore = createPaneStore(remoteAncestors);
