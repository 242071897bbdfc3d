// Formatting for chart labels and tables, so every view writes numbers the same way.
import { formatNumber, formatPercent } from '../dom';

export { formatNumber, formatPercent };

// A duration in ms as the largest sensible unit: "850 ms", "12 s", "4.5 min", "3.2 h", "2.1 d".
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${formatNumber(seconds, seconds < 10 ? 1 : 0)} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${formatNumber(minutes, minutes < 10 ? 1 : 0)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${formatNumber(hours, hours < 10 ? 1 : 0)} h`;
  return `${formatNumber(hours / 24, 1)} d`;
}

// Signed change in percentage points or relative: "+3.2 pp", "−1.0 pp".
export function formatPointChange(delta: number): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `${sign}${Math.abs(delta * 100).toFixed(1)} pp`;
}

// Compact axis numbers: 950, 1.2k, 3.4M.
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${formatNumber(value / 1e6, abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${formatNumber(value / 1e3, abs >= 1e4 ? 0 : 1)}k`;
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}
