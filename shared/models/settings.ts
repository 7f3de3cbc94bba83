import { z } from 'zod';
import { port, textString } from '../contract/limits.js';

export const fileExistsActions = [
  'ask',
  'overwrite',
  'overwrite-if-newer',
  'overwrite-if-size-differs',
  'resume',
  'rename',
  'skip',
] as const;
export type FileExistsAction = (typeof fileExistsActions)[number];

/**
 * Everything the Settings dialog edits. Defaults follow FileZilla's where users expect
 * them (passive mode on, 20 s timeout, 2 simultaneous transfers).
 */
export const settingsSchema = z
  .object({
    forcePassive: z.boolean().default(true),
    fallbackToOtherMode: z.boolean().default(true),
    activeExternalAddress: textString.nullable().default(null),
    activePortRange: z
      .object({ min: port, max: port })
      .strict()
      .refine((range) => range.min <= range.max, 'min must not exceed max')
      .nullable()
      .default(null),
    timeoutSeconds: z.number().int().min(1).max(600).default(20),
    retries: z.number().int().min(0).max(10).default(3),
    keepAlive: z.boolean().default(false),
    simultaneousTransfers: z.number().int().min(1).max(10).default(2),
    fileExistsAction: z.enum(fileExistsActions).default('ask'),
    preserveTimestamps: z.boolean().default(false),
    verifySize: z.boolean().default(true),
    notifyWhenQueueDone: z.boolean().default(true),
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    logTimestamps: z.boolean().default(false),
  })
  .strict();

export type Settings = Readonly<z.infer<typeof settingsSchema>>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** A partial update from the Settings dialog; unknown keys are refused. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = Readonly<z.infer<typeof settingsPatchSchema>>;
