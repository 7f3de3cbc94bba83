import type {
  DoctorRecommendation,
  DoctorReport,
  DoctorStep,
} from '../../../shared/models/doctor.js';
import type { Encryption } from '../../../shared/models/site.js';
import type { DataMethod } from '../../ftp/data-connector.js';
import type { DoctorTarget } from './doctor-types.js';
import { formatReportText } from './report-text.js';
import type { ConnectionsOutcome } from './step-connections.js';
import type { ListingOutcome } from './step-listing.js';
import type { StepRecorder } from './step-recorder.js';

/** What the steps found, filled in as they run. */
export interface Findings {
  readonly target: DoctorTarget;
  readonly steps: readonly StepRecorder[];
  encryption?: Encryption | undefined;
  dataMethods?: readonly DataMethod[] | undefined;
  listing?: ListingOutcome | undefined;
  connections?: ConnectionsOutcome | undefined;
}

/** `user@host:port`, as support needs it: never a password. */
export function describeTarget(target: DoctorTarget): string {
  const port = target.port ?? (target.encryption === 'implicit' ? 990 : 21);
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user ?? 'anonymous'}@${host}:${port}`;
}

export function buildReport(findings: Findings, log: readonly string[]): DoctorReport {
  const steps: DoctorStep[] = findings.steps.map((s) => s.current);
  const works: string[] = [];
  const fails: string[] = [];
  for (const step of steps) {
    for (const finding of step.findings) {
      const line = `${step.title} — ${finding.label}: ${finding.text}`;
      if (finding.outcome === 'ok') works.push(line);
      else if (finding.outcome === 'failed') fails.push(line);
    }
  }
  const causes = [...new Set(findings.steps.flatMap((s) => s.causes))];
  const recommended = recommend(findings);
  const usable =
    findings.encryption !== undefined &&
    (findings.dataMethods?.length ?? 0) > 0 &&
    findings.listing?.works === true;
  const changed = changes(findings.target, recommended);
  const verdict = !usable
    ? `The server cannot be used: ${firstFailure(steps)}`
    : fails.length === 0
      ? `Everything works.${changed.length === 0 ? '' : ` The recommended settings (${changed.join(', ')}) make the site use what works.`}`
      : 'The server can be used with the recommended settings; some things do not work (see below).';
  const report = {
    target: describeTarget(findings.target),
    usable,
    verdict,
    works,
    fails,
    causes,
    steps,
    recommended,
  };
  const text = redact(formatReportText(report, log), findings.target.password);
  return { ...report, text };
}

/** The settings that worked; null when the doctor never got as far as logging in. */
function recommend(findings: Findings): DoctorRecommendation | null {
  const { encryption, dataMethods, listing, connections, target } = findings;
  if (encryption === undefined) return null;
  const passive = dataMethods?.some((m) => m === 'EPSV' || m === 'PASV') ?? false;
  const active = dataMethods?.some((m) => m === 'PORT' || m === 'EPRT') ?? false;
  return {
    transferMode: passive ? 'passive' : active ? 'active' : target.transferMode,
    encryption,
    maxConnections: connections?.limited === true ? connections.accepted : 0,
    listingCommand: listing?.recommended ?? target.listingCommand ?? 'auto',
  };
}

/** Which recommended settings differ from what the target uses today. */
export function changes(target: DoctorTarget, recommended: DoctorRecommendation | null): string[] {
  if (recommended === null) return [];
  const out: string[] = [];
  if (recommended.transferMode !== target.transferMode) out.push('transfer mode');
  if (recommended.encryption !== target.encryption) out.push('encryption');
  if (recommended.listingCommand !== (target.listingCommand ?? 'auto')) out.push('listing command');
  if (recommended.maxConnections !== 0) out.push('connection limit');
  return out;
}

function firstFailure(steps: readonly DoctorStep[]): string {
  const failed = steps.find((s) => s.state === 'failed');
  return failed === undefined
    ? 'it did not get through every step'
    : `${failed.title.toLowerCase()} — ${failed.summary}`;
}

/**
 * The engine never logs a password (PASS is masked), but a server may echo it back (some
 * put the user's input into a 530 reply) and people paste URLs with one in them.
 */
export function redact(text: string, password: string | undefined): string {
  if (password === undefined || password.length < 3) return text;
  return text.split(password).join('********');
}
