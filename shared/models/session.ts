import { z } from 'zod';
import { appErrorSchema } from '../contract/errors.js';
import { hostString, id, pathString, port, textString } from '../contract/limits.js';
import { encryptions } from './site.js';

export const sessionStates = ['connecting', 'connected', 'disconnected', 'failed'] as const;
export type SessionState = (typeof sessionStates)[number];

/** What the UI shows about a session: never its password. */
export const sessionInfoSchema = z
  .object({
    sessionId: id,
    state: z.enum(sessionStates),
    host: z.string(),
    port: z.number().int(),
    user: z.string(),
    /** The control connection is encrypted. */
    secure: z.boolean(),
    dataMode: z.enum(['passive', 'active']),
    remotePath: z.string().nullable(),
    system: z.string().nullable(),
    siteId: id.nullable(),
    error: appErrorSchema.nullable(),
  })
  .strict();
export type SessionInfo = Readonly<z.infer<typeof sessionInfoSchema>>;

/** Quickconnect: what the user typed (the Host field may hold a whole ftp:// URL, parsed before). */
export const quickTargetSchema = z
  .object({
    host: hostString,
    port: port.optional(),
    user: textString.optional(),
    password: z.string().max(1024).optional(),
    encryption: z.enum(encryptions).optional(),
    remotePath: pathString.optional(),
  })
  .strict();
export type QuickTarget = Readonly<z.infer<typeof quickTargetSchema>>;

export const connectRequestSchema = z.union([
  z.object({ quick: quickTargetSchema }).strict(),
  /** A saved site; `password` answers "ask for password" sites. */
  z.object({ siteId: id, password: z.string().max(1024).optional() }).strict(),
]);
export type ConnectRequest = Readonly<z.infer<typeof connectRequestSchema>>;

export const certificateInfoSchema = z
  .object({
    host: z.string(),
    port: z.number().int(),
    fingerprint256: z.string(),
    subject: z.string(),
    issuer: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    reason: z.string(),
  })
  .strict();
export type CertificateInfo = Readonly<z.infer<typeof certificateInfoSchema>>;

export const trustDecisions = ['reject', 'once', 'always'] as const;
export type TrustDecision = (typeof trustDecisions)[number];
