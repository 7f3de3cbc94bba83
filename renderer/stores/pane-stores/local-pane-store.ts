import { localAncestors } from '../../features/file-pane/paths.js';
import { createPaneStore } from './pane-store.js';

/** The local pane: the folder on this machine, its listing, selection, sort and history. */
export const useLocalPaneStore = createPaneStore(localAncestors);
