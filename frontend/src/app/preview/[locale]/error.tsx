'use client';
/** A preview that cannot be rendered (the API is down): the site's error page. */
export { default } from '../../[locale]/error';
