// Ports for server instances.
//
// Each instance takes a slot of 64 consecutive ports, locked by a file in the temp folder
// that names the owning pid, so parallel vitest workers and benchmark processes never pick
// the same ports (stale locks of dead processes are taken over). Slots lie below the
// kernel's ephemeral range so that no client socket on this machine is sitting on a port a
// server wants for passive mode. Every port of the slot is test-bound before use.
//
//   base+0  control port (plain and explicit TLS)
//   base+1  implicit TLS port (when asked for)
//   base+2… passive range
//
// Active-mode data connections come from an ephemeral port for vsftpd
// (connect_from_port_20=NO) and ProFTPD, and from port 20 for Pure-FTPd (it binds it as
// root): none of them needs a port of the slot.

import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const SLOT_SIZE = 64;
const PORT_FLOOR = 20000;
export const MAX_PASSIVE = SLOT_SIZE - 2;
const LOCK_DIR = path.join(os.tmpdir(), 'portside-ftp-ports');

export interface PortSlot {
  base: number;
  lockFile: string;
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return [low, high];
  } catch {
    // not Linux, or no procfs: assume the usual range
  }
  return [32768, 60999];
}

function slotBases(): number[] {
  const [low, high] = ephemeralRange();
  const bases: number[] = [];
  for (let base = PORT_FLOOR; base + SLOT_SIZE <= Math.min(low, 65536); base += SLOT_SIZE)
    bases.push(base);
  for (let base = high + 1; base + SLOT_SIZE <= 65536; base += SLOT_SIZE) bases.push(base);
  return bases;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryLock(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(readFileSync(file, 'utf8').trim() || 'NaN');
  if (Number.isInteger(owner) && pidAlive(owner)) return false;
  // A dead owner: take the lock over. Two processes racing here is harmless because the
  // ports are still test-bound below before anyone uses them.
  try {
    unlinkSync(file);
  } catch {
    // someone else took it over first
  }
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

export async function reserveSlot(): Promise<PortSlot> {
  await fs.mkdir(LOCK_DIR, { recursive: true, mode: 0o1777 });
  const bases = slotBases();
  const start = Math.floor(Math.random() * bases.length);
  for (let i = 0; i < bases.length; i++) {
    const base = bases[(start + i) % bases.length];
    if (base === undefined) continue;
    const lockFile = path.join(LOCK_DIR, `slot-${base}`);
    if (!tryLock(lockFile)) continue;
    let free = true;
    for (let port = base; port < base + SLOT_SIZE && free; port++) free = await canBind(port);
    if (free) return { base, lockFile };
    releaseSlot({ base, lockFile });
  }
  throw new Error(`no free slot of ${SLOT_SIZE} ports on 127.0.0.1 (locks in ${LOCK_DIR})`);
}

export function releaseSlot(slot: PortSlot): void {
  try {
    if (readFileSync(slot.lockFile, 'utf8').trim() === String(process.pid))
      unlinkSync(slot.lockFile);
  } catch {
    // already gone
  }
}
