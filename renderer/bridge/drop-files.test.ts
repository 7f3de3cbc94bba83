import { afterEach, describe, expect, it, vi } from 'vitest';
import { DropError, localItemsForDrop, localPathsForDrop } from './drop-files.js';

afterEach(() => {
  vi.unstubAllGlobals();
  delete window.portsideFiles;
  delete (window as { portside?: unknown }).portside;
});

type FakeEntry = {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?: (ok: (file: File) => void) => void;
  createReader?: () => { readEntries: (ok: (entries: FakeEntry[]) => void) => void };
};

function fileEntry(fullPath: string, content = 'x'): FakeEntry {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok) => ok(new File([content], name)),
  };
}

/** A folder whose reader answers in batches of two, then an empty batch (like Chromium's 100). */
function dirEntry(fullPath: string, children: FakeEntry[]): FakeEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (ok) => {
          const batch = children.slice(offset, offset + 2);
          offset += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  };
}

function dataTransfer(items: { file: File; entry: FakeEntry | null }[]): DataTransfer {
  return {
    files: items.map((i) => i.file),
    items: items.map(({ file, entry }) => ({
      kind: 'file',
      getAsFile: () => file,
      webkitGetAsEntry: () => entry,
    })),
  } as unknown as DataTransfer;
}

function hostAnswering(pathFor: (name: string) => string) {
  const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => {
    const name = new URL(url, 'http://127.0.0.1').searchParams.get('name') ?? '';
    return new Response(JSON.stringify({ path: pathFor(name) }), { status: 200 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('localItemsForDrop in Electron', () => {
  it('uses window.portsideFiles.getPathForFile, folders included, without any upload', async () => {
    const fetchMock = hostAnswering(() => 'never');
    window.portsideFiles = { getPathForFile: (file) => `/Users/me/Desktop/${file.name}` };
    const photos = new File([], 'photos');
    const note = new File(['hello'], 'note.txt');
    const items = await localItemsForDrop(
      dataTransfer([
        { file: photos, entry: dirEntry('/photos', []) },
        { file: note, entry: fileEntry('/note.txt') },
      ]),
    );
    expect(items).toEqual([
      { path: '/Users/me/Desktop/photos', kind: 'directory', relativePath: 'photos', size: null },
      { path: '/Users/me/Desktop/note.txt', kind: 'file', relativePath: 'note.txt', size: 5 },
    ]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('also finds the preload as window.portside.desktop, and skips files without a path', async () => {
    (window as { portside?: unknown }).portside = {
      desktop: {
        getPathForFile: (file: File) => (file.name === 'web.png' ? '' : `C:\\in\\${file.name}`),
      },
    };
    const paths = await localPathsForDrop(
      dataTransfer([
        { file: new File(['a'], 'a.txt'), entry: null },
        { file: new File(['b'], 'web.png'), entry: null },
      ]),
    );
    expect(paths).toEqual(['C:\\in\\a.txt']);
  });
});

describe('localItemsForDrop in the browser host', () => {
  it('streams each file to POST /api/drop?name=… and returns the staged paths', async () => {
    const fetchMock = hostAnswering((name) => `/srv/stage/${name}`);
    const file = new File(['12345'], 'a #1?.txt');
    const items = await localItemsForDrop(dataTransfer([{ file, entry: fileEntry('/a #1?.txt') }]));
    expect(fetchMock).toHaveBeenCalledWith('/api/drop?name=a%20%231%3F.txt', {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
    });
    expect(items).toEqual([
      { path: '/srv/stage/a #1?.txt', kind: 'file', relativePath: 'a #1?.txt', size: 5 },
    ]);
  });

  it('walks dropped folders (every batch) and keeps relative paths', async () => {
    const fetchMock = hostAnswering((name) => `/srv/stage/${name}`);
    const tree = dirEntry('/site', [
      fileEntry('/site/index.html'),
      dirEntry('/site/css', [
        fileEntry('/site/css/a.css'),
        fileEntry('/site/css/b.css'),
        fileEntry('/site/css/c.css'),
      ]),
      fileEntry('/site/robots.txt'),
    ]);
    const items = await localItemsForDrop(
      dataTransfer([{ file: new File([], 'site'), entry: tree }]),
    );
    expect(items.map((i) => i.relativePath).sort()).toEqual([
      'site/css/a.css',
      'site/css/b.css',
      'site/css/c.css',
      'site/index.html',
      'site/robots.txt',
    ]);
    expect(items.every((i) => i.kind === 'file')).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(5);
  });

  it('works from dataTransfer.files where there are no items', async () => {
    hostAnswering((name) => `/srv/${name}`);
    const paths = await localPathsForDrop({
      files: [new File(['x'], 'x.bin')],
      items: [],
    } as unknown as DataTransfer);
    expect(paths).toEqual(['/srv/x.bin']);
  });

  it('reports a refusal or a malformed answer as a DropError', async () => {
    vi.stubGlobal('fetch', async () => new Response('Forbidden', { status: 403 }));
    const drop = () =>
      localItemsForDrop(dataTransfer([{ file: new File(['x'], 'x'), entry: null }]));
    await expect(drop()).rejects.toThrow(new DropError('The host refused x (HTTP 403): Forbidden'));
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ nope: 1 }), { status: 200 }));
    await expect(drop()).rejects.toThrow('The host staged x but did not say where');
  });
});
