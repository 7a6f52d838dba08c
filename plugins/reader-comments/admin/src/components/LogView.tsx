import * as React from 'react';
import { Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ModerationLogPage } from '../../../shared/contracts';
import { t } from '../pluginId';
import { fetchLog } from '../utils/api';
import { LOG_ACTION_LABELS } from '../utils/labels';
import { ListLoading, ListMessage, ListPagination } from './ListParts';

/** The moderation log, newest first: what was done to which comments, by whom, why and when. */
export const LogView = ({ page, pageSize }: { page: number; pageSize: number }) => {
  const { formatMessage, formatDate } = useIntl();
  const [result, setResult] = React.useState<ModerationLogPage | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    fetchLog(page, pageSize).then(
      (next) => live && setResult(next),
      () => live && setFailed(true)
    );
    return () => {
      live = false;
    };
  }, [page, pageSize]);

  if (failed)
    return (
      <ListMessage
        error
        message={formatMessage({ id: t('log.error'), defaultMessage: 'Could not load the log.' })}
      />
    );
  if (!result)
    return (
      <ListLoading
        label={formatMessage({ id: t('log.loading'), defaultMessage: 'Loading the log…' })}
      />
    );

  const { data: entries, meta } = result;
  const headers = [
    formatMessage({ id: t('log.time'), defaultMessage: 'Time' }),
    formatMessage({ id: t('log.action'), defaultMessage: 'Action' }),
    formatMessage({ id: t('log.comments'), defaultMessage: 'Comments' }),
    formatMessage({ id: t('log.moderator'), defaultMessage: 'Moderator' }),
    formatMessage({ id: t('log.reason'), defaultMessage: 'Reason' }),
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {entries.length === 0 ? (
        <ListMessage
          message={formatMessage({
            id: t('log.empty'),
            defaultMessage: 'No moderator action yet.',
          })}
        />
      ) : (
        <Table colCount={headers.length} rowCount={entries.length + 1}>
          <Thead>
            <Tr>
              {headers.map((header) => (
                <Th key={header}>
                  <Typography variant="sigma">{header}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((entry) => (
              <Tr key={entry.id} data-testid="log-row">
                <Td>
                  <Typography variant="pi">
                    {formatDate(new Date(entry.createdAt), {
                      dateStyle: 'medium',
                      timeStyle: 'medium',
                    })}
                  </Typography>
                </Td>
                <Td>
                  <Typography fontWeight="bold">
                    {LOG_ACTION_LABELS[entry.action]
                      ? formatMessage(LOG_ACTION_LABELS[entry.action])
                      : entry.action}
                  </Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{entry.commentIds.map((id) => `#${id}`).join(', ')}</Typography>
                </Td>
                <Td>
                  <Typography>{entry.moderator ?? '—'}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal', maxWidth: '24rem' }}>
                  <Typography textColor={entry.reason ? undefined : 'neutral500'}>
                    {entry.reason ?? '—'}
                  </Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination meta={meta} />
    </Flex>
  );
};
