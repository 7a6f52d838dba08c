import addressHash from './address-hash';
import challenge from './challenge';
import comments from './comments';
import counts from './counts';
import mail from './mail';
import outbox from './outbox';
import notifications from './notifications';
import readers from './readers';
import digest from './digest';
import moderation from './moderation';
import personalData from './personal-data';
import rateLimits from './rate-limits';
import redis from './redis';
import subjects from './subjects';
import threads from './threads';
import settings from './settings';
import spamCheck from './spam-check';
import queueCounts from './queue-counts';

export default {
  'address-hash': addressHash,
  challenge,
  comments,
  counts,
  mail,
  outbox,
  notifications,
  readers,
  digest,
  moderation,
  'personal-data': personalData,
  'rate-limits': rateLimits,
  redis,
  subjects,
  threads,
  settings,
  'spam-check': spamCheck,
  'queue-counts': queueCounts,
};
