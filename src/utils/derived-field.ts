/**
 * Decides the value of a field that is computed from other fields unless an editor wrote their own
 * (an article's excerpt, an image credit's credit line).
 *
 * The rule editors see: leave the field empty and it is kept in step with the other fields; type your own
 * text and it is kept as written; clear it again to go back to the computed value. A form that sends the
 * computed value back unchanged (the admin's edit view always sends every field) keeps it automatic.
 */
export interface DerivedFieldInput {
  /** The value in this write's data; `undefined` when the write does not touch the field. */
  incoming: string | null | undefined;
  /** The stored value before this write; `undefined` on create. */
  previous: string | null | undefined;
  /** What the computation gave for the stored entry (before this write). */
  previousDerived: string | undefined;
  /** What the computation gives for the entry as it will be after this write. */
  derived: string;
}

const isBlank = (value: string | null | undefined): boolean => value == null || value.trim() === '';

/** Returns the value to store, or `undefined` to leave the stored value as it is. */
export function resolveDerivedField({
  incoming,
  previous,
  previousDerived,
  derived,
}: DerivedFieldInput): string | undefined {
  if (incoming !== undefined) {
    if (isBlank(incoming) || incoming === previousDerived) return derived;
    return incoming as string;
  }
  if (isBlank(previous) || previous === previousDerived)
    return previous === derived ? undefined : derived;
  return undefined;
}
