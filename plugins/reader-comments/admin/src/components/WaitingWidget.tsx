import * as React from 'react';
import { Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import type { ModerationQueue } from '../../../shared/contracts';
import { PAGE_PATH, t } from '../pluginId';
import { fetchQueueTotal } from '../utils/api';
import { QUEUE_LABELS } from '../utils/labels';

const WAITING: ModerationQueue[] = ['pending', 'reported'];

/** Homepage: how many comments wait for a moderator and how many readers reported, each linking to its queue. */
export const WaitingWidget = () => {
  const { formatMessage, formatNumber } = useIntl();
  const [totals, setTotals] = React.useState<number[] | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    Promise.all(WAITING.map(fetchQueueTotal)).then(
      (next) => live && setTotals(next),
      () => live && setFailed(true)
    );
    return () => {
      live = false;
    };
  }, []);

  if (failed) return <Widget.Error />;
  if (!totals) return <Widget.Loading />;
  return (
    <Flex
      gap={6}
      justifyContent="space-around"
      alignItems="flex-start"
      paddingTop={4}
      data-testid="comments-waiting-widget"
    >
      {WAITING.map((queue, index) => (
        <Flex key={queue} direction="column" gap={1} data-testid={`comments-waiting-${queue}`}>
          <Typography variant="alpha" tag="p">
            {formatNumber(totals[index])}
          </Typography>
          <Link tag={RouterLink} to={`/${PAGE_PATH}?tab=${queue}`}>
            {formatMessage(QUEUE_LABELS[queue])}
          </Link>
        </Flex>
      ))}
    </Flex>
  );
};
