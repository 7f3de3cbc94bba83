import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildPreloadApi } from './preload-api.js';

// The whole preload: one object, `window.portside`, built from named functions. ipcRenderer
// itself is never exposed (it would let the page send on any channel and see the
// IpcRendererEvent). Bundled into a single CommonJS file: a sandboxed preload can only
// require 'electron' and a few polyfills.
contextBridge.exposeInMainWorld(
  'portside',
  // The cast is checked where it matters: webUtils throws for anything that is not a File,
  // and buildPreloadApi turns that into ''.
  buildPreloadApi(ipcRenderer, (file) =>
    webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
  ),
);
