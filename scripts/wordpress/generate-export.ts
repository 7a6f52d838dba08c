/**
 * Writes a synthetic WXR export of about `bytes` bytes (block posts with paragraphs, a few images and
 * attachments), for the streaming test and the import bench. The file is written as a stream, so making a
 * 200 MB export costs no more memory than a 2 MB one.
 */
import fs from 'node:fs';
import { once } from 'node:events';

export interface GeneratedExport {
  posts: number;
  attachments: number;
  bytes: number;
}

export interface GenerateOptions {
  /** approximate size of the file */
  bytes: number;
  /** a number of posts instead of a size */
  maxPosts?: number;
  /** approximate size of one post's content */
  postBytes?: number;
  /** images per post (each its own attachment, listed after the post) */
  imagesPerPost?: number;
  baseUrl?: string;
}

const paragraph = (n: number) =>
  `<!-- wp:paragraph -->\n<p>Paragraph ${n} of a generated post, with <strong>bold</strong> text, <a href="https://example.org/${n}">a link</a> and enough words to look like an article that a newsroom would publish.</p>\n<!-- /wp:paragraph -->\n\n`;

/** Writes the export to `file` and says what it holds. */
export async function generateExport(
  file: string,
  options: GenerateOptions
): Promise<GeneratedExport> {
  const base = options.baseUrl ?? 'http://generated.example.com';
  const postBytes = options.postBytes ?? 20_000;
  const imagesPerPost = options.imagesPerPost ?? 0;
  const out = fs.createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated</title><link>${base}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${base}</wp:base_site_url><wp:base_blog_url>${base}</wp:base_blog_url>
`);
  let posts = 0;
  let attachments = 0;
  let nextId = 1;
  const more = () =>
    options.maxPosts !== undefined ? posts < options.maxPosts : bytes < options.bytes;
  while (more()) {
    const id = nextId++;
    posts += 1;
    const imageIds = Array.from({ length: imagesPerPost }, () => nextId++);
    let content = '';
    for (const [i, imageId] of imageIds.entries())
      content += `<!-- wp:image {"id":${imageId}} -->\n<figure class="wp-block-image"><img src="${base}/wp-content/uploads/gen/img-${imageId}.jpg" alt="Image ${i}" class="wp-image-${imageId}"/></figure>\n<!-- /wp:image -->\n\n`;
    for (let n = 0; content.length < postBytes; n += 1) content += paragraph(n);
    await write(`<item><title>Generated post ${id}</title><link>${base}/generated-post-${id}/</link><dc:creator><![CDATA[admin]]></dc:creator><guid isPermaLink="false">${base}/?p=${id}</guid>
<content:encoded><![CDATA[${content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt><wp:post_name><![CDATA[generated-post-${id}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>0</wp:is_sticky>
${imageIds.length > 0 ? `<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[${imageIds[0]}]]></wp:meta_value></wp:postmeta>` : ''}
<wp:postmeta><wp:meta_key><![CDATA[views]]></wp:meta_key><wp:meta_value><![CDATA[${id * 3}]]></wp:meta_value></wp:postmeta></item>
`);
    for (const imageId of imageIds) {
      attachments += 1;
      await write(`<item><title>img-${imageId}</title><wp:post_id>${imageId}</wp:post_id><wp:post_parent>${id}</wp:post_parent><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status><![CDATA[inherit]]></wp:status><wp:attachment_url><![CDATA[${base}/wp-content/uploads/gen/img-${imageId}.jpg]]></wp:attachment_url></item>
`);
    }
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return { posts, attachments, bytes };
}
