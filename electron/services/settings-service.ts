import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/models/settings.js';
import { readJsonFile, writeJsonAtomic } from './json-file.js';
import type { EventSink } from './router.js';

const FILE_NAME = 'settings.json';

// On disk, missing keys take their defaults (a newer version may add settings) but unknown
// keys and wrong types make the file invalid.
const fileSchema = z.object({ version: z.literal(1), settings: settingsSchema }).strict();

/** Settings persisted as JSON in the user data folder, validated on load. */
export class SettingsService {
  private constructor(
    private readonly path: string,
    private current: Settings,
    private readonly emit: EventSink,
  ) {}

  static async open(userDataDir: string, emit: EventSink): Promise<SettingsService> {
    const path = join(userDataDir, FILE_NAME);
    const outcome = await readJsonFile(path, fileSchema, {
      version: 1 as const,
      settings: DEFAULT_SETTINGS,
    });
    if (outcome.status === 'corrupt') {
      emit('app:notice', {
        level: 'warning',
        message: `Your settings file could not be read (${outcome.reason}). It was kept as ${outcome.keptAt} and the defaults are in use.`,
      });
    }
    return new SettingsService(path, outcome.value.settings, emit);
  }

  private readonly listeners = new Set<(settings: Settings) => void>();

  get(): Settings {
    return this.current;
  }

  /** Calls `listener` after every change (the sessions follow Force Passive mode live). */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = settingsSchema.parse({ ...this.current, ...stripUndefined(patch) });
    await writeJsonAtomic(this.path, { version: 1, settings: next });
    this.current = next;
    this.emit('settings:changed', next);
    for (const listener of this.listeners) listener(next);
    return next;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
