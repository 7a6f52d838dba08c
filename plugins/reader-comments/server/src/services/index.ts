import addressHash from './address-hash';
import challenge from './challenge';
import comments from './comments';
import counts from './counts';
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
