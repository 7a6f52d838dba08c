/**
 * `STRAPI_URL=http://localhost:1337 npm run example:comments` — serves the comment section example on
 * PORT (default 4321). `PUBLIC_STRAPI_URL` is the Strapi address readers' browsers use, when it differs.
 */
import { startCommentSection } from './server';

const strapiUrl = process.env.STRAPI_URL ?? 'http://localhost:1337';

startCommentSection({
  strapiUrl,
  publicStrapiUrl: process.env.PUBLIC_STRAPI_URL,
  port: Number(process.env.PORT ?? 4321),
  host: process.env.HOST ?? 'localhost',
}).then(
  ({ url }) => {
    process.stdout.write(
      `Comment section example on ${url}/articles/<slug> (Strapi: ${strapiUrl})\n`
    );
  },
  (error: unknown) => {
    process.stderr.write(
      `The example could not start: ${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exit(1);
  }
);
