import type { MessageDescriptor } from 'react-intl';
import type {
  CommentStatus,
  HoldRule,
  ModerationAction,
  ModerationLogAction,
  ModerationQueue,
} from '../../../shared/contracts';
import { t } from '../pluginId';

/** The tabs' names. */
export const QUEUE_LABELS: Record<ModerationQueue, MessageDescriptor> = {
  pending: { id: t('queue.pending'), defaultMessage: 'Pending' },
  reported: { id: t('queue.reported'), defaultMessage: 'Reported' },
  spam: { id: t('queue.spam'), defaultMessage: 'Spam' },
  rejected: { id: t('queue.rejected'), defaultMessage: 'Rejected' },
  approved: { id: t('queue.approved'), defaultMessage: 'Approved' },
  all: { id: t('queue.all'), defaultMessage: 'All' },
};

export const STATUS_LABELS: Record<CommentStatus, MessageDescriptor> = {
  pending: { id: t('status.pending'), defaultMessage: 'Pending' },
  approved: { id: t('status.approved'), defaultMessage: 'Approved' },
  rejected: { id: t('status.rejected'), defaultMessage: 'Rejected' },
  spam: { id: t('status.spam'), defaultMessage: 'Spam' },
  removed: { id: t('status.removed'), defaultMessage: 'Removed' },
};

/** The badge colour of each status. */
export const STATUS_VARIANTS: Record<
  CommentStatus,
  'secondary' | 'success' | 'danger' | 'warning' | 'neutral'
> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'neutral',
  spam: 'danger',
  removed: 'neutral',
};

/** The rules that hold a comment (server/src/lib/screening.ts, and readers' reports). */
export const RULE_LABELS: Record<HoldRule, MessageDescriptor> = {
  links: { id: t('rule.links'), defaultMessage: 'Too many links' },
  'suspect-words': { id: t('rule.suspect-words'), defaultMessage: 'Suspect words' },
  'pre-moderation': { id: t('rule.pre-moderation'), defaultMessage: 'Pre-moderated' },
  'new-commenter': { id: t('rule.new-commenter'), defaultMessage: 'New commenter' },
  reports: { id: t('rule.reports'), defaultMessage: 'Reported by readers' },
  'spam-check': { id: t('rule.spam-check'), defaultMessage: 'Spam check' },
};

/** Button labels of the decisions. */
export const ACTION_LABELS: Record<ModerationAction, MessageDescriptor> = {
  approve: { id: t('action.approve'), defaultMessage: 'Approve' },
  reject: { id: t('action.reject'), defaultMessage: 'Reject' },
  spam: { id: t('action.spam'), defaultMessage: 'Mark as spam' },
  remove: { id: t('action.remove'), defaultMessage: 'Remove' },
};

/** What the notification says after a decision. */
export const ACTION_DONE: Record<ModerationAction, MessageDescriptor> = {
  approve: {
    id: t('action.approve.done'),
    defaultMessage: '{count, plural, one {# comment} other {# comments}} approved.',
  },
  reject: {
    id: t('action.reject.done'),
    defaultMessage: '{count, plural, one {# comment} other {# comments}} rejected.',
  },
  spam: {
    id: t('action.spam.done'),
    defaultMessage: '{count, plural, one {# comment} other {# comments}} marked as spam.',
  },
  remove: {
    id: t('action.remove.done'),
    defaultMessage: '{count, plural, one {# comment} other {# comments}} removed.',
  },
};

/** The log's actions. */
export const LOG_ACTION_LABELS: Record<ModerationLogAction, MessageDescriptor> = {
  approve: { id: t('log.action.approve'), defaultMessage: 'Approved' },
  reject: { id: t('log.action.reject'), defaultMessage: 'Rejected' },
  spam: { id: t('log.action.spam'), defaultMessage: 'Marked as spam' },
  remove: { id: t('log.action.remove'), defaultMessage: 'Removed' },
  edit: { id: t('log.action.edit'), defaultMessage: 'Edited' },
  'block-author': { id: t('log.action.block-author'), defaultMessage: 'Blocked the author' },
  'block-address': { id: t('log.action.block-address'), defaultMessage: 'Blocked the address' },
  erase: { id: t('log.action.erase'), defaultMessage: 'Erased (data request)' },
};
