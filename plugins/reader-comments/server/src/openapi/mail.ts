import * as z from 'zod/v4';
import { refusal } from './index';

/**
 * Request and response declarations of the email routes (reply notifications, verification, a verified
 * guest's own data) for Strapi's OpenAPI document, keyed by handler of the `notifications` controller.
 */

const linkToken = z.string().describe('The token of the link, as the email gave it');
const linkResult = z.object({
  data: z.object({
    status: z.enum(['active', 'unsubscribed']),
    subscriptions: z.number().int().min(0).describe('Subscriptions changed'),
  }),
});
const htmlOrJson = (description: string) =>
  z
    .unknown()
    .describe(`${description} (an HTML page for a browser, JSON for Accept: application/json)`);
const linkRefusals = {
  400: refusal('A malformed or forged token'),
  403: refusal('The link expired or was already used'),
  404: refusal('No such link (or subscription)'),
};
const readerRefusals = {
  400: refusal('A malformed X-Reader-Token'),
  403: refusal('No X-Reader-Token, or one that expired or was revoked'),
};

/** The email routes' declarations, keyed by handler. */
export const mailContracts = {
  confirmPage: {
    request: { query: { token: linkToken } },
    response: htmlOrJson('What confirming does, and a button that POSTs it'),
    openapi: { responses: linkRefusals },
  },
  confirm: {
    request: { query: { token: linkToken.optional() } },
    response: linkResult,
    openapi: { responses: linkRefusals },
  },
  unsubscribePage: {
    request: { query: { token: linkToken } },
    response: htmlOrJson('A page with the unsubscribe button'),
    openapi: { responses: linkRefusals },
  },
  unsubscribe: {
    request: {
      query: { token: linkToken },
      body: {
        'application/x-www-form-urlencoded': z.object({
          'List-Unsubscribe': z.literal('One-Click').optional(),
        }),
      },
    },
    response: linkResult.describe(
      'RFC 8058 one-click unsubscribe: stops every reply notification of the address'
    ),
    openapi: { responses: linkRefusals },
  },
  verify: {
    request: {
      body: {
        'application/json': z.object({ email: z.string().describe('The address to verify') }),
      },
    },
    response: z
      .object({
        data: z.object({ requested: z.literal(true) }),
        meta: z.object({ message: z.string() }),
      })
      .describe('202 whether or not the address is known or was asked for too often'),
    openapi: {
      responses: {
        400: refusal('Not an email address'),
        404: refusal('This site sends no email'),
        429: refusal('Too many requests from this network: see Retry-After'),
      },
    },
  },
  verifyPage: {
    request: { query: { token: linkToken } },
    response: htmlOrJson('What confirming does, and a button that POSTs it'),
    openapi: { responses: linkRefusals },
  },
  verifyConfirm: {
    request: {
      query: { token: linkToken.optional() },
      body: { 'application/json': z.object({ token: linkToken.optional() }) },
    },
    response: z.object({
      data: z.object({
        readerToken: z
          .string()
          .describe('Shown once: send it as X-Reader-Token to post as a verified guest'),
        expiresAt: z.string(),
      }),
    }),
    openapi: { responses: linkRefusals },
  },
  exportOwn: {
    request: {},
    response: z
      .object({
        data: z.object({
          email: z.string().describe('The verified address (the requester’s own)'),
          comments: z.array(z.record(z.string(), z.unknown())),
          reports: z.array(z.record(z.string(), z.unknown())),
          subscriptions: z.array(
            z.object({
              commentId: z.number().int(),
              status: z.string(),
              createdAt: z.string(),
              confirmedAt: z.string().nullable(),
            })
          ),
          verifications: z.array(z.record(z.string(), z.unknown())),
        }),
      })
      .describe("The verified guest's own data (X-Reader-Token)"),
    openapi: { responses: readerRefusals },
  },
  eraseOwn: {
    request: {},
    response: z
      .object({ data: z.object({ erased: z.number().int().min(0) }) })
      .describe(
        "Erases the verified guest's comments (answered ones stay as empty placeholders), subscriptions and tokens"
      ),
    openapi: { responses: readerRefusals },
  },
} as const;
