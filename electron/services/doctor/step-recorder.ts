import {
  DOCTOR_STEP_TITLES,
  type DoctorFinding,
  type DoctorStep,
  type DoctorStepId,
  type DoctorStepState,
} from '../../../shared/models/doctor.js';

/**
 * Collects what one step found and publishes every change, so the dialog shows a step as
 * "running" with its findings arriving one by one.
 */
export class StepRecorder {
  private state: DoctorStepState = 'pending';
  private summary = '';
  private readonly findings: DoctorFinding[] = [];
  /** Likely causes of what failed, in plain words, for the report. */
  readonly causes: string[] = [];

  constructor(
    readonly id: DoctorStepId,
    private readonly publish: (step: DoctorStep) => void,
  ) {}

  start(summary: string): void {
    this.state = 'running';
    this.summary = clip(summary);
    this.emit();
  }

  found(label: string, outcome: DoctorFinding['outcome'], text: string): void {
    this.findings.push({ label: clip(label, 200), outcome, text: clip(text) });
    this.emit();
  }

  cause(text: string): void {
    const clipped = clip(text);
    if (!this.causes.includes(clipped)) this.causes.push(clipped);
  }

  finish(state: Exclude<DoctorStepState, 'pending' | 'running'>, summary: string): void {
    this.state = state;
    this.summary = clip(summary);
    this.emit();
  }

  get current(): DoctorStep {
    return {
      id: this.id,
      title: DOCTOR_STEP_TITLES[this.id],
      state: this.state,
      summary: this.summary,
      findings: [...this.findings],
    };
  }

  private emit(): void {
    this.publish(this.current);
  }
}

/**
 * Server text (a welcome message, a reply) lands in findings and may be up to 64 KiB; the
 * contract bounds each text, so a long one is cut (the log keeps it whole).
 */
const MAX_TEXT = 2000;
function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
