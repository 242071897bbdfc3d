// Checks of the public calls' arguments (docs/sdk.md#wrong-arguments). Each
// check returns what the argument must be when it is not, so the caller can
// name the call and the argument instead of letting a wrong value become a
// silent no-op in the core or a TypeError deep inside the adapter.
export type Check = (v: unknown) => string | null;

export const text: Check = (v) => (typeof v === 'string' && v !== '' ? null : 'a non-empty string');
export const string: Check = (v) => (typeof v === 'string' ? null : 'a string');
export const flag: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
export const optional = (check: Check): Check => (v) => (v === undefined ? null : check(v));
export const oneOf = (...values: string[]): Check => (v) =>
  (values.includes(v as string) ? null : values.map((x) => `"${x}"`).join(' or '));

// Properties and traits: a plain object the core can read as JSON (no BigInt,
// no cycles), or nothing (undefined or null: the caller passes `?? {}`).
export const record: Check = (v) => {
  if (v == null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return 'an object';
  try {
    JSON.stringify(v);
    return null;
  } catch {
    return 'JSON (no cycles or BigInt)';
  }
};

// A value as a message shows it: strings quoted (and cut), objects and
// functions by their kind, never their whole text; an array by its first
// items (one inside it as […]), so ['email', 3] shows the 3 that is wrong and
// traits given as an array are not called "an object".
export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return `[${v.slice(0, 3).map((x) => (Array.isArray(x) ? '[…]' : shown(x))).join(', ')}${v.length > 3 ? ', …' : ''}]`;
  return v && typeof v === 'object' ? 'an object' : String(v);
}

// "<name> must be <what>, not <value>" for the first argument its check (in
// `checks`, named and in the order of the arguments) refuses, or null.
export function argumentsProblem(checks: Record<string, Check>, args: unknown[]): string | null {
  const names = Object.keys(checks);
  for (let i = 0; i < names.length; i++) {
    const want = checks[names[i]!]!(args[i]);
    if (want) return `${names[i]} must be ${want}, not ${shown(args[i])}`;
  }
  return null;
}
