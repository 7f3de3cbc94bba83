// The server processes: a helper to run a tool, ending every server's process group when
// this process exits without stop() (a failed test, Ctrl-C handled by vitest), and reading
// the tail of a log for error messages.

import { execFile, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Instances started and not yet cleaned up: the exit hook ends whatever is left here. */
export const live = new Set<{ children: ChildProcess[]; cleanupSync: () => void }>();
let exitHookInstalled = false;

export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const instance of live) {
      for (const child of instance.children) killGroup(child, 'SIGKILL');
      instance.cleanupSync();
    }
  });
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole process group, so the per-session processes the server
    // forked go too (they are in the group because the server was spawned detached).
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function run(file: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${file} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function tailOf(file: string, lines: number): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
