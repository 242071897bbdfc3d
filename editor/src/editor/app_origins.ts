// The allowed-origins text box shared by "New app" and App settings: one
// origin per line as typed or pasted, and the collector's refusals named by
// the line rather than by its index.
import { ApiError } from '../shared/api';

// Pasted addresses often end in "/", which an origin never has.
export function originsFromText(text: string): string[] {
  return text.split('\n').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
}

// The collector's problems with the origins, each named by the line as typed
// ("app.acme.com": must be …) rather than by its index (/origins/0); null
// when the refusal is not about single origins.
export function originProblems(error: unknown, list: string[]): string | null {
  if (!(error instanceof ApiError)) return null;
  const lines = error.problems.map((p) => {
    const index = /^\/origins\/(\d+)$/.exec(p.pointer)?.[1];
    return index !== undefined && list[Number(index)] !== undefined ? `"${list[Number(index)]}": ${p.reason}` : null;
  });
  return lines.length && lines.every((l) => l !== null) ? lines.join('; ') : null;
}
