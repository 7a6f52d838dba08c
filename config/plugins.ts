import type { Core } from '@strapi/strapi';
import { frontendUrls } from '../src/frontend/urls';

const allowedMediaTypes = [
  'image/*',
  'video/*',
  'audio/*',
  'application/pdf',
  'text/plain',
  'text/csv',
];

const deniedTypes = [
  'image/svg+xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  // FRONTEND_URL and its path templates (ENGAGEMENT_ARTICLE_URL / COMMENTS_ARTICLE_URL as aliases)
  const site = frontendUrls((name) => env(name));
  return {
    'users-permissions': {
      config: {
        jwtSecret: env('JWT_SECRET'),
      },
    },
    engagement: {
      enabled: true,
      // The plugin is the workspace package strapi-plugin-engagement (plugins/engagement), found by name.
      // It counts nothing unless told which types to track; other settings come from the environment and
      // every default lives in plugins/engagement/server/src/config.ts.
      config: Object.fromEntries(
        Object.entries({
          contentTypes: ['api::article.article'],
          store: env('ENGAGEMENT_STORE', env('REDIS_URL') ? 'redis' : undefined),
          redis: env('REDIS_URL')
            ? {
                url: env('REDIS_URL'),
                ...(env('ENGAGEMENT_REDIS_PREFIX')
                  ? { keyPrefix: env('ENGAGEMENT_REDIS_PREFIX') }
                  : {}),
                ...(env('ENGAGEMENT_REDIS_TIMEOUT_MS')
                  ? { commandTimeoutMs: env.int('ENGAGEMENT_REDIS_TIMEOUT_MS') }
                  : {}),
              }
            : undefined,
          publicUrls: site.articleUrl ? { 'api::article.article': site.articleUrl } : undefined,
          dedupeWindowSeconds: env('ENGAGEMENT_DEDUPE_WINDOW_SECONDS')
            ? env.int('ENGAGEMENT_DEDUPE_WINDOW_SECONDS')
            : undefined,
          notFoundCacheMs: env('ENGAGEMENT_NOT_FOUND_CACHE_MS')
            ? env.int('ENGAGEMENT_NOT_FOUND_CACHE_MS')
            : undefined,
          flushIntervalMs: env('ENGAGEMENT_FLUSH_INTERVAL_MS')
            ? env.int('ENGAGEMENT_FLUSH_INTERVAL_MS')
            : undefined,
          countsCacheSeconds: env('ENGAGEMENT_COUNTS_CACHE_SECONDS')
            ? env.int('ENGAGEMENT_COUNTS_CACHE_SECONDS')
            : undefined,
          botPatterns: env('ENGAGEMENT_BOT_PATTERNS')
            ? env.array('ENGAGEMENT_BOT_PATTERNS')
            : undefined,
          // ENGAGEMENT_RATE_LIMIT_MAX=0 turns the per-IP limit off.
          rateLimit:
            env('ENGAGEMENT_RATE_LIMIT_MAX') || env('ENGAGEMENT_RATE_LIMIT_MAX_CLIENTS')
              ? {
                  ...(env('ENGAGEMENT_RATE_LIMIT_MAX')
                    ? {
                        enabled: env.int('ENGAGEMENT_RATE_LIMIT_MAX', 0) > 0,
                        max: Math.max(1, env.int('ENGAGEMENT_RATE_LIMIT_MAX', 0)),
                      }
                    : {}),
                  ...(env('ENGAGEMENT_RATE_LIMIT_MAX_CLIENTS')
                    ? { maxClients: env.int('ENGAGEMENT_RATE_LIMIT_MAX_CLIENTS') }
                    : {}),
                }
              : undefined,
          dedupeMaxVisitors: env('ENGAGEMENT_DEDUPE_MAX_VISITORS')
            ? env.int('ENGAGEMENT_DEDUPE_MAX_VISITORS')
            : undefined,
          // The same switch as the app's own public read access (config/publishing.ts).
          publicRead: env('PUBLIC_READ_ACCESS') ? env.bool('PUBLIC_READ_ACCESS', true) : undefined,
        }).filter(([, value]) => value !== undefined)
      ),
    },
    thumbnails: {
      // THUMBNAILS_ENABLED=false turns the plugin off (the bench compares uploads with and without it).
      enabled: env.bool('THUMBNAILS_ENABLED', true),
      // The workspace package strapi-plugin-thumbnails (plugins/thumbnails), found by name.
      // Only what the environment sets is passed; every default lives in plugins/thumbnails/server/src/config.
      config: {
        ...(env('THUMBNAILS_FORMATS') ? { formats: env.array('THUMBNAILS_FORMATS') } : {}),
        ...(env('THUMBNAILS_MAX_INPUT_PIXELS')
          ? { maxInputPixels: env.int('THUMBNAILS_MAX_INPUT_PIXELS') }
          : {}),
        ...(env('THUMBNAILS_CONCURRENCY')
          ? { concurrency: env.int('THUMBNAILS_CONCURRENCY') }
          : {}),
        ...(env('THUMBNAILS_WEBP_EFFORT')
          ? { webp: { effort: env.int('THUMBNAILS_WEBP_EFFORT') } }
          : {}),
        ...(env('THUMBNAILS_AVIF_EFFORT')
          ? { avif: { effort: env.int('THUMBNAILS_AVIF_EFFORT') } }
          : {}),
      },
    },
    'reader-comments': {
      enabled: true,
      // The workspace package strapi-plugin-reader-comments (plugins/reader-comments), found by name.
      // Comments on articles; only what the environment sets is passed besides, every other default lives
      // in plugins/reader-comments/server/src/config.ts.
      config: {
        contentTypes: ['api::article.article'],
        ...(env('REDIS_URL')
          ? {
              redis: {
                url: env('REDIS_URL'),
                keyPrefix: env('COMMENTS_REDIS_PREFIX', 'reader-comments:'),
              },
            }
          : {}),
        ...(env('COMMENTS_TRUST_AFTER')
          ? { moderation: { trustAfter: env.int('COMMENTS_TRUST_AFTER') } }
          : {}),
        ...(env('COMMENTS_CLOSE_AFTER_DAYS')
          ? { closeAfterDays: env.int('COMMENTS_CLOSE_AFTER_DAYS') }
          : {}),
        ...(env('COMMENTS_EDIT_WINDOW_MINUTES')
          ? { editWindowMinutes: env.int('COMMENTS_EDIT_WINDOW_MINUTES') }
          : {}),
        spam: {
          ...(env('COMMENTS_MIN_FILL_SECONDS')
            ? { minFillSeconds: env.int('COMMENTS_MIN_FILL_SECONDS') }
            : {}),
          ...(env('COMMENTS_ALTCHA_COST') || env('COMMENTS_ALTCHA_MAX_NUMBER')
            ? {
                altcha: {
                  ...(env('COMMENTS_ALTCHA_COST') ? { cost: env.int('COMMENTS_ALTCHA_COST') } : {}),
                  ...(env('COMMENTS_ALTCHA_MAX_NUMBER')
                    ? { maxNumber: env.int('COMMENTS_ALTCHA_MAX_NUMBER') }
                    : {}),
                },
              }
            : {}),
        },
        ...(env('COMMENTS_SITE_NAME') ||
        env('COMMENTS_MAIL_POLL_SECONDS') ||
        env('COMMENTS_MAIL_RETRY_SECONDS')
          ? {
              mail: {
                ...(env('COMMENTS_SITE_NAME') ? { siteName: env('COMMENTS_SITE_NAME') } : {}),
                ...(env('COMMENTS_MAIL_POLL_SECONDS')
                  ? { pollSeconds: env.float('COMMENTS_MAIL_POLL_SECONDS') }
                  : {}),
                ...(env('COMMENTS_MAIL_RETRY_SECONDS')
                  ? { retrySeconds: env.float('COMMENTS_MAIL_RETRY_SECONDS') }
                  : {}),
              },
            }
          : {}),
        // Links in emails: the API's public URL (default: server.url) and the article pages.
        links: {
          ...(env('PUBLIC_API_URL') ? { apiUrl: env('PUBLIC_API_URL') } : {}),
          ...(env('COMMENTS_VERIFY_URL') ? { verifyUrl: env('COMMENTS_VERIFY_URL') } : {}),
          ...(site.commentUrl ? { documentUrls: { 'api::article.article': site.commentUrl } } : {}),
        },
        ...(env('COMMENTS_DIGEST_TO')
          ? {
              moderatorDigest: {
                to: env.array('COMMENTS_DIGEST_TO'),
                everyMinutes: env.float('COMMENTS_DIGEST_EVERY_MINUTES', 60),
              },
            }
          : {}),
        ...(env('COMMENTS_RATE_LIMIT_ADDRESS')
          ? {
              rateLimits: {
                address: { points: env.int('COMMENTS_RATE_LIMIT_ADDRESS'), seconds: 60 },
              },
            }
          : {}),
      },
    },
    // Email through an SMTP server when SMTP_HOST is set (reply notifications, verification links and
    // moderator digests of the comments plugin); without it Strapi keeps its default provider and the
    // comments plugin sends nothing.
    ...(env('SMTP_HOST')
      ? {
          email: {
            config: {
              provider: 'nodemailer',
              providerOptions: {
                host: env('SMTP_HOST'),
                port: env.int('SMTP_PORT', 587),
                secure: env.bool('SMTP_SECURE', false),
                ...(env('SMTP_USER')
                  ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD') } }
                  : {}),
              },
              settings: {
                defaultFrom: env('EMAIL_FROM', 'Comments <no-reply@example.com>'),
                defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'no-reply@example.com')),
              },
            },
          },
        }
      : {}),
    graphql: {
      // GRAPHQL_ENABLED=false serves no /graphql (the app and both plugins work without it).
      enabled: env.bool('GRAPHQL_ENABLED', true),
      config: {
        endpoint: '/graphql',
        // The playground only outside production; introspection stays on (frontends generate types from it).
        landingPage: env('NODE_ENV') !== 'production',
        apolloServer: { introspection: true },
        depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
        defaultLimit: env.int('GRAPHQL_DEFAULT_LIMIT', 25),
        maxLimit: env.int('GRAPHQL_MAX_LIMIT', 100),
      },
    },
    upload: {
      config: {
        sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 50 * 1024 * 1024),
        security: {
          allowedTypes: allowedMediaTypes,
          deniedTypes,
        },
      },
    },
  };
};

export default config;
