import { Box, Tabs } from '@strapi/design-system';
import { Layouts, Page, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { MODERATION_QUEUES, type ModerationQueue } from '../../../shared/contracts';
import { PERMISSIONS, t } from '../pluginId';
import { QUEUE_LABELS } from '../utils/labels';
import { LogView } from './LogView';
import { QueueView } from './QueueView';

type Tab = ModerationQueue | 'log';
const TABS: readonly Tab[] = [...MODERATION_QUEUES, 'log'];

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
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.moderate);
  const [{ query }, setQuery] = useQueryParams<{ tab?: string; page?: string; pageSize?: string }>(
    DEFAULT_QUERY
  );

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canModerate) return <Page.NoPermissions />;

  const tab: Tab = TABS.includes(query.tab as Tab) ? (query.tab as Tab) : 'pending';
  const page = positive(query.page, 1);
  const pageSize = positive(query.pageSize, 20, 100);
  const title = formatMessage({ id: t('page.title'), defaultMessage: 'Comments' });

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
        <Tabs.Root
          variant="simple"
          value={tab}
          onValueChange={(next: string) => setQuery({ tab: next, page: '1' })}
        >
          <Tabs.List aria-label={formatMessage({ id: t('page.tabs'), defaultMessage: 'Queues' })}>
            {MODERATION_QUEUES.map((queue) => (
              <Tabs.Trigger key={queue} value={queue}>
                {formatMessage(QUEUE_LABELS[queue])}
              </Tabs.Trigger>
            ))}
            <Tabs.Trigger value="log">
              {formatMessage({ id: t('tab.log'), defaultMessage: 'Log' })}
            </Tabs.Trigger>
          </Tabs.List>
          {MODERATION_QUEUES.map((queue) => (
            <Tabs.Content key={queue} value={queue}>
              {/* Radix renders only the open tab's content, so only that queue is fetched */}
              <Box paddingTop={4}>
                <QueueView queue={queue} page={page} pageSize={pageSize} />
              </Box>
            </Tabs.Content>
          ))}
          <Tabs.Content value="log">
            <Box paddingTop={4}>
              <LogView page={page} pageSize={pageSize} />
            </Box>
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ModerationPage;
