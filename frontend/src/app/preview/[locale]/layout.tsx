/**
 * The root layout of Strapi's Preview routes (`/preview/{locale}/…`): the site's own, so a preview looks
 * like the page readers will see.
 */
export { default } from '../../[locale]/layout';
