import { z } from 'zod';
import { id } from '../contract/limits.js';
import { logLineSchema } from './log-line.js';
import { encryptions, listingCommands, transferModes } from './site.js';

/**
 * The connection doctor: the troubleshooting steps people are told to do by hand (telnet to
 * port 21, check the firewall, the account, fewer connections, passive mode), run in order
 * against one server, with a report in plain words.
 */
export const doctorStepIds = [
  'dns',
  'tcp',
  'tls',
  'login',
  'data',
  'listing',
  'connections',
] as const;
export type DoctorStepId = (typeof doctorStepIds)[number];

export const DOCTOR_STEP_TITLES: Readonly<Record<DoctorStepId, string>> = {
  dns: 'Name resolution (DNS)',
  tcp: 'Connection to the control port',
  tls: 'Encryption (TLS)',
  login: 'Login',
  data: 'Data connection',
  listing: 'Directory listing',
  connections: 'Simultaneous connections',
};

export const doctorStepStates = [
  'pending',
  'running',
  'passed',
  'warning',
  'failed',
  'skipped',
] as const;
export type DoctorStepState = (typeof doctorStepStates)[number];

/** One thing a step found: "EPSV: works", "Certificate: self-signed …". */
export const doctorFindingSchema = z
  .object({
    label: z.string().max(200),
    outcome: z.enum(['ok', 'warning', 'failed', 'info']),
    text: z.string().max(4096),
  })
  .strict();
export type DoctorFinding = Readonly<z.infer<typeof doctorFindingSchema>>;

export const doctorStepSchema = z
  .object({
    id: z.enum(doctorStepIds),
    title: z.string().max(200),
    state: z.enum(doctorStepStates),
    /** One line a person reads first. */
    summary: z.string().max(4096),
    findings: z.array(doctorFindingSchema).max(100),
  })
  .strict();
// Plain (not deep-readonly) so a report goes straight into an event payload.
export type DoctorStep = z.infer<typeof doctorStepSchema>;

/** What "Apply recommended settings" writes into a site profile. */
export const doctorRecommendationSchema = z
  .object({
    transferMode: z.enum(transferModes),
    encryption: z.enum(encryptions),
    /** 0: no limit (the server accepted as many as the doctor tried). */
    maxConnections: z.number().int().min(0).max(10),
    listingCommand: z.enum(listingCommands),
  })
  .strict();
export type DoctorRecommendation = Readonly<z.infer<typeof doctorRecommendationSchema>>;

export const doctorReportSchema = z
  .object({
    /** `user@host:port`: never a password. */
    target: z.string().max(2048),
    /** The server can be used, with the recommended settings when there are any. */
    usable: z.boolean(),
    verdict: z.string().max(4096),
    works: z.array(z.string().max(4096)).max(100),
    fails: z.array(z.string().max(4096)).max(100),
    /** Likely causes of what fails, in plain words. */
    causes: z.array(z.string().max(4096)).max(100),
    steps: z.array(doctorStepSchema).max(doctorStepIds.length),
    recommended: doctorRecommendationSchema.nullable(),
    /** The whole report and log as text for support, with passwords removed. */
    text: z.string().max(2 * 1024 * 1024),
  })
  .strict();
export type DoctorReport = z.infer<typeof doctorReportSchema>;

/** Live progress of one run: a step changed, log lines arrived, or the report is ready. */
export const doctorProgressSchema = z
  .object({
    runId: id,
    step: doctorStepSchema.optional(),
    lines: z.array(logLineSchema).max(10_000).optional(),
    report: doctorReportSchema.optional(),
    /** The run ended without a report (cancelled, or an internal error). */
    error: z.string().max(4096).optional(),
  })
  .strict();
export type DoctorProgress = z.output<typeof doctorProgressSchema>;
