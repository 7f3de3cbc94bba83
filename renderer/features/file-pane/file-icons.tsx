import { memo } from 'react';
import { extensionOf } from './format.js';
import type { EntryKind } from './pane-entry.js';

/**
 * Type icons as inline SVG: no image files to load (the CSP allows none from elsewhere),
 * crisp at any zoom, coloured by CSS custom properties so both themes work. Decorative:
 * the row's name and the type column already say what the entry is.
 */
type Hint =
  'folder' | 'file' | 'symlink' | 'other' | 'archive' | 'image' | 'media' | 'code' | 'text';

const HINTS: Readonly<Record<string, Hint>> = Object.fromEntries([
  ...['zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'iso', 'dmg'].map((e) => [
    e,
    'archive',
  ]),
  ...['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'bmp', 'ico', 'tif', 'tiff', 'avif', 'heic'].map(
    (e) => [e, 'image'],
  ),
  ...['mp3', 'wav', 'flac', 'ogg', 'm4a', 'mp4', 'mkv', 'mov', 'avi', 'webm'].map((e) => [
    e,
    'media',
  ]),
  ...[
    'js',
    'mjs',
    'ts',
    'tsx',
    'jsx',
    'json',
    'html',
    'css',
    'php',
    'py',
    'rb',
    'go',
    'rs',
    'c',
    'h',
    'cpp',
    'java',
    'sh',
    'xml',
    'yml',
    'yaml',
    'sql',
  ].map((e) => [e, 'code']),
  ...['txt', 'md', 'log', 'csv', 'ini', 'conf', 'cfg', 'pdf', 'doc', 'docx', 'rtf', 'odt'].map(
    (e) => [e, 'text'],
  ),
]);

export function iconHint(kind: EntryKind, name: string): Hint {
  if (kind === 'directory') return 'folder';
  if (kind === 'symlink') return 'symlink';
  if (kind === 'other') return 'other';
  return HINTS[extensionOf(name)] ?? 'file';
}

const PAGE = 'M4 1.5h5.5L13 5v9.5H4z';

function Glyph({ hint }: { hint: Hint }) {
  switch (hint) {
    case 'folder':
      return (
        <path
          d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z"
          fill="var(--ps-icon-folder)"
          stroke="var(--ps-icon-folder-edge)"
        />
      );
    case 'symlink':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />
          <path
            d="M6 12c0-3 2-4.5 5-4.5M9 5.5l2 2-2 2"
            fill="none"
            stroke="var(--ps-icon-accent)"
          />
        </>
      );
    case 'other':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />
          <text x="8.5" y="12.5" fontSize="8" textAnchor="middle" fill="var(--ps-icon-accent)">
            ?
          </text>
        </>
      );
    case 'archive':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-archive)" stroke="var(--ps-icon-edge)" />
          <path d="M8 2v2m0 1v2m0 1v2" stroke="var(--ps-icon-edge)" />
        </>
      );
    case 'image':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />
          <path d="M5 13l2.5-3 1.5 1.5 1.5-2 2 3.5z" fill="var(--ps-icon-image)" />
        </>
      );
    case 'media':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />
          <path d="M7 7.5v5l4-2.5z" fill="var(--ps-icon-media)" />
        </>
      );
    case 'code':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />
          <path d="M7 8l-1.5 2L7 12m3-4l1.5 2L10 12" fill="none" stroke="var(--ps-icon-code)" />
        </>
      );
    case 'text':
      return (
        <>
          <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />
          <path d="M6 7.5h5M6 9.5h5M6 11.5h3.5" stroke="var(--ps-icon-edge)" />
        </>
      );
    case 'file':
      return <path d={PAGE} fill="var(--ps-icon-page)" stroke="var(--ps-icon-edge)" />;
  }
}

export const EntryIcon = memo(function EntryIcon({
  kind,
  name,
}: {
  kind: EntryKind;
  name: string;
}) {
  const hint = iconHint(kind, name);
  return (
    <svg
      className="ps-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      data-icon={hint}
    >
      <Glyph hint={hint} />
    </svg>
  );
});

/** The ".." row's icon: a folder with an up arrow. */
export function ParentIcon() {
  return (
    <svg
      className="ps-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z"
        fill="var(--ps-icon-folder)"
        stroke="var(--ps-icon-folder-edge)"
      />
      <path d="M8 12V7.5M6 9.5l2-2 2 2" fill="none" stroke="var(--ps-icon-edge)" />
    </svg>
  );
}
