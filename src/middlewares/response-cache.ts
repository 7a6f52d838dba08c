/** Registers src/response-cache/middleware.ts as `global::response-cache` (Strapi loads src/middlewares/*). */
export { default } from '../response-cache/middleware';
