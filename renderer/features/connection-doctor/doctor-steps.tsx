import type { DoctorStep } from '../../../shared/models/doctor.js';
import { InertText } from '../../components/inert-text.js';

const STATE_LABELS: Record<DoctorStep['state'], string> = {
  pending: 'Waiting',
  running: 'Running…',
  passed: 'Works',
  warning: 'Works, with a warning',
  failed: 'Fails',
  skipped: 'Skipped',
};

/** The seven steps with their state, summary and findings, updated live. */
export function DoctorSteps({ steps }: { steps: readonly DoctorStep[] }) {
  return (
    <ol className="doctor-steps" aria-label="Steps">
      {steps.map((step) => (
        <li key={step.id} className={`doctor-step doctor-step-${step.state}`}>
          <div className="doctor-step-head">
            <span className="doctor-step-title">{step.title}</span>
            <span className="doctor-step-state">{STATE_LABELS[step.state]}</span>
          </div>
          {step.summary === '' ? null : (
            <p className="doctor-step-summary">
              <InertText text={step.summary} />
            </p>
          )}
          {step.findings.length === 0 ? null : (
            <ul className="doctor-findings">
              {step.findings.map((finding, index) => (
                <li key={index} className={`doctor-finding doctor-finding-${finding.outcome}`}>
                  <strong>{finding.label}:</strong> <InertText text={finding.text} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
