import * as React from 'react';
import {
  Box,
  Button,
  Flex,
  ProgressBar,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { RegenerateJob, ThumbnailSettings } from '../../../shared/contracts';
import { fetchJob, fetchThumbnailSettings, startJob } from '../api';
import { PERMISSIONS, t } from '../pluginId';

/** While a job runs the page polls its progress; the job itself runs on the server and survives leaving the page. */
const POLL_MS = 1000;

function useRegenerateJob(enabled: boolean) {
  const [job, setJob] = React.useState<RegenerateJob | null>(null);
  React.useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const next = await fetchJob();
        if (!live) return;
        setJob(next);
        if (next.state === 'running') timer = window.setTimeout(poll, POLL_MS);
      } catch {
        if (live) timer = window.setTimeout(poll, POLL_MS * 3);
      }
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [enabled, job?.state === 'running' ? job.startedAt : null]);
  return [job, setJob] as const;
}

const JobStatus = ({ job }: { job: RegenerateJob }) => {
  const { formatMessage } = useIntl();
  const percent =
    job.total > 0 ? Math.round((job.done / job.total) * 100) : job.state === 'done' ? 100 : 0;
  const counts = Object.entries(job.counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key}: ${n}`)
    .join(', ');
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={2}
      data-testid="regenerate-status"
      data-state={job.state}
    >
      <ProgressBar
        value={percent}
        size="M"
        aria-label={formatMessage({
          id: t('regenerate.progress'),
          defaultMessage: 'Regeneration progress',
        })}
      />
      <Typography>
        {formatMessage(
          {
            id: t(`regenerate.state.${job.state}`),
            defaultMessage: '{state}: {done} of {total} files',
          },
          { state: job.state, done: job.done, total: job.total }
        )}
      </Typography>
      {counts && (
        <Typography variant="pi" textColor="neutral600">
          {counts}
        </Typography>
      )}
      {job.error && <Typography textColor="danger600">{job.error}</Typography>}
    </Flex>
  );
};

/** Settings → Thumbnails: the presets in effect and a "Regenerate all" button with progress. */
export const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.regenerate);
  const [settings, setSettings] = React.useState<ThumbnailSettings | null>(null);
  const [failed, setFailed] = React.useState(false);
  const [job, setJob] = useRegenerateJob(allowedActions.canRegenerate);

  React.useEffect(() => {
    if (!allowedActions.canRegenerate) return;
    fetchThumbnailSettings().then(setSettings, () => setFailed(true));
  }, [allowedActions.canRegenerate]);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRegenerate) return <Page.NoPermissions />;
  if (failed) return <Page.Error />;
  if (!settings) return <Page.Loading />;

  const running = job?.state === 'running';
  const start = async () => {
    try {
      setJob(await startJob());
    } catch {
      toggleNotification({
        type: 'danger',
        message: formatMessage({
          id: t('regenerate.failed'),
          defaultMessage: 'Could not start the regeneration.',
        }),
      });
    }
  };
  const title = formatMessage({ id: t('settings.title'), defaultMessage: 'Thumbnails' });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: t('settings.subtitle'),
          defaultMessage: 'Image variants generated for every uploaded image.',
        })}
        primaryAction={
          <Button
            startIcon={<ArrowClockwise />}
            onClick={start}
            loading={running}
            disabled={running}
          >
            {formatMessage({ id: t('regenerate.button'), defaultMessage: 'Regenerate all' })}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {job && job.state !== 'idle' && (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <JobStatus job={job} />
            </Box>
          )}
          <Table colCount={5} rowCount={settings.presets.length + 1}>
            <Thead>
              <Tr>
                {['name', 'size', 'fit', 'formats', 'keys'].map((column) => (
                  <Th key={column}>
                    <Typography variant="sigma">
                      {formatMessage({ id: t(`presets.${column}`), defaultMessage: column })}
                    </Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {settings.presets.map((preset) => (
                <Tr key={preset.name}>
                  <Td>
                    <Typography fontWeight="bold">{preset.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{`${preset.width}×${preset.height}`}</Typography>
                  </Td>
                  <Td>
                    <Typography>{preset.fit}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {preset.formats
                        .map((format) => `${format} (q${preset.quality[format] ?? '–'})`)
                        .join(', ')}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{preset.formatKeys.join(', ')}</Typography>
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
