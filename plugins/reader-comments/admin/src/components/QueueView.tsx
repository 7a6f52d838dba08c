import * as React from 'react';
import {
  Button,
  Checkbox,
  Flex,
  Table,
  Tbody,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import {
  MODERATION_ACTIONS,
  type BlockBy,
  type ModeratedComment,
  type ModerationAction,
  type ModerationQueue,
  type ModerationQueuePage,
} from '../../../shared/contracts';
import { t } from '../pluginId';
import { blockAuthor, editComment, fetchQueue, moderate, serverMessage } from '../utils/api';
import { ACTION_DONE, ACTION_LABELS } from '../utils/labels';
import { BlockDialog, EditDialog, RemoveDialog } from './CommentDialogs';
import { CommentRow } from './CommentRow';
import { ListLoading, ListMessage, ListPagination } from './ListParts';

type OpenDialog =
  | { kind: 'edit'; comment: ModeratedComment }
  | { kind: 'block'; comment: ModeratedComment; by: BlockBy }
  | { kind: 'remove'; ids: number[] };

/** Tells the moderator what happened, or the server's reason for refusing. */
const useReport = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  return {
    done: (message: string) => toggleNotification({ type: 'success', message }),
    failed: (error: unknown) =>
      toggleNotification({
        type: 'danger',
        message:
          serverMessage(error) ??
          formatMessage({
            id: t('notification.failed'),
            defaultMessage: 'The server did not answer. Try again.',
          }),
      }),
  };
};

/**
 * One queue: a page of comments with a checkbox each, the decisions for one comment or for the selected
 * ones, edit and block dialogs, and pagination (`page`/`pageSize` in the address, as Strapi's lists do).
 * After every change the page is fetched again, so a decided comment leaves a queue it no longer belongs to.
 */
