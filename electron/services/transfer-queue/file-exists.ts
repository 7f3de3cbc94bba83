import type { FileExistsAction } from '../../../shared/models/settings.js';

export type ExistsAction = Exclude<FileExistsAction, 'ask'>;
export type ExistsOutcome = 'overwrite' | 'resume' | 'rename' | 'skip';

export interface FileFacts {
  readonly size: number | null;
  readonly modified: number | null;
}

/**
 * Turns a "file exists" rule into what to do for one file. When the facts needed for a
 * comparison are unknown, the file is transferred: skipping on a guess would leave the
 * user with an old file they believe is current.
 */
export function resolveExists(
  action: ExistsAction,
  source: FileFacts,
  existing: FileFacts,
): ExistsOutcome {
  switch (action) {
    case 'overwrite':
    case 'resume':
    case 'rename':
    case 'skip':
      return action;
    case 'overwrite-if-newer':
      if (source.modified === null || existing.modified === null) return 'overwrite';
      return source.modified > existing.modified ? 'overwrite' : 'skip';
    case 'overwrite-if-size-differs':
      if (source.size === null || existing.size === null) return 'overwrite';
      return source.size !== existing.size ? 'overwrite' : 'skip';
  }
}

/** `report.pdf` → `report (1).pdf`, `report (2).pdf` … the first name that is free. */
export async function freeName(
  name: string,
  taken: (candidate: string) => Promise<boolean>,
): Promise<string> {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; n < 10_000; n += 1) {
    const candidate = `${stem} (${n})${extension}`;
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`No free name found for ${name}`);
}
