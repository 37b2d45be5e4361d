/**
 * Reference Paths (the ASL subset used by SecondsPath, TimestampPath, TimeoutSecondsPath,
 * HeartbeatSecondsPath and InputPath): `$`, `$.a.b`, `$.a[0]`, `$['a b']`, and `$$.` for the
 * context object. The service evaluates these itself to decide, before the interpreter runs, how long
 * a Wait or a task deadline is; everything else about paths is left to the interpreter.
 */

export class ReferencePathError extends Error {
  override readonly name = 'ReferencePathError';
}

type Segment = string | number;

export function parseReferencePath(path: string): { root: '$' | '$$'; segments: Segment[] } {
  const root = path.startsWith('$$') ? '$$' : path.startsWith('$') ? '$' : undefined;
  if (!root) throw new ReferencePathError(`Reference path must start with '$': ${path}`);
  const segments: Segment[] = [];
  let rest = path.slice(root.length);
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^\.([^.[\]]+)/.exec(rest))) {
      segments.push(match[1]!);
    } else if ((match = /^\[(\d+)\]/.exec(rest))) {
      segments.push(Number(match[1]));
    } else if ((match = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest))) {
      segments.push(match[1]!.replace(/\\(.)/g, '$1'));
    } else {
      throw new ReferencePathError(`Unsupported reference path syntax: ${path}`);
    }
    rest = rest.slice(match[0].length);
  }
  return { root, segments };
}

/** Returns `undefined` when the path does not point to a value. */
export function evaluateReferencePath(path: string, input: unknown, context: unknown): unknown {
  const { root, segments } = parseReferencePath(path);
  let value: unknown = root === '$$' ? context : input;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[segment];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      if (!Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}
