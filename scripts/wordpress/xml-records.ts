/**
 * The streaming half of the WXR reader: turns an export of any size into a sequence of small records (one
 * per child of `<channel>`: an item, an author, a term, a site field), each a tiny element tree, while the
 * file is read chunk by chunk. Memory is bounded by the largest single record, never by the file.
 *
 * Why names are matched by their local part: WordPress.org writes `wp:` for
 * `http://wordpress.org/export/1.2/`, WordPress.com and older versions use other URIs (1.0, 1.1) and some
 * tools other prefixes; the prefix is kept only to tell `content:encoded` from `excerpt:encoded`.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** One element of a record: its local name, namespace prefix, attributes, text (CDATA included) and children. */
export interface XmlNode {
  local: string;
  prefix: string;
  /** the namespace URI its prefix was bound to on the root element ('' when unbound) */
  uri: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** Characters XML 1.0 forbids and WordPress sometimes exports (form feeds, vertical tabs pasted from Word). */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export interface RecordStreamStats {
  /** control characters removed because XML 1.0 forbids them */
  invalidCharacters: number;
}

const splitName = (name: string): { prefix: string; local: string } => {
  const colon = name.indexOf(':');
  return colon < 0
    ? { prefix: '', local: name }
    : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
};

/**
 * Reads the children of `<rss><channel>` from `chunks` (strings, decoded as UTF-8 by the caller's stream),
 * yielding each as soon as its end tag is read. The parser is fed one chunk at a time and the records
 * of that chunk are yielded before the next is read, so a slow consumer slows the reading.
 */
export async function* readRecords(
  chunks: AsyncIterable<string | Buffer>,
  stats: RecordStreamStats = { invalidCharacters: 0 }
): AsyncGenerator<XmlNode> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const namespaces: Record<string, string> = {};
  const stack: XmlNode[] = [];
  const ready: XmlNode[] = [];
  /** depth of `<channel>` in the stack, or -1 before it opens */
  let channelDepth = -1;

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const { prefix, local } = splitName(tag.name);
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      attrs[name] = String(value);
      if (name.startsWith('xmlns:')) namespaces[name.slice(6)] = String(value);
    }
    const node: XmlNode = {
      local,
      prefix,
      uri: namespaces[prefix] ?? '',
      attrs,
      text: '',
      children: [],
    };
    if (channelDepth < 0 && local === 'channel') channelDepth = stack.length;
    // only the record being read keeps its children: the channel and the root do not grow
    const parent = stack[stack.length - 1];
    if (parent && channelDepth >= 0 && stack.length > channelDepth + 1) parent.children.push(node);
    stack.push(node);
  });
  const addText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top && channelDepth >= 0 && stack.length > channelDepth + 1) top.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const node = stack.pop();
    if (node && channelDepth >= 0 && stack.length === channelDepth + 1) ready.push(node);
    if (stack.length === channelDepth) channelDepth = -1;
  });

  // a Buffer chunk may end inside a multi-byte character: the decoder keeps it for the next chunk
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    parser.write(
      text.replace(INVALID_XML_CHARS, () => {
        stats.invalidCharacters += 1;
        return '';
      })
    );
    while (ready.length > 0) yield ready.shift() as XmlNode;
  }
  parser.close();
  while (ready.length > 0) yield ready.shift() as XmlNode;
}

/** The first child named `local` (and, when given, whose prefix or URI matches `namespace`). */
export function child(node: XmlNode, local: string, namespace?: RegExp): XmlNode | undefined {
  return node.children.find(
    (c) => c.local === local && (!namespace || namespace.test(c.prefix) || namespace.test(c.uri))
  );
}

/** The text of the first child named `local`, trimmed unless `raw`; '' when absent. */
export function childText(node: XmlNode, local: string, raw = false): string {
  const found = child(node, local);
  if (!found) return '';
  return raw ? found.text : found.text.trim();
}

/** Every child named `local`. */
export function children(node: XmlNode, local: string): XmlNode[] {
  return node.children.filter((c) => c.local === local);
}
