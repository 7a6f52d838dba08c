import * as React from 'react';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { t } from '../pluginId';
import type { PopularEntry, TrackedType } from '../../../shared/contracts';
import { fetchPopular, fetchSettings } from '../utils/api';
import { formatCount } from '../utils/format';

interface Row extends PopularEntry {
  type: TrackedType;
}

/** The week's most viewed (or shared) entries across tracked types, each linking to its edit view. */
const PopularList = ({ by }: { by: 'views' | 'shares' }) => {
  const { formatMessage, locale } = useIntl();
  const [rows, setRows] = React.useState<Row[] | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    (async () => {
      try {
        const { types } = await fetchSettings();
        const lists = await Promise.all(
          types.map(async (type) =>
            (await fetchPopular(type.uid, by, 'week', 5)).map((entry) => ({ ...entry, type }))
          )
        );
        const merged = lists
          .flat()
          .filter((row) => row[by] > 0)
          .sort((a, b) => b[by] - a[by])
          .slice(0, 5);
        if (live) setRows(merged);
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [by]);

  if (failed) return <Widget.Error />;
  if (!rows) return <Widget.Loading />;
  if (rows.length === 0) {
    return (
      <Widget.NoData>
        {formatMessage({ id: t('widget.empty'), defaultMessage: 'Nothing yet this week.' })}
      </Widget.NoData>
    );
  }
  return (
    <Box tag="ol" data-testid={`engagement-widget-${by}`}>
      {rows.map((row) => (
        <Flex
          key={`${row.type.uid}:${row.documentId}`}
          tag="li"
          justifyContent="space-between"
          gap={2}
          paddingTop={2}
          paddingBottom={2}
        >
          <Link
            tag={RouterLink}
            to={`/content-manager/collection-types/${row.type.uid}/${row.documentId}`}
          >
            {row.title ?? row.documentId}
          </Link>
          <Typography variant="pi" textColor="neutral600">
            {formatMessage(
              by === 'views'
                ? { id: t('widget.viewsCount'), defaultMessage: '{count} views' }
                : { id: t('widget.sharesCount'), defaultMessage: '{count} shares' },
              { count: formatCount(row[by], locale) }
            )}
          </Typography>
        </Flex>
      ))}
    </Box>
  );
};

export const MostViewedWidget = () => <PopularList by="views" />;
export const MostSharedWidget = () => <PopularList by="shares" />;
