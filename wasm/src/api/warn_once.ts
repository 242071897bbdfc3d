// The SDK's console warnings ("cairn: ..."), each text once per page: a call
// repeated in a loop or on every render warns once, not a flood. At most
// MAX_WARNINGS distinct texts, so a page cannot grow the set without bound.
const MAX_WARNINGS = 100;
const warned = new Set<string>();

// `log`: console.error for what stops the SDK from working at all.
export function warnOnce(message: string, log = console.warn): void {
  if (warned.has(message) || warned.size >= MAX_WARNINGS) return;
  warned.add(message);
  log('cairn: ' + message);
}
