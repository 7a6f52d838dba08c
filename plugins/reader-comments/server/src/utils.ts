import type { Core } from '@strapi/strapi';
import type { CommentsConfig } from './config';
import type { AddressHashService } from './services/address-hash';
import type { ChallengeService } from './services/challenge';
import type { CommentsService } from './services/comments';
import type { CountsService } from './services/counts';
import type { MailService } from './services/mail';
import type { OutboxService } from './services/outbox';
import type { NotificationsService } from './services/notifications';
import type { ReadersService } from './services/readers';
import type { DigestService } from './services/digest';
import type { ModerationService } from './services/moderation';
import type { PersonalDataService } from './services/personal-data';
import type { RateLimitsService } from './services/rate-limits';
import type { RedisService } from './services/redis';
import type { SubjectsService } from './services/subjects';
import type { ThreadsService } from './services/threads';
import type { SettingsService } from './services/settings';
import type { SpamCheckService } from './services/spam-check';
import type { QueueCountsService } from './services/queue-counts';

export const PLUGIN_ID = 'reader-comments';

/** The plugin's services by their public names (`strapi.plugin('reader-comments').service(name)`), typed. */
export interface ReaderCommentsServices {
  'address-hash': AddressHashService;
  challenge: ChallengeService;
  comments: CommentsService;
  counts: CountsService;
  mail: MailService;
  outbox: OutboxService;
  notifications: NotificationsService;
  readers: ReadersService;
  digest: DigestService;
  moderation: ModerationService;
  'personal-data': PersonalDataService;
  'rate-limits': RateLimitsService;
  redis: RedisService;
  subjects: SubjectsService;
  threads: ThreadsService;
  settings: SettingsService;
  'spam-check': SpamCheckService;
  'queue-counts': QueueCountsService;
}

/** One of the plugin's services, typed. */
export const getService = <Name extends keyof ReaderCommentsServices>(
  strapi: Core.Strapi,
  name: Name
): ReaderCommentsServices[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as unknown as ReaderCommentsServices[Name];

/** The validated plugin config. */
export const getConfig = (strapi: Core.Strapi): CommentsConfig =>
  strapi.config.get(`plugin::${PLUGIN_ID}`) as CommentsConfig;

/** The message of anything thrown. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
