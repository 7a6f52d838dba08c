/**
 * Paragraphs for classic (pre-Gutenberg) posts, the way WordPress adds them when it renders a post
 * (`wpautop`): a blank line separates paragraphs, a single line break inside one becomes `<br />`,
 * block-level elements are never wrapped, and `<pre>` keeps its line breaks. Written from the rules, not
 * ported: only what changes the resulting blocks is reproduced.
 */

const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

const OPEN_OR_CLOSE_BLOCK = new RegExp(`(<${ALL_BLOCKS}[\\s/>])`, 'gi');
const CLOSE_BLOCK = new RegExp(`(</${ALL_BLOCKS}>)`, 'gi');
const STARTS_WITH_BLOCK = new RegExp(`^</?${ALL_BLOCKS}[\\s/>]`, 'i');
const ENDS_WITH_BLOCK = new RegExp(`</?${ALL_BLOCKS}[^>]*>$`, 'i');

/** Adds `<p>` and `<br />` to classic post content as WordPress renders it. */
export function wpautop(text: string): string {
  if (text.trim() === '') return '';
  // keep <pre> and <script>/<style> bodies apart: their newlines are content
  const kept: string[] = [];
  let work = text
    .replace(/\r\n?/g, '\n')
    .replace(/<(pre|script|style)[\s>][\s\S]*?<\/\1>/gi, (block) => {
      kept.push(block);
      return `<pre wp-kept="${kept.length - 1}"></pre>`;
    });
  // two <br> in a row are a paragraph break
  work = work.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  // block elements stand on their own lines
  work = work.replace(OPEN_OR_CLOSE_BLOCK, '\n\n$1').replace(CLOSE_BLOCK, '$1\n\n');
  work = work.replace(/\n\s*\n+/g, '\n\n');

  const paragraphs = work
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      if (STARTS_WITH_BLOCK.test(chunk) && ENDS_WITH_BLOCK.test(chunk)) return chunk;
      if (STARTS_WITH_BLOCK.test(chunk) || ENDS_WITH_BLOCK.test(chunk)) return chunk;
      return `<p>${chunk.replace(/\n/g, '<br />\n')}</p>`;
    });
  return paragraphs
    .join('\n')
    .replace(/<pre wp-kept="(\d+)"><\/pre>/g, (_whole, index: string) => kept[Number(index)]);
}
