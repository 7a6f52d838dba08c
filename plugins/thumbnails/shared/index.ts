/**
 * The plugin's contracts with apps and with its own admin (`strapi-plugin-thumbnails/shared`), in the
 * manner of Strapi's own plugins' `shared/contracts`: the server and the admin import them from here.
 */
export * from './contracts';
export * from './provenance';
