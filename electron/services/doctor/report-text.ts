import type { DoctorReport, DoctorStep } from '../../../shared/models/doctor.js';
import { ENCRYPTION_LABELS, TRANSFER_MODE_LABELS } from '../../../shared/models/site-labels.js';

const LABELS: Record<DoctorStep['state'], string> = {
  pending: 'pending',
  running: 'running',
  passed: 'works',
  warning: 'warning',
  failed: 'FAILS',
  skipped: 'skipped',
};

/** The report as plain text for a support request: summary, steps, then the whole log (if given). */
export function formatReportText(
  report: Omit<DoctorReport, 'text'>,
  log: readonly string[],
): string {
  const out: string[] = [
    'Portside connection doctor',
    `Server: ${report.target}`,
    `Verdict: ${report.verdict}`,
    '',
  ];
  const list = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push(`${title}:`, ...items.map((item) => `  - ${item}`), '');
  };
  list('What works', report.works);
  list('What does not work', report.fails);
  list('Likely causes', report.causes);
  const r = report.recommended;
  if (r !== null) {
    out.push(
      'Recommended settings:',
      `  Transfer mode: ${TRANSFER_MODE_LABELS[r.transferMode]}`,
      `  Encryption: ${ENCRYPTION_LABELS[r.encryption]}`,
      `  Maximum number of connections: ${r.maxConnections === 0 ? 'no limit' : r.maxConnections}`,
      `  Listing command: ${r.listingCommand === 'list' ? 'LIST' : 'MLSD when available, else LIST'}`,
      '',
    );
  }
  out.push('Steps:');
  for (const step of report.steps) {
    out.push(`  [${LABELS[step.state]}] ${step.title}: ${step.summary}`);
    for (const finding of step.findings)
      out.push(`      ${finding.outcome.padEnd(7)} ${finding.label}: ${finding.text}`);
  }
  out.push('');
  if (log.length > 0) out.push('Log:', ...log, '');
  return out.join('\n');
}
