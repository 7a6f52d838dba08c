import { z } from 'zod';

/** A content type uid (`api::article.article`). */
const uid = z
  .string()
  .regex(
    /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/,
    'must be a content type uid like "api::article.article"'
  );
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const words = z.array(z.string().max(100)).max(5000);
const limit = z.object({ points: int(1, 1_000_000), seconds: int(1, 86_400) }).strict();

/**
 * The plugin's configuration, validated when Strapi loads it: Strapi merges the app's
 * `config/plugins.ts` block over `default` (lodash `defaultsDeep`), then `validator` throws one error
 * naming every wrong key. Every default lives here.
 */
export const configSchema = z
  .object({
    /** Types whose published documents take comments, by uid. Empty by default: an app says which. */
    contentTypes: z.array(uid).max(50),
    /** Levels a thread may have (1: no replies). A reply below the deepest joins it and names whom it answers. */
    maxLevels: int(1, 10),
    /** Characters of a comment's text, after normalization. */
    text: z.object({ minLength: int(1, 1000), maxLength: int(1, 20_000) }).strict(),
    /** Characters of a guest's display name. */
    nameMaxLength: int(1, 200),
    /** Minutes after posting in which its author may edit or delete a comment. */
    editWindowMinutes: int(0, 7 * 24 * 60),
    /** Comments with more links than this wait for a moderator. */
    maxLinks: int(0, 100),
    /**
     * Word lists per locale (`*`: every locale), the starting lists an admin edits in the settings page:
     * a banned word refuses a comment, a suspect word holds it.
     */
    words: z.record(z.string().max(35), z.object({ banned: words, suspect: words }).strict()),
    moderation: z
      .object({
        /** Types (uids) whose comments all wait for a moderator. Single documents and tags are set in the admin. */
        preModerate: z.array(uid),
        /** Authors with fewer approved comments wait for a moderator (0: no first-time moderation). */
        trustAfter: int(0, 100),
        /** Readers' reports that hide a comment until a moderator decides (0: never hidden by reports). */
        hideAfterReports: int(0, 1000),
      })
      .strict(),
    /** Days after publication when a document closes to new comments (0: never). */
    closeAfterDays: int(0, 36_500),
    spam: z
      .object({
        /**
         * ALTCHA proof of work: each post carries a solved challenge from `GET /api/reader-comments/challenge`,
         * bound to the document and accepted once. `cost` is the PBKDF2 iterations per attempt.
         */
        altcha: z
          .object({
            enabled: z.boolean(),
            cost: int(1, 1_000_000),
            maxNumber: int(1, 10_000_000),
            expiresSeconds: int(1, 86_400),
          })
          .strict(),
        /** A form field people leave empty (hidden from them); a post that fills it is refused. */
        honeypotField: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/),
        /** Posts sooner than this after the form was shown (from the challenge's time) are refused. */
        minFillSeconds: int(0, 3600),
        /** The same text from the same author (or address) inside this window is refused as a duplicate. */
        duplicateWindowSeconds: int(0, 7 * 86_400),
        /**
         * Akismet (off: null). Enabling it sends each comment's text, author name and email, the poster's
         * IP address and user agent to Akismet. `endpoint` defaults to Akismet's comment-check URL.
         */
        akismet: z
          .object({
            key: z.string().min(1).max(200),
            site: z.string().url(),
            endpoint: z.string().url().optional(),
            timeoutMs: int(100, 30_000).optional(),
          })
          .strict()
          .nullable(),
        /**
         * Cloudflare Turnstile (off: null): each post carries the widget's token (`cf-turnstile-response`),
         * verified with `secret`; the poster's IP address is sent with it. `endpoint` defaults to siteverify.
         */
        turnstile: z
          .object({
            secret: z.string().min(1).max(200),
            endpoint: z.string().url().optional(),
            timeoutMs: int(100, 30_000).optional(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    /** Posting limits, per hashed address, per signed-in user, per document. */
    rateLimits: z.object({ address: limit, user: limit, document: limit }).strict(),
    /** Shared state for several instances (nonces, rate limits); without it, in the database and in memory. */
    redis: z
      .object({ url: z.string(), keyPrefix: z.string().max(100) })
      .strict()
      .nullable(),
    /** Days an address hash (and the secret that made it) is kept. */
    retentionDays: int(1, 3650),
    /**
     * Grant the Users & Permissions Public and Authenticated roles reading (`publicRead`) and posting
     * (`publicPost`) at startup; only missing permissions are added, nothing an admin changed is undone.
     */
    publicRead: z.boolean(),
    /** Add `comments: { count }` to the commented types' own REST responses (one query per response). */
    decorateResponses: z.boolean(),
    publicPost: z.boolean(),
    /** Page sizes of top-level comments, and replies shown per thread before "more replies". */
    pageSize: z.object({ default: int(1, 100), max: int(1, 100), replies: int(0, 100) }).strict(),
    /**
     * Email (reply notifications, verification links, moderator digests), sent after the commit by a
     * sender loop from an outbox table. `enabled: 'auto'`: on when the app configured an email provider
     * other than Strapi's default `sendmail`; off, the plugin sends nothing and says so once at startup.
     */
    mail: z
      .object({
        enabled: z.union([z.literal('auto'), z.boolean()]),
        /** Sender address; null: the email plugin's `settings.defaultFrom`. */
        from: z.string().max(254).nullable(),
        /** The site's name in subjects and texts. */
        siteName: z.string().min(1).max(100),
        /** How often each instance looks for due messages (fractions allowed). */
        pollSeconds: z.number().min(0.1).max(3600),
        /** Messages one look sends at most. */
        batchSize: int(1, 500),
        /** Attempts before a message is given up (recorded as `failed`, logged as an error). */
        maxAttempts: int(1, 100),
        /** Wait before the first retry (fractions allowed); doubled after each failure, at most an hour. */
        retrySeconds: z.number().min(0.1).max(3600),
        /** How long a claimed message is left to its sender before another instance may take it. */
        leaseSeconds: int(5, 3600),
        /** Days sent, skipped and failed messages are kept (without recipient once sent). */
        keepDays: int(1, 365),
      })
      .strict(),
    /** Where links in emails lead. */
    links: z
      .object({
        /** The API's public URL for confirm and unsubscribe links; null: Strapi's `server.url` (absolute). */
        apiUrl: z.string().url().nullable(),
        /** The frontend page a verification link opens (`?token=` is added); null: the API's own page. */
        verifyUrl: z.string().url().nullable(),
        /**
         * A commented document's public URL per type uid, for "read and answer" links: placeholders are
         * the document's fields and `commentId`, e.g. `https://example.com/articles/{slug}#comment-{commentId}`.
         */
        documentUrls: z.record(uid, z.string().url()),
      })
      .strict(),
    /** Reply notifications: how long a guest's confirmation link works, and confirmations per address. */
    subscriptions: z.object({ confirmHours: int(1, 24 * 30), perEmail: limit }).strict(),
    /** Verified guests (magic link): the link's and the reader token's lifetimes, and request limits. */
    verification: z
      .object({
        linkMinutes: int(1, 24 * 60),
        readerTokenDays: int(1, 3650),
        perEmail: limit,
        perAddress: limit,
      })
      .strict(),
    /** A digest of held comments to moderators, one email per interval (off while `to` is empty). */
    moderatorDigest: z
      .object({
        to: z.array(z.string().email()).max(50),
        /** Minutes between digests (fractions allowed). */
        everyMinutes: z
          .number()
          .min(0.01)
          .max(7 * 24 * 60),
      })
      .strict(),
  })
  .strict();

export type CommentsConfig = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: CommentsConfig = {
  contentTypes: [],
  maxLevels: 3,
  text: { minLength: 1, maxLength: 5000 },
  nameMaxLength: 60,
  editWindowMinutes: 15,
  maxLinks: 2,
  words: {},
  moderation: { preModerate: [], trustAfter: 0, hideAfterReports: 3 },
  closeAfterDays: 0,
  spam: {
    altcha: { enabled: true, cost: 5000, maxNumber: 1000, expiresSeconds: 1200 },
    honeypotField: 'website',
    minFillSeconds: 3,
    duplicateWindowSeconds: 600,
    akismet: null,
    turnstile: null,
  },
  rateLimits: {
    address: { points: 5, seconds: 60 },
    user: { points: 10, seconds: 60 },
    document: { points: 60, seconds: 60 },
  },
  redis: null,
  retentionDays: 30,
  publicRead: true,
  decorateResponses: true,
  publicPost: true,
  pageSize: { default: 20, max: 50, replies: 3 },
  mail: {
    enabled: 'auto',
    from: null,
    siteName: 'our site',
    pollSeconds: 5,
    batchSize: 20,
    maxAttempts: 6,
    retrySeconds: 60,
    leaseSeconds: 120,
    keepDays: 7,
  },
  links: { apiUrl: null, verifyUrl: null, documentUrls: {} },
  subscriptions: { confirmHours: 48, perEmail: { points: 3, seconds: 3600 } },
  verification: {
    linkMinutes: 30,
    readerTokenDays: 365,
    perEmail: { points: 3, seconds: 3600 },
    perAddress: { points: 10, seconds: 3600 },
  },
  moderatorDigest: { to: [], everyMinutes: 60 },
};

/** Throws one error naming every key that is wrong, e.g. `reader-comments config: maxLevels: Too big: …`. */
export function validateConfig(config: unknown): asserts config is CommentsConfig {
  const result = configSchema.safeParse(config);
  if (result.success) {
    if (result.data.text.minLength > result.data.text.maxLength)
      throw new Error('reader-comments config: text.minLength is greater than text.maxLength');
    if (result.data.pageSize.default > result.data.pageSize.max)
      throw new Error('reader-comments config: pageSize.default is greater than pageSize.max');
    return;
  }
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`
  );
  throw new Error(`reader-comments config: ${problems.join('; ')}`);
}

export default {
  default: DEFAULT_CONFIG,
  validator: validateConfig,
};
