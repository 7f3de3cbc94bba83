import { readFile } from 'node:fs/promises';
import type { DoctorStep } from '../../shared/models/doctor.js';
import type { Encryption } from '../../shared/models/site.js';
import { formatLogLine } from '../ftp/log.js';
import { MAX_DOCTOR_CONNECTIONS } from '../services/doctor/doctor-service.js';
import { redact } from '../services/doctor/report.js';
import { formatReportText } from '../services/doctor/report-text.js';
import { runDoctor } from '../services/doctor/run-doctor.js';
import type { CliOptions } from './args.js';
import { parseUrlOperand } from './connect.js';

const ENCRYPTION: Record<NonNullable<CliOptions['tls']>, Encryption> = {
  auto: 'explicit-if-available',
  explicit: 'explicit',
  implicit: 'implicit',
  none: 'none',
};

/**
 * `portside doctor URL`: the connection doctor without a window. Steps are printed on
 * standard error as they finish, the report on standard output; the exit code is 0 when
 * the server can be used (with the recommended settings), 1 when it cannot.
 */
export async function doctorCommand(options: CliOptions): Promise<number> {
  const url = parseUrlOperand(options.operands[0]);
  const ca = options.ca === undefined ? undefined : [await readFile(options.ca, 'utf8')];
  const tls = options.tls ?? (url.scheme === 'ftps' ? 'implicit' : 'auto');
  const password = url.password;
  const report = await runDoctor({
    target: {
      host: url.host,
      port: url.port,
      user: url.user,
      password,
      encryption: ENCRYPTION[tls],
      transferMode: options.modeGiven ? options.mode : 'default',
    },
    tlsOptions: { ca },
    timeoutMs: options.timeoutMs ?? 20_000,
    connectionLimit: MAX_DOCTOR_CONNECTIONS,
    log: options.log
      ? (event) => process.stderr.write(`${redact(formatLogLine(event), password)}\n`)
      : undefined,
    onStep: (step) => {
      if (isFinished(step)) process.stderr.write(`${redact(stepLine(step), password)}\n`);
    },
  });
  process.stdout.write(formatReportText(report, []));
  return report.usable ? 0 : 1;
}

function isFinished(step: DoctorStep): boolean {
  return step.state !== 'pending' && step.state !== 'running';
}

function stepLine(step: DoctorStep): string {
  return `[${step.state}] ${step.title}: ${step.summary}`;
}
