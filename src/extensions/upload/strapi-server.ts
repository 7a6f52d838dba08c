/**
 * Credits follow the image: every upload file may have an image credit, which an article falls back to
 * when it has no `coverCredit` of its own and which images in an article's body are printed with.
 *
 * Why here: Strapi applies `src/extensions/<plugin>/strapi-server` to the plugin before it registers,
 * so the relation is part of the schema the database is built from.
 */
type UploadPlugin = { contentTypes: { file: { schema: { attributes: Record<string, unknown> } } } };

export default (plugin: UploadPlugin): UploadPlugin => {
  plugin.contentTypes.file.schema.attributes.imageCredit = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::image-credit.image-credit',
    configurable: false,
  };
  return plugin;
};
