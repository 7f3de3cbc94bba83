import { EventEmitter } from 'node:events';
import { IpcMainStandIn, WindowStandIn } from './electron-ipc-stand-ins.js';

/**
 * A stand-in for the 'electron' module, just wide enough to run the shell's main process
 * (electron/main/main.ts) under vitest with `vi.mock('electron', …)`. It records what the
 * shell asked for (window options, handlers, menus) so a smoke test can check the wiring.
 * It is not Electron: Chromium's enforcement (sandbox, CSP, navigation) is not simulated.
 */

type Handler = (...args: never[]) => unknown;

class FakeWebContents extends EventEmitter {
  readonly window: WindowStandIn;
  windowOpenHandler: Handler | undefined;
  readonly drags: unknown[] = [];

  constructor(
    ipcMain: IpcMainStandIn,
    readonly id: number,
  ) {
    super();
    this.window = new WindowStandIn(ipcMain, id, '');
  }
  getURL(): string {
    return this.window.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.window.contents.isDestroyed();
  }
  send(channel: string, ...args: unknown[]): void {
    this.window.contents.send(channel, ...args);
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  startDrag(item: unknown): void {
    this.drags.push(item);
  }
}

export class FakeElectron {
  userDataDir = '';
  readonly ipcMain = new IpcMainStandIn();
  readonly calls: string[] = [];
  readonly windows: FakeBrowserWindow[] = [];
  readonly menus: unknown[] = [];
  readonly notifications: { title: string; body: string }[] = [];
  readonly sessionHandlers = new Map<string, Handler>();
  readonly externalUrls: string[] = [];
  private nextId = 1;
  private markReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  /** Lets the shell's `app.whenReady()` resolve, as Electron does once Chromium is up. */
  becomeReady(): void {
    this.calls.push('ready');
    this.markReady();
  }

  readonly app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => this.calls.push('enableSandbox'),
    whenReady: () => this.ready,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return this.userDataDir;
    },
    quit: () => this.calls.push('quit'),
    exit: (code: number) => this.calls.push(`exit ${code}`),
  });

  readonly protocol = {
    registerSchemesAsPrivileged: (schemes: unknown) =>
      this.calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
  };

  readonly session = {
    defaultSession: Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (handler: Handler) =>
        this.sessionHandlers.set('permissionRequest', handler),
      setPermissionCheckHandler: (handler: Handler) =>
        this.sessionHandlers.set('permissionCheck', handler),
      setDevicePermissionHandler: (handler: Handler) =>
        this.sessionHandlers.set('devicePermission', handler),
      webRequest: {
        onBeforeRequest: (handler: Handler) => this.sessionHandlers.set('beforeRequest', handler),
        onHeadersReceived: (handler: Handler) =>
          this.sessionHandlers.set('headersReceived', handler),
      },
      protocol: {
        handle: (scheme: string, handler: Handler) =>
          this.sessionHandlers.set(`protocol:${scheme}`, handler),
      },
    }),
  };

  readonly Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: unknown) => this.menus.push(menu),
  };

  readonly shell = {
    openExternal: (url: string) => {
      this.externalUrls.push(url);
      return Promise.resolve();
    },
    trashItem: () => Promise.resolve(),
  };

  readonly dialog = {
    showErrorBox: (title: string, content: string) =>
      this.calls.push(`showErrorBox ${title}: ${content}`),
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showSaveDialog: () => Promise.resolve({ canceled: true }),
  };

  readonly safeStorage = {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    encryptStringAsync: (text: string) => Promise.resolve(Buffer.from(text).reverse()),
    decryptStringAsync: (data: Buffer) =>
      Promise.resolve({ shouldReEncrypt: false, result: Buffer.from(data).reverse().toString() }),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };

  readonly screen = {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  };

  readonly nativeTheme = { shouldUseDarkColors: false };
  readonly nativeImage = { createFromDataURL: (url: string) => ({ url }) };

  readonly Notification: unknown;
  readonly BrowserWindow: unknown;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the classes below need it
    const fake = this;
    this.Notification = class extends EventEmitter {
      static isSupported() {
        return true;
      }
      constructor(private readonly options: { title: string; body: string }) {
        super();
      }
      show() {
        fake.notifications.push(this.options);
      }
    };
    this.BrowserWindow = class extends FakeBrowserWindow {
      constructor(options: unknown) {
        super(options, new FakeWebContents(fake.ipcMain, fake.nextId++));
        fake.windows.push(this);
        // Electron announces the new contents before the constructor returns.
        fake.app.emit('web-contents-created', {}, this.webContents);
      }
    };
  }

  /** The module object `vi.mock('electron')` returns. */
  module(): Record<string, unknown> {
    return {
      app: this.app,
      BrowserWindow: this.BrowserWindow,
      dialog: this.dialog,
      ipcMain: this.ipcMain,
      Menu: this.Menu,
      nativeImage: this.nativeImage,
      nativeTheme: this.nativeTheme,
      Notification: this.Notification,
      protocol: this.protocol,
      safeStorage: this.safeStorage,
      screen: this.screen,
      session: this.session,
      shell: this.shell,
    };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  loadedUrl: string | undefined;
  shown = false;
  focused = false;
  maximized = false;
  destroyed = false;

  constructor(
    readonly options: unknown,
    readonly webContents: FakeWebContents,
  ) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.window.navigate(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  restore(): void {}
  focus(): void {
    this.focused = true;
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: 1100, height: 750 };
  }
}

export const fakeElectron = new FakeElectron();
