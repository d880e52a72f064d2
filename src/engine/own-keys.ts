/**
 * Objects keyed by what a person typed (node ids, event type names). A plain `{}` already
 * "has" `constructor`, `toString` and the rest of Object.prototype, and assigning to
 * `__proto__` replaces its prototype instead of adding an entry; a null-prototype object has
 * neither problem and still serialises (JSON, structured clone) as an ordinary object.
 */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry stored under `key` itself, never one inherited from Object.prototype. */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
