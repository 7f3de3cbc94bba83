/**
 * What the application menu asks the UI to do ('app:menu-command'). Electron's menu sends
 * them; the browser host has no native menu, so the renderer's own toolbar and shortcuts
 * issue the same commands.
 */
export const menuCommands = [
  'site-manager',
  'settings',
  'refresh',
  'toggle-message-log',
  'toggle-queue',
  'process-queue',
  'toggle-force-passive',
  'cancel-operation',
  'disconnect',
  'reconnect',
  'about',
] as const;

export type MenuCommand = (typeof menuCommands)[number];
