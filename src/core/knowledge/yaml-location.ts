import { type Document, isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';

/** A YAML document with positions, so a problem can name its line. */
interface LocatedFile {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** A knowledge file being validated: its text, and its YAML document once someone needs it. */
export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  /** Built on first need: always for fresh text, only on problems for cached text. */
  located?: LocatedFile;
}

/** The file's YAML document with positions, parsed once. */
export function locate(parsed: ParsedFile): LocatedFile {
  if (!parsed.located) {
    const lines = new LineCounter();
    const doc = parseDocument(parsed.text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
    parsed.located = { doc, lines };
  }
  return parsed.located;
}

/** The 1-based line of the deepest node on the path that exists (a missing field points at its parent). */
export function lineOf(parsed: ParsedFile, parts: readonly (string | number)[]): number {
  const { doc, lines } = locate(parsed);
  let node: unknown = doc.contents;
  let offset = 0;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isNode(item.key) && String(item.key.toJSON()) === String(part),
      );
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!isNode(item)) break;
      node = item;
      if (item.range) offset = item.range[0];
    } else {
      break;
    }
  }
  if (offset === 0 && isNode(node) && node.range) offset = node.range[0];
  return lines.linePos(offset).line;
}

/** `agreements[3].signed`, the way people read a path into a YAML file. */
export function formatPath(parts: readonly (string | number)[]): string {
  return parts
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** The raw value at a zod issue path, to tell a missing field from a malformed one. */
export function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Reflect.get(node, part);
  }
  return node;
}
