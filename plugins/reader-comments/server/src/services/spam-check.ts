import type { Core } from '@strapi/strapi';
import {
  akismetAdapter,
  runAdapters,
  turnstileAdapter,
  type SpamAdapter,
  type SpamDecision,
} from '../lib/spam-adapters';
import type { Subject } from './subjects';
import { getConfig, PLUGIN_ID } from '../utils';

/** What the controller knows of the request that the adapters may need. */
export interface SpamCheckRequest {
  ip: string;
  userAgent: string;
  referrer?: string;
  turnstileToken?: string;
}

/**
 * The optional spam adapters of `spam.akismet` and `spam.turnstile` (both off by default), run on every
 * post after the content rules. Without either it answers `pass` at once.
 */
const createSpamCheckService = ({ strapi }: { strapi: Core.Strapi }) => {
  const adapters = (): SpamAdapter[] => {
    const { akismet, turnstile } = getConfig(strapi).spam;
    return [
      ...(turnstile ? [turnstileAdapter(turnstile)] : []),
      ...(akismet ? [akismetAdapter(akismet)] : []),
    ];
  };

  return {
    /** Whether any adapter is configured. */
    enabled(): boolean {
      return adapters().length > 0;
    },

    /** The adapters' decision on a post; a failing adapter is logged and the comment held. */
    async check(
      subject: Subject,
      input: SpamCheckRequest & { text: string; authorName: string; authorEmail: string | null }
    ): Promise<SpamDecision> {
      const configured = adapters();
      if (configured.length === 0) return { verdict: 'pass' };
      const decision = await runAdapters(
        configured,
        { ...input, locale: subject.locale || undefined },
        fetch
      );
      if (decision.verdict === 'hold')
        strapi.log.warn(
          `[${PLUGIN_ID}] a comment on ${subject.uid} ${subject.documentId} waits for a moderator: ${decision.detail}`
        );
      return decision;
    },
  };
};

export type SpamCheckService = ReturnType<typeof createSpamCheckService>;
export default createSpamCheckService;
