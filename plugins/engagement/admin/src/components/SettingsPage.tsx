import * as React from 'react';
import {
  Badge,
  Box,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ALL_PERMISSIONS, t } from '../pluginId';
import type { EngagementSettings, FlushHealth } from '../../../shared/contracts';
import { fetchSettings } from '../utils/api';

const display = (value: unknown): string => {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Last successful flush, fields still pending, and the last error with the keys the database refused. */
const FlushHealthBox = ({ health }: { health: FlushHealth }) => {
  const { formatMessage, formatDate, formatNumber } = useIntl();
  const when = (iso: string) =>
    formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <Box
      background="neutral0"
      padding={6}
      shadow="filterShadow"
      hasRadius
      data-testid="engagement-flush-health"
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2}>
          <Typography variant="delta" tag="h2">
            {formatMessage({
              id: t('settings.health'),
              defaultMessage: 'Writing counts to the database',
            })}
          </Typography>
          {health.lastError && health.lastError.keys.length > 0 ? (
            <Badge variant="danger">
              {formatMessage({ id: t('settings.health.refused'), defaultMessage: 'Rows refused' })}
            </Badge>
          ) : null}
        </Flex>
        <Typography tag="p">
          {formatMessage(
            {
              id: t('settings.health.lastSuccess'),
              defaultMessage: 'Last successful write: {when}',
            },
            { when: health.lastSuccessAt ? when(health.lastSuccessAt) : '—' }
          )}
        </Typography>
        <Typography tag="p">
          {formatMessage(
            {
              id: t('settings.health.pending'),
              defaultMessage: 'Counts waiting to be written: {count}',
            },
            { count: formatNumber(health.pendingFields) }
          )}
        </Typography>
        <Typography
          tag="p"
          textColor={
            health.buffer.store === 'redis' && !health.buffer.reachable ? 'danger600' : undefined
          }
          data-testid="engagement-buffer"
        >
          {health.buffer.store === 'memory'
            ? formatMessage({
                id: t('settings.health.memory'),
                defaultMessage: 'Counts wait in this instance’s memory.',
              })
            : health.buffer.reachable
              ? formatMessage({
                  id: t('settings.health.redis'),
                  defaultMessage: 'Counts wait in Redis, shared by every instance.',
                })
              : formatMessage({
                  id: t('settings.health.redisDown'),
                  defaultMessage:
                    'Redis does not answer: this instance counts in its own memory until it does.',
                })}
        </Typography>
        {health.lastError ? (
          <Typography tag="p" textColor="danger600">
            {formatMessage(
              {
                id: t('settings.health.lastError'),
                defaultMessage: 'Last error ({when}): {message}{keys}',
              },
              {
                when: when(health.lastError.at),
                message: health.lastError.message,
                keys:
                  health.lastError.keys.length > 0 ? ` — ${health.lastError.keys.join(', ')}` : '',
              }
            )}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
};

/** Settings → Engagement: the configuration in effect (read-only; it is set in config/plugins). */
export const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(ALL_PERMISSIONS);
  const [settings, setSettings] = React.useState<EngagementSettings | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    if (!allowedActions.canRead) return;
    fetchSettings(true).then(setSettings, () => setFailed(true));
  }, [allowedActions.canRead]);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (failed) return <Page.Error />;
  if (!settings) return <Page.Loading />;

  const title = formatMessage({ id: t('settings.title'), defaultMessage: 'Engagement' });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: t('settings.subtitle'),
          defaultMessage:
            'The counting configuration in effect. Change it in config/plugins and restart.',
        })}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Typography variant="delta" tag="h2">
              {formatMessage({ id: t('settings.types'), defaultMessage: 'Tracked content types' })}
            </Typography>
            {settings.types.length > 0 ? (
              <Typography tag="p">{settings.types.map((type) => type.uid).join(', ')}</Typography>
            ) : (
              <Typography tag="p" data-testid="engagement-nothing-tracked">
                {formatMessage({
                  id: t('settings.types.none'),
                  defaultMessage:
                    'None: nothing is counted. List the content types to count in config/plugins (engagement.config.contentTypes, e.g. ["api::article.article"]) and restart.',
                })}
              </Typography>
            )}
          </Box>
          <FlushHealthBox health={settings.health} />
          <Table colCount={2} rowCount={Object.keys(settings.config).length}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">
                    {formatMessage({ id: t('settings.key'), defaultMessage: 'Setting' })}
                  </Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">
                    {formatMessage({ id: t('settings.value'), defaultMessage: 'Value' })}
                  </Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {Object.entries(settings.config).map(([key, value]) => (
                <Tr key={key}>
                  <Td>
                    <Typography fontWeight="bold">{key}</Typography>
                  </Td>
                  <Td>
                    <Typography>{display(value)}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SettingsPage;
