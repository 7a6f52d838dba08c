import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { MailMessage } from '../lib/mail';
import { withQuery } from '../lib/mail';
import { getConfig, getService, PLUGIN_ID } from '../utils';

/** What mail a reader can cause, each limited per address (`subscriptions.perEmail`, `verification.perEmail`) or per network (`verification.perAddress`). */
export type MailLimit = 'subscribe' | 'verify' | 'verify-address';

/** What the email plugin's service offers (`@strapi/email`: `send` hands the options to the provider). */
interface EmailService {
  send(options: {
    to: string | string[];
    from?: string;
    subject: string;
    text: string;
    html: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

/**
 * The plugin's side of Strapi's email plugin: whether the app can send at all, sending one message, and
 * the links emails carry (to the API's own routes, built from `links.apiUrl` or Strapi's `server.url`).
 */
const createMailService = ({ strapi }: { strapi: Core.Strapi }) => {
  const emailPlugin = () =>
    strapi.plugin('email') as unknown as { service(name: 'email'): EmailService } | undefined;

  /** Why email is off, or null when it is on. */
  const offReason = (): string | null => {
    const { enabled } = getConfig(strapi).mail;
    if (enabled === false) return '`mail.enabled` is false';
    if (!emailPlugin()) return 'the email plugin is not installed';
    if (enabled === true) return null;
    const provider = String(
      (strapi.config.get('plugin::email') as { provider?: string } | undefined)?.provider ?? ''
    ).toLowerCase();
    return provider === '' || provider === 'sendmail'
      ? "the email plugin has no provider configured (Strapi's default sendmail)"
      : null;
  };

  /** A key for the unsubscribe links' HMAC, derived from the app's keys (the same on every instance). */
  const linkKey = (): string => {
    const appKeys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
    if (appKeys.length === 0) throw new Error('server.app.keys is empty: links cannot be signed');
    return createHmac('sha256', appKeys.join(','))
      .update(`${PLUGIN_ID}:unsubscribe-links`)
      .digest('hex');
  };

  const apiBase = (): string => {
    const configured = getConfig(strapi).links.apiUrl;
    const server = (configured ??
      (strapi.config.get('server.absoluteUrl') as string | undefined) ??
      'http://localhost:1337') as string;
    const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    return `${server.replace(/\/+$/, '')}${prefix}/${PLUGIN_ID}`;
  };

  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterOf = (kind: MailLimit): RateLimiterAbstract => {
    const config = getConfig(strapi);
    const limit =
      kind === 'subscribe'
        ? config.subscriptions.perEmail
        : kind === 'verify'
          ? config.verification.perEmail
          : config.verification.perAddress;
    const keyPrefix = `mail:${kind}:${limit.points}/${limit.seconds}`;
    const known = limiters.get(keyPrefix);
    if (known) return known;
    const options = { keyPrefix, points: limit.points, duration: limit.seconds };
    const redis = getService(strapi, 'redis').client();
    const limiter = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    limiters.set(keyPrefix, limiter);
    return limiter;
  };

  const service = {
    /**
     * Counts one message of `kind` for `key` (an address hash or an author key); false when over the
     * limit (shared by instances through Redis when configured), with the seconds to wait.
     */
    async allow(kind: MailLimit, key: string): Promise<boolean> {
      return (await service.retryAfter(kind, key)) === 0;
    },

    /** Like {@link allow}: 0 when allowed, else the seconds until it would be. */
    async retryAfter(kind: MailLimit, key: string): Promise<number> {
      try {
        await limiterOf(kind).consume(key);
        return 0;
      } catch (rejection: unknown) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
    },

    /** Whether the plugin sends email (an email provider is configured, `mail.enabled` allows it). */
    isOn(): boolean {
      return offReason() === null;
    },

    /** Why the plugin sends no email, or null when it does. */
    offReason,

    /** The key unsubscribe tokens are signed with. */
    linkKey,

    /** An absolute link to one of the plugin's content-API routes, with query parameters. */
    apiLink(path: string, params: Record<string, string> = {}): string {
      const url = `${apiBase()}${path}`;
      return Object.keys(params).length > 0 ? withQuery(url, params) : url;
    },

    /** The admin's moderation queue. */
    queueLink(queue = 'pending'): string {
      const admin = (strapi.config.get('admin.absoluteUrl') as string | undefined) ?? '/admin';
      return `${admin.replace(/\/+$/, '')}/plugins/${PLUGIN_ID}?tab=${queue}`;
    },

    /** Sends one message through the email plugin (throws what the provider throws). */
    async send(to: string | string[], message: MailMessage): Promise<void> {
      const plugin = emailPlugin();
      if (!plugin) throw new Error('the email plugin is not installed');
      const { from } = getConfig(strapi).mail;
      await plugin.service('email').send({
        to,
        ...(from ? { from } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.headers ? { headers: message.headers } : {}),
      });
    },
  };
  return service;
};

export type MailService = ReturnType<typeof createMailService>;
export default createMailService;
