import {
  doctorStepIds,
  type DoctorReport,
  type DoctorStep,
  type DoctorStepId,
} from '../../../shared/models/doctor.js';
import type { FtpClient } from '../../ftp/client.js';
import { formatLogLine, Logger, type LogEvent, type LogSink } from '../../ftp/log.js';
import type { DoctorOptions } from './doctor-types.js';
import { buildReport, type Findings } from './report.js';
import { probeConnect, probeOptions, type ProbeSettings } from './probe-connect.js';
import { checkConnections } from './step-connections.js';
import { checkDataConnections } from './step-data.js';
import { checkDns, systemResolver } from './step-dns.js';
import { checkListing } from './step-listing.js';
import { StepRecorder } from './step-recorder.js';
import { checkTcp } from './step-tcp.js';
import { checkTlsAndLogin } from './step-tls-login.js';

/**
 * Runs the seven steps in order and returns the report. A step whose prerequisite failed
 * is marked skipped (no login, no listing). Every connection it opens is closed before it
 * returns, also when it is cancelled.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const lines: LogEvent[] = [];
  const sink: LogSink = (event) => {
    lines.push(event);
    options.log?.(event);
  };
  const log = new Logger(sink);
  const steps = new Map<DoctorStepId, StepRecorder>(
    doctorStepIds.map((id) => [
      id,
      new StepRecorder(id, (step: DoctorStep) => options.onStep?.(step)),
    ]),
  );
  const step = (id: DoctorStepId): StepRecorder => steps.get(id) as StepRecorder;
  const { target, signal } = options;
  const findings: Findings = { target, steps: [...steps.values()] };
  const finish = (): DoctorReport => {
    for (const recorder of steps.values()) {
      if (recorder.current.state === 'pending')
        recorder.finish('skipped', 'Not run: an earlier step failed');
    }
    return buildReport(
      findings,
      lines.map((line) => formatLogLine(line)),
    );
  };

  const addresses = await checkDns(
    target.host,
    options.resolve ?? systemResolver,
    log,
    step('dns'),
  );
  if (addresses === undefined) return finish();

  const implicit = target.encryption === 'implicit';
  const port = target.port ?? (implicit ? 990 : 21);
  const tcp = await checkTcp(
    addresses,
    port,
    implicit,
    options.timeoutMs,
    log,
    step('tcp'),
    signal,
  );
  if (tcp.address === undefined) return finish();

  const settings: ProbeSettings = {
    // The name, not the address that answered: certificates are issued to names, and a
    // trust decision is pinned to host:port as the sessions connect to it.
    target,
    address: tcp.address,
    tlsOptions: options.tlsOptions,
    timeoutMs: options.timeoutMs,
    log: sink,
    signal,
  };
  const session = await checkTlsAndLogin(settings, log, step('tls'), step('login'));
  findings.encryption = session.encryption;
  if (session.client === undefined || session.choice === undefined) return finish();

  const choice = session.choice;
  let client: FtpClient | undefined = session.client;
  const reconnect = async (): Promise<FtpClient | undefined> => {
    log.status('Reconnecting...');
    const again = await probeConnect(settings, choice);
    return again.ok ? again.client : undefined;
  };
  try {
    const data = await checkDataConnections(
      client,
      reconnect,
      tcp.address,
      log,
      step('data'),
      signal,
    );
    client = data.client;
    findings.dataMethods = data.working;
    const preferred = data.working[0];
    if (preferred === undefined) return finish();

    client ??= await reconnect();
    if (client === undefined) return finish();
    client.setDataMethod(preferred);
    const listing = await checkListing(client, log, step('listing'), signal);
    findings.listing = listing;
    client.setDataMethod(undefined);

    const limit = Math.max(1, options.connectionLimit);
    findings.connections = await checkConnections(
      { ...probeOptions(settings, { ...choice, dataMethod: preferred }), log: sink },
      limit,
      log,
      step('connections'),
      signal,
    );
    return finish();
  } finally {
    await client?.quit();
  }
}
