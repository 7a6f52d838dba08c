import { Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { t } from '../pluginId';
import type { DailyRow } from '../../../shared/contracts';
import { chartBars } from '../utils/format';

const WIDTH = 240;
const HEIGHT = 60;

/** Views per day as plain SVG bars, with an accessible summary and a tooltip per bar. */
export const DailyChart = ({ daily }: { daily: DailyRow[] }) => {
  const { formatMessage } = useIntl();
  const bars = chartBars(
    daily.map((row) => row.views),
    WIDTH,
    HEIGHT
  );
  const total = daily.reduce((sum, row) => sum + row.views, 0);
  const label = formatMessage(
    {
      id: t('panel.chart.label'),
      defaultMessage: 'Views per day over the last {days} days: {total} in all',
    },
    { days: daily.length, total }
  );
  return (
    <Box>
      <svg
        role="img"
        aria-label={label}
        width="100%"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        data-testid="engagement-chart"
      >
        <title>{label}</title>
        {bars.map((bar, index) => (
          <rect
            key={daily[index].date}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
            fill="#4945ff"
            data-date={daily[index].date}
            data-views={bar.value}
          >
            <title>{`${daily[index].date}: ${bar.value}`}</title>
          </rect>
        ))}
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="#dcdce4" />
      </svg>
      <Typography variant="pi" textColor="neutral600">
        {formatMessage(
          { id: t('panel.chart.caption'), defaultMessage: 'Last {days} days' },
          { days: daily.length }
        )}
      </Typography>
    </Box>
  );
};
