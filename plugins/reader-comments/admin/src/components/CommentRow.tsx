import {
  Badge,
  Box,
  Checkbox,
  Flex,
  IconButton,
  Link,
  MenuItem,
  SimpleMenu,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Check, Cross, More } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import type { BlockBy, ModeratedComment, ModerationAction } from '../../../shared/contracts';
import { t } from '../pluginId';
import { ACTION_LABELS, RULE_LABELS, STATUS_LABELS, STATUS_VARIANTS } from '../utils/labels';

/** The Content Manager's edit view of the commented document, in the comment's locale. */
const editViewOf = ({ uid, documentId, locale }: ModeratedComment['subject']) =>
  `/content-manager/collection-types/${uid}/${documentId}${locale ? `?plugins[i18n][locale]=${encodeURIComponent(locale)}` : ''}`;

export interface CommentRowProps {
  comment: ModeratedComment;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onAction: (action: ModerationAction) => void;
  onEdit: () => void;
  onBlock: (by: BlockBy) => void;
}

/** One comment of a queue: text and author, document, time, status with why it waits, and its actions. */
export const CommentRow = ({
  comment,
  selected,
  onSelect,
  onAction,
  onEdit,
  onBlock,
}: CommentRowProps) => {
  const { formatMessage, formatDate } = useIntl();
  const when = (iso: string) =>
    formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const { author, subject } = comment;
  return (
    <Tr data-testid="comment-row" data-comment-id={comment.id}>
      <Td>
        <Checkbox
          aria-label={formatMessage(
            { id: t('list.select'), defaultMessage: 'Select comment {id}' },
            { id: comment.id }
          )}
          checked={selected}
          onCheckedChange={(checked) => onSelect(checked === true)}
        />
      </Td>
      <Td style={{ whiteSpace: 'normal', maxWidth: '32rem' }}>
        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2} paddingBottom={2}>
          <Typography
            tag="p"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid="comment-text"
          >
            {comment.text}
          </Typography>
          <Typography variant="pi" textColor="neutral600" data-testid="comment-author">
            {author.name}
            {author.email ? ` · ${author.email}` : ''}
            {author.userId !== null
              ? ` · ${formatMessage({ id: t('list.user'), defaultMessage: 'user {id}' }, { id: author.userId })}`
              : ''}
          </Typography>
        </Flex>
      </Td>
      <Td style={{ whiteSpace: 'normal' }}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="pi" textColor="neutral600">
            {subject.uid}
          </Typography>
          <Link tag={RouterLink} to={editViewOf(subject)}>
            {subject.documentId}
          </Link>
          {subject.locale ? (
            <Typography variant="pi" textColor="neutral600">
              {subject.locale}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="pi">{when(comment.createdAt)}</Typography>
          {comment.editedAt ? (
            <Typography variant="pi" textColor="neutral600">
              {formatMessage(
                { id: t('list.edited'), defaultMessage: 'edited {when}' },
                { when: when(comment.editedAt) }
              )}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td style={{ whiteSpace: 'normal', maxWidth: '16rem' }}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Badge variant={STATUS_VARIANTS[comment.status]}>
            {formatMessage(STATUS_LABELS[comment.status])}
          </Badge>
          {comment.heldBy ? (
            <Box data-testid="comment-held-by">
              <Typography variant="pi" fontWeight="bold">
                {RULE_LABELS[comment.heldBy]
                  ? formatMessage(RULE_LABELS[comment.heldBy])
                  : comment.heldBy}
              </Typography>
              {comment.heldDetail ? (
                <Typography variant="pi" textColor="neutral600">
                  {`: ${comment.heldDetail}`}
                </Typography>
              ) : null}
            </Box>
          ) : null}
          {comment.reportCount > 0 ? (
            <Typography variant="pi" textColor="danger600">
              {formatMessage(
                {
                  id: t('list.reports'),
                  defaultMessage: '{count, plural, one {# report} other {# reports}}',
                },
                { count: comment.reportCount }
              )}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td>
        <Flex gap={1} justifyContent="flex-end">
          {comment.status !== 'approved' ? (
            <IconButton
              label={formatMessage(ACTION_LABELS.approve)}
              variant="ghost"
              onClick={() => onAction('approve')}
            >
              <Check />
            </IconButton>
          ) : null}
          {comment.status !== 'rejected' ? (
            <IconButton
              label={formatMessage(ACTION_LABELS.reject)}
              variant="ghost"
              onClick={() => onAction('reject')}
            >
              <Cross />
            </IconButton>
          ) : null}
          <SimpleMenu
            tag={IconButton}
            icon={<More />}
            label={formatMessage({ id: t('list.more'), defaultMessage: 'More actions' })}
            variant="ghost"
          >
            {comment.status !== 'spam' ? (
              <MenuItem onSelect={() => onAction('spam')}>
                {formatMessage(ACTION_LABELS.spam)}
              </MenuItem>
            ) : null}
            <MenuItem onSelect={onEdit}>
              {formatMessage({ id: t('action.edit'), defaultMessage: 'Edit' })}
            </MenuItem>
            <MenuItem onSelect={() => onBlock('author')}>
              {formatMessage({ id: t('action.blockAuthor'), defaultMessage: 'Block the author' })}
            </MenuItem>
            <MenuItem onSelect={() => onBlock('address')}>
              {formatMessage({ id: t('action.blockAddress'), defaultMessage: 'Block the address' })}
            </MenuItem>
            <MenuItem variant="danger" onSelect={() => onAction('remove')}>
              {formatMessage(ACTION_LABELS.remove)}
            </MenuItem>
          </SimpleMenu>
        </Flex>
      </Td>
    </Tr>
  );
};
