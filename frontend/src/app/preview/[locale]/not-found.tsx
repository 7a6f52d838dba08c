/** A preview link that is forged, expired or for another page: the site's 404 page. */
export { default } from '../../[locale]/not-found';
