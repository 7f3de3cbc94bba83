import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Logger } from '../../ftp/log.js';
import type { Resolver } from './doctor-types.js';
import type { StepRecorder } from './step-recorder.js';

/** The system resolver, every address (IPv4 and IPv6) in the order the system prefers. */
export const systemResolver: Resolver = async (host) => lookup(host, { all: true, verbatim: true });

/** Step 1: every address the host name resolves to; undefined when it resolves to none. */
export async function checkDns(
  host: string,
  resolve: Resolver,
  log: Logger,
  step: StepRecorder,
): Promise<readonly string[] | undefined> {
  if (isIP(host) !== 0) {
    step.start(`${host} is an address`);
    step.found(`IPv${isIP(host)}`, 'ok', host);
    step.finish('passed', `${host} is an IP address: there is nothing to look up`);
    return [host];
  }
  step.start(`Looking up ${host}`);
  log.status(`Resolving address of ${host}`);
  let found: readonly { address: string; family: number }[];
  try {
    found = await resolve(host);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`Could not resolve ${host}: ${reason}`);
    found = [];
  }
  const addresses = [...new Set(found.map((entry) => entry.address))];
  if (addresses.length === 0) {
    step.found('Lookup', 'failed', `"${host}" does not resolve to any address`);
    step.cause(
      `The host name "${host}" could not be resolved: check its spelling, or whether your DNS works (can you open web sites?).`,
    );
    step.finish('failed', `"${host}" could not be resolved`);
    return undefined;
  }
  for (const address of addresses) {
    log.status(`${host} resolves to ${address}`);
    step.found(`IPv${isIP(address) === 6 ? 6 : 4}`, 'ok', address);
  }
  const v6 = addresses.filter((a) => isIP(a) === 6).length;
  step.finish(
    'passed',
    `${host} resolves to ${addresses.length} address${addresses.length === 1 ? '' : 'es'} (${addresses.length - v6} IPv4, ${v6} IPv6)`,
  );
  return addresses;
}
