import { z } from 'zod';

export const logKinds = ['status', 'command', 'response', 'error'] as const;
export type LogLineKind = (typeof logKinds)[number];

/** One line of a session's message log, numbered so batches can be checked for gaps. */
export const logLineSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    time: z.number(),
    sessionId: z.string().max(64),
    kind: z.enum(logKinds),
    text: z.string(),
  })
  .strict();

export type LogLine = Readonly<z.infer<typeof logLineSchema>>;