export const QueueView = ({
  queue,
  page,
  pageSize,
  document,
  onChanged,
}: {
  queue: ModerationQueue;
  page: number;
  pageSize: number;
  /** Only this document's comments (from the edit view's link). */
  document?: { uid: string; documentId: string };
  /** Called after each change, so the tabs' counts follow. */
  onChanged?: () => void;
}) => {
  const { formatMessage } = useIntl();
  const report = useReport();
  const [result, setResult] = React.useState<ModerationQueuePage | null>(null);
  const [failed, setFailed] = React.useState(false);
  const [reloads, setReloads] = React.useState(0);
  const [selected, setSelected] = React.useState<Set<number>>(new Set());
  const [dialog, setDialog] = React.useState<OpenDialog | null>(null);
  const reload = () => {
    setReloads((count) => count + 1);
    onChanged?.();
  };

  React.useEffect(() => {
    let live = true;
    setFailed(false);
    fetchQueue(queue, page, pageSize, document).then(
      (next) => {
        if (!live) return;
        setResult(next);
        // keep only the selected comments still on the page
        setSelected(
          (previous) =>
            new Set(
              next.data.filter((comment) => previous.has(comment.id)).map((comment) => comment.id)
            )
        );
      },
      (error: unknown) => {
        if (!live) return;
        setFailed(true);
        report.failed(error);
      }
    );
    return () => {
      live = false;
    };
    // `report` is rebuilt on every render; the fetch depends only on what it asks for
  }, [queue, page, pageSize, reloads, document?.uid, document?.documentId]);

  const act = async (
    ids: number[],
    action: ModerationAction,
    reason?: string
  ): Promise<boolean> => {
    try {
      await moderate(ids, action, reason);
      report.done(formatMessage(ACTION_DONE[action], { count: ids.length }));
      setSelected(new Set());
      reload();
      return true;
    } catch (error) {
      report.failed(error);
      return false;
    }
  };
  /** Removing asks first; the other decisions are taken at once (and can be changed back from their queue). */
  const decide = (ids: number[], action: ModerationAction) =>
    action === 'remove' ? setDialog({ kind: 'remove', ids }) : void act(ids, action);

  const save = async (comment: ModeratedComment, text: string, reason: string) => {
    try {
      await editComment(comment.id, text, reason);
      report.done(
        formatMessage(
          { id: t('edit.done'), defaultMessage: 'Comment {id} edited.' },
          { id: comment.id }
        )
      );
      reload();
      return true;
    } catch (error) {
      report.failed(error);
      return false;
    }
  };

  const block = async (comment: ModeratedComment, by: BlockBy, reason: string) => {
    try {
      const { data } = await blockAuthor(comment.id, by, reason || undefined);
      report.done(
        formatMessage(
          {
            id: t('block.done'),
            defaultMessage:
              '{blocked, select, user {The account} email {The email address} other {The address}} of comment {id} is blocked.',
          },
          { blocked: data.blocked, id: comment.id }
        )
      );
      reload();
      return true;
    } catch (error) {
      report.failed(error);
      return false;
    }
  };

  if (failed && !result)
    return (
      <ListMessage
        error
        message={formatMessage({
          id: t('list.error'),
          defaultMessage: 'Could not load the comments.',
        })}
      />
    );
  if (!result)
    return (
      <ListLoading
        label={formatMessage({ id: t('list.loading'), defaultMessage: 'Loading comments…' })}
      />
    );

  const { data: comments, meta } = result;
  const allSelected = comments.length > 0 && comments.every((comment) => selected.has(comment.id));
  const selectAll = (checked: boolean) =>
    setSelected(checked ? new Set(comments.map((comment) => comment.id)) : new Set());
  const toggle = (id: number, checked: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const ids = [...selected];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {ids.length > 0 ? (
        <Flex gap={2} data-testid="bulk-actions">
          <Typography variant="omega" textColor="neutral600">
            {formatMessage(
              {
                id: t('bulk.selected'),
                defaultMessage: '{count, plural, one {# comment} other {# comments}} selected',
              },
              { count: ids.length }
            )}
          </Typography>
          {MODERATION_ACTIONS.map((action) => (
            <Button
              key={action}
              size="S"
              variant={
                action === 'approve'
                  ? 'success-light'
                  : action === 'remove'
                    ? 'danger-light'
                    : 'secondary'
              }
              onClick={() => decide(ids, action)}
            >
              {formatMessage(ACTION_LABELS[action])}
            </Button>
          ))}
        </Flex>
      ) : null}

      {comments.length === 0 ? (
        <ListMessage
          testId="queue-empty"
          message={formatMessage({ id: t('list.empty'), defaultMessage: 'No comments here.' })}
        />
      ) : (
        <Table colCount={6} rowCount={comments.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Checkbox
                  aria-label={formatMessage({
                    id: t('list.selectAll'),
                    defaultMessage: 'Select all comments on this page',
                  })}
                  checked={allSelected ? true : selected.size > 0 ? 'indeterminate' : false}
                  onCheckedChange={(checked) => selectAll(checked === true)}
                />
              </Th>
              <Th>
                <Typography variant="sigma">
                  {formatMessage({ id: t('list.comment'), defaultMessage: 'Comment' })}
                </Typography>
              </Th>
              <Th>
                <Typography variant="sigma">
                  {formatMessage({ id: t('list.document'), defaultMessage: 'Document' })}
                </Typography>
              </Th>
              <Th>
                <Typography variant="sigma">
                  {formatMessage({ id: t('list.created'), defaultMessage: 'Created' })}
                </Typography>
              </Th>
              <Th>
                <Typography variant="sigma">
                  {formatMessage({ id: t('list.status'), defaultMessage: 'Status' })}
                </Typography>
              </Th>
              <Th>
                <VisuallyHidden>
                  {formatMessage({ id: t('list.actions'), defaultMessage: 'Actions' })}
                </VisuallyHidden>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {comments.map((comment) => (
              <CommentRow
                key={comment.id}
                comment={comment}
                selected={selected.has(comment.id)}
                onSelect={(checked) => toggle(comment.id, checked)}
                onAction={(action) => decide([comment.id], action)}
                onEdit={() => setDialog({ kind: 'edit', comment })}
                onBlock={(by) => setDialog({ kind: 'block', comment, by })}
              />
            ))}
          </Tbody>
        </Table>
      )}

      <ListPagination meta={meta} />

      {dialog?.kind === 'edit' ? (
        <EditDialog
          comment={dialog.comment}
          onSave={(text, reason) => save(dialog.comment, text, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'block' ? (
        <BlockDialog
          comment={dialog.comment}
          by={dialog.by}
          onBlock={(reason) => block(dialog.comment, dialog.by, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveDialog
          count={dialog.ids.length}
          onRemove={(reason) => act(dialog.ids, 'remove', reason || undefined)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Flex>
  );
};
