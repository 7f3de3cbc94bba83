import type { DoctorReport } from '../../../shared/models/doctor.js';
import { ENCRYPTION_LABELS, TRANSFER_MODE_LABELS } from '../../../shared/models/site-labels.js';
import { InertText } from '../../components/inert-text.js';

/** The verdict first, then what fails and why, then the settings Apply would write. */
export function DoctorReportView({ report }: { report: DoctorReport }) {
  const r = report.recommended;
  return (
    <section className="doctor-report" aria-label="Report">
      <p className={report.usable ? 'doctor-verdict' : 'doctor-verdict doctor-verdict-bad'}>
        <InertText text={report.verdict} />
      </p>
      {report.causes.length === 0 ? null : (
        <>
          <h3>Likely causes</h3>
          <ul aria-label="Likely causes">
            {report.causes.map((cause) => (
              <li key={cause}>
                <InertText text={cause} />
              </li>
            ))}
          </ul>
        </>
      )}
      {r === null ? null : (
        <>
          <h3>Recommended settings</h3>
          <dl className="doctor-recommended">
            <dt>Transfer mode</dt>
            <dd>{TRANSFER_MODE_LABELS[r.transferMode]}</dd>
            <dt>Encryption</dt>
            <dd>{ENCRYPTION_LABELS[r.encryption]}</dd>
            <dt>Maximum number of connections</dt>
            <dd>{r.maxConnections === 0 ? 'No limit' : r.maxConnections}</dd>
            <dt>Listing command</dt>
            <dd>{r.listingCommand === 'list' ? 'LIST' : 'MLSD when available'}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
