/** Formatting shared by the shell's features. Sizes use grouping and tabular figures in CSS. */

const bytesFormat = new Intl.NumberFormat('en-US');

/** "1,162 bytes", like FileZilla's pane footers and dialogs. */
export function formatBytes(bytes: number): string {
  return `${bytesFormat.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** "1.4 MiB" — compact, for speeds and summaries. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit] ?? 'B'}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatSize(bytesPerSecond)}/s`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "14:03:27" in local time: the message log's time stamps. */
export function formatClock(time: number): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "2026-03-14 14:03" in local time: unambiguous in every locale. */
export function formatDateTime(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
