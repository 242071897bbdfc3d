// The type of value an app sends for a user attribute, read from the
// catalog's examples (docs/api.md#catalog). Audience conditions compare
// without coercion (docs/guide-format.md#audience): a condition on "seats"
// with the text "42" never matches an app that sends the number 42, so the
// value a condition is typed in follows what the app sends.
import type { Catalog } from './catalog';
import type { Json } from './guide_types';

export type ValueType = 'text' | 'number' | 'boolean';

const TYPE_WORDS: Record<ValueType, string> = { text: 'text', number: 'a number', boolean: 'true/false' };

function typeOf(value: unknown): ValueType | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  return null;
}

// The one type every example of `key` has; undefined when the app has not
// sent the trait yet or sends it with mixed types.
export function traitValueType(catalog: Catalog, key: string): ValueType | undefined {
  const examples = catalog.traits.find((t) => t.key === key)?.examples ?? [];
  const types = new Set(examples.map(typeOf));
  if (types.size !== 1) return undefined;
  return [...types][0] ?? undefined;
}

// The type a condition's value has, or, before one is typed, the type the
// app sends the attribute as (text when unknown).
export function conditionValueType(catalog: Catalog, attribute: string, value: Json | undefined): ValueType {
  const sample = Array.isArray(value) ? value[0] : value;
  if (sample === undefined || sample === '') return traitValueType(catalog, attribute) ?? 'text';
  return typeOf(sample) ?? 'text';
}

// Said under the value when it can never equal what the app sends.
export function valueTypeWarning(catalog: Catalog, attribute: string, value: Json | undefined): string | null {
  const sent = traitValueType(catalog, attribute);
  const chosen = conditionValueType(catalog, attribute, value);
  if (!sent || sent === chosen) return null;
  return `Your app sends “${attribute}” as ${TYPE_WORDS[sent]}; this value is ${TYPE_WORDS[chosen]}, so it never matches. Change the value type.`;
}
