import * as React from 'react';
import { Badge, Box, Flex, Link, Tabs, Typography } from '@strapi/design-system';
import { Layouts, Page, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import {
  MODERATION_QUEUES,
  type ModerationQueue,
  type QueueCounts,
} from '../../../shared/contracts';
import { PERMISSIONS, t } from '../pluginId';
import { QUEUE_LABELS } from '../utils/labels';
import { fetchQueueCounts } from '../utils/api';
import { DataRequestsView } from './DataRequestsView';
import { LogView } from './LogView';
import { QueueView } from './QueueView';

type Tab = ModerationQueue | 'log' | 'data';
const TABS: readonly Tab[] = [...MODERATION_QUEUES, 'log', 'data'];
/** The queues whose tab shows how many comments they hold. */
const COUNTED = ['pending', 'reported', 'spam'] as const;

/** The queues' counts, fetched again whenever `version` changes (after each decision). */
function useQueueCounts(version: number, enabled: boolean): QueueCounts | null {
  const [counts, setCounts] = React.useState<QueueCounts | null>(null);
  React.useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    fetchQueueCounts().then(
      (next) => live && setCounts(next),
      () => live && setCounts(null)
    );
    return () => {
      live = false;
    };
  }, [version, enabled]);
  return counts;
}

/** The address's parameters when it has none (a constant: useQueryParams memoizes on it). */
const DEFAULT_QUERY = { tab: 'pending', page: '1', pageSize: '20' };

/** A positive integer from the address, or `fallback`. */
const positive = (value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

/**
 * Comments → moderation: a tab per queue and one for the log. The tab, page and page size live in the
 * address (`?tab=reported&page=2`), so a moderator can reload, go back, or share a queue's link.
 */
export const ModerationPage = () => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC([
    ...PERMISSIONS.moderate,
    ...PERMISSIONS.configure,
  ]);
  const [{ query }, setQuery] = useQueryParams<{
    tab?: string;
    page?: string;
    pageSize?: string;
    uid?: string;
    documentId?: string;
  }>(DEFAULT_QUERY);
  const [version, setVersion] = React.useState(0);
  const counts = useQueueCounts(version, Boolean(allowedActions.canModerate));

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canModerate) return <Page.NoPermissions />;

  const tab: Tab = TABS.includes(query.tab as Tab) ? (query.tab as Tab) : 'pending';
  const page = positive(query.page, 1);
  const pageSize = positive(query.pageSize, 20, 100);
  const title = formatMessage({ id: t('page.title'), defaultMessage: 'Comments' });
  // The edit view's panel links here with the document: the queues show only its comments.
  const document =
    typeof query.uid === 'string' && typeof query.documentId === 'string'
      ? { uid: query.uid, documentId: query.documentId }
      : undefined;
  const onChanged = () => setVersion((value) => value + 1);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: t('page.subtitle'),
          defaultMessage:
            'Readers’ comments waiting for a decision, reported, or already decided, and what moderators did.',
        })}
      />
      <Layouts.Content>
        {document && (
          <Flex gap={2} paddingBottom={4} data-testid="queue-document-filter">
            <Typography textColor="neutral600">
              {formatMessage(
                {
                  id: t('page.documentFilter'),
                  defaultMessage: 'Only comments on {uid} {documentId}.',
                },
                document
              )}
            </Typography>
            <Link
              href="#"
              onClick={(event: React.MouseEvent) => {
                event.preventDefault();
                setQuery({ uid: '', documentId: '' }, 'remove');
              }}
            >
              {formatMessage({ id: t('page.allDocuments'), defaultMessage: 'Show all' })}
            </Link>
          </Flex>
        )}
        <Tabs.Root
          variant="simple"
          value={tab}
          onValueChange={(next: string) => setQuery({ tab: next, page: '1' })}
        >
          <Tabs.List aria-label={formatMessage({ id: t('page.tabs'), defaultMessage: 'Queues' })}>
            {MODERATION_QUEUES.map((queue) => (
              <Tabs.Trigger key={queue} value={queue}>
                {formatMessage(QUEUE_LABELS[queue])}
                {counts && (COUNTED as readonly string[]).includes(queue) && (
                  <Badge marginLeft={2} data-testid={`queue-count-${queue}`}>
                    {counts[queue as (typeof COUNTED)[number]]}
                  </Badge>
                )}
              </Tabs.Trigger>
            ))}
            <Tabs.Trigger value="log">
              {formatMessage({ id: t('tab.log'), defaultMessage: 'Log' })}
            </Tabs.Trigger>
            {allowedActions.canConfigure && (
              <Tabs.Trigger value="data">
                {formatMessage({ id: t('tab.data'), defaultMessage: 'Data requests' })}
              </Tabs.Trigger>
            )}
          </Tabs.List>
          {MODERATION_QUEUES.map((queue) => (
            <Tabs.Content key={queue} value={queue}>
              {/* Radix renders only the open tab's content, so only that queue is fetched */}
              <Box paddingTop={4}>
                <QueueView
                  queue={queue}
                  page={page}
                  pageSize={pageSize}
                  document={document}
                  onChanged={onChanged}
                />
              </Box>
            </Tabs.Content>
          ))}
          <Tabs.Content value="log">
            <Box paddingTop={4}>
              <LogView page={page} pageSize={pageSize} />
            </Box>
          </Tabs.Content>
          {allowedActions.canConfigure && (
            <Tabs.Content value="data">
              <Box paddingTop={4}>
                <DataRequestsView />
              </Box>
            </Tabs.Content>
          )}
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ModerationPage;
