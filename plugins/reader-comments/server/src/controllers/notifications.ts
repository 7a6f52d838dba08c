import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { escapeHtml } from '../lib/mail';
import { getService } from '../utils';

/** The token of a link: `?token=` (the link itself, and a form posting back to it) or the body's `token`. */
const tokenOf = (ctx: Context): unknown => {
  const body = (ctx.request as { body?: unknown }).body as { token?: unknown } | undefined;
  return ctx.query.token ?? body?.token;
};

/** Whether the client wants JSON rather than a page (an API client, a frontend's fetch). */
const wantsJson = (ctx: Context): boolean =>
  ctx.accepts(['html', 'json']) === 'json' || !ctx.get('accept');

/**
 * A small page for a link opened in a browser: what it does, and a button that POSTs it. A GET never
 * changes anything (mail scanners open links), the POST does.
 */
function page(ctx: Context, title: string, text: string, button?: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.type = 'html';
  const form = button
    ? `<form method="post"><button type="submit">${escapeHtml(button)}</button></form>`
    : '';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}</body></html>`;
}

/** Answers a link's POST as JSON, or as a page when a browser form sent it. */
function done(ctx: Context, body: unknown, title: string, text: string): void {
  ctx.set('Cache-Control', 'no-store');
  if (ctx.is('application/json') || wantsJson(ctx)) ctx.body = body;
  else page(ctx, title, text);
}

/**
 * Handlers of the email routes: confirming a subscription, unsubscribing (RFC 8058 one-click POST, or a
 * page on GET), asking for a verification link, using it, and a verified guest's own data requests.
 */
const notificationsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const notifications = () => getService(strapi, 'notifications');
  const readers = () => getService(strapi, 'readers');

  /** The verified guest of the request's `X-Reader-Token`, else 403 with a message. */
  const readerOf = (ctx: Context) => {
    const token = ctx.get('x-reader-token');
    if (!token)
      throw new errors.PolicyError(
        'Send your reader token in X-Reader-Token (from a verification link)'
      );
    return readers().identify(token);
  };

  return {
    /** GET /mail/subscriptions/confirm?token= — a page (or JSON) that says what confirming does. */
    async confirmPage(ctx: Context) {
      await notifications().checkConfirm(tokenOf(ctx));
      if (wantsJson(ctx)) ctx.body = { data: { status: 'pending' } };
      else
        page(
          ctx,
          'Confirm reply notifications',
          'You will get an email when someone replies to your comment.',
          'Confirm'
        );
    },

    /** POST /mail/subscriptions/confirm?token= — confirms a subscription (double opt-in). */
    async confirm(ctx: Context) {
      const result = await notifications().confirm(tokenOf(ctx));
      done(ctx, result, 'Confirmed', 'You will get an email when someone replies to your comment.');
    },

    /** GET /mail/subscriptions/unsubscribe?token= — a page (or JSON) with the unsubscribe button. */
    async unsubscribePage(ctx: Context) {
      await notifications().unsubscribe(tokenOf(ctx), true);
      if (wantsJson(ctx)) ctx.body = { data: { status: 'subscribed' } };
      else
        page(
          ctx,
          'Unsubscribe',
          'Stop every reply notification sent to this address.',
          'Unsubscribe'
        );
    },

    /** POST /mail/subscriptions/unsubscribe?token= — one click (RFC 8058) or the page's button. */
    async unsubscribe(ctx: Context) {
      const result = await notifications().unsubscribe(tokenOf(ctx));
      done(ctx, result, 'Unsubscribed', 'You will get no more reply notifications.');
    },

    /** POST /verify { email } — 202 whatever the address; the link goes out by email if allowed. */
    async verify(ctx: Context) {
      if (!getService(strapi, 'mail').isOn())
        throw new errors.NotFoundError('This site sends no email, so addresses cannot be verified');
      const body = (ctx.request as { body?: unknown }).body as { email?: unknown } | undefined;
      const addressHash = await getService(strapi, 'address-hash').hash(ctx.request.ip);
      const wait = await getService(strapi, 'mail').retryAfter('verify-address', addressHash);
      if (wait > 0) {
        ctx.set('Retry-After', String(wait));
        throw new errors.RateLimitError(
          `Too many verification requests from your network: try again in ${wait} s`,
          { retryAfter: wait }
        );
      }
      await readers().requestLink(body?.email);
      ctx.status = 202;
      ctx.body = {
        data: { requested: true },
        meta: { message: 'If the address can receive email, a link is on its way.' },
      };
    },

    /** GET /readers/verify/confirm?token= — the page a verification link opens when no frontend page is set. */
    async verifyPage(ctx: Context) {
      await readers().checkLink(tokenOf(ctx));
      if (wantsJson(ctx)) ctx.body = { data: { status: 'unused' } };
      else
        page(
          ctx,
          'Confirm your email address',
          'Confirming gives this browser a reader token for commenting as a verified guest.',
          'Confirm'
        );
    },

    /** POST /readers/verify/confirm { token } — uses a verification link; answers the reader token once. */
    async verifyConfirm(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await readers().confirmLink(tokenOf(ctx));
    },

    /** GET /readers/me/data — everything kept about the verified guest (their own data only). */
    async exportOwn(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await readers().exportOwn(await readerOf(ctx));
    },

    /** DELETE /readers/me/data — erases the verified guest's comments, subscriptions and tokens. */
    async eraseOwn(ctx: Context) {
      ctx.body = await readers().eraseOwn(await readerOf(ctx));
    },
  };
};

export default notificationsController;
