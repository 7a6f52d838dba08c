import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Download, Pencil, Trash } from '@strapi/icons';
import {
  useNotification,
  useRBAC,
  unstable_useDocumentLayout as useDocumentLayout,
} from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ALL_PERMISSIONS, t } from '../pluginId';
import type { DocumentStats } from '../../../shared/contracts';
import { downloadDailyCsv, fetchStats, resetCounts } from '../utils/api';
import { formatCount } from '../utils/format';
import { DailyChart } from './DailyChart';
import { ResetDialog, SetCountsDialog } from './ManageCounts';

/** How often the panel refreshes its figures while the edit view is open. */
const REFRESH_MS = 5000;

interface PanelProps {
  model: string;
  documentId?: string;
  collectionType?: string;
}

/** Polls the document's figures while mounted; `reload` refetches at once (after set/reset). */
function useDocumentStats(model: string, documentId: string | undefined, enabled: boolean) {
  const [stats, setStats] = React.useState<DocumentStats | null>(null);
  const [failed, setFailed] = React.useState(false);
  const load = React.useCallback(async () => {
    if (!documentId || !enabled) return;
    try {
      setStats(await fetchStats(model, documentId));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [model, documentId, enabled]);
  React.useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  return { stats, failed, reload: load };
}

const PanelContent = ({ model, documentId }: { model: string; documentId: string }) => {
  const { formatMessage, locale } = useIntl();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(ALL_PERMISSIONS);
  const { stats, failed, reload } = useDocumentStats(model, documentId, allowedActions.canRead);
  const [dialog, setDialog] = React.useState<'set' | 'reset' | null>(null);

  if (!allowedActions.canRead) return null;
  if (failed && !stats) {
    return (
      <Typography textColor="danger600">
        {formatMessage({ id: t('panel.error'), defaultMessage: 'Could not load the figures.' })}
      </Typography>
    );
  }
  if (!stats)
    return (
      <Typography textColor="neutral600">
        {formatMessage({ id: t('panel.loading'), defaultMessage: 'Loading…' })}
      </Typography>
    );

  const networks = Object.entries(stats.shares.byNetwork).filter(([, count]) => count > 0);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={4}>
        <Box>
          <Typography variant="omega" textColor="neutral600" tag="p">
            {formatMessage({ id: t('panel.views'), defaultMessage: 'Views' })}
          </Typography>
          <Typography variant="beta" tag="p" data-testid="engagement-views">
            {formatCount(stats.views, locale)}
          </Typography>
        </Box>
        <Box>
          <Typography variant="omega" textColor="neutral600" tag="p">
            {formatMessage({ id: t('panel.shares'), defaultMessage: 'Shares' })}
          </Typography>
          <Typography variant="beta" tag="p" data-testid="engagement-shares">
            {formatCount(stats.shares.total, locale)}
          </Typography>
        </Box>
      </Flex>
      {networks.length > 0 && (
        <Box
          tag="ul"
          aria-label={formatMessage({
            id: t('panel.byNetwork'),
            defaultMessage: 'Shares by network',
          })}
        >
          {networks.map(([network, count]) => (
            <Typography key={network} tag="li" variant="pi">
              {network}: {formatCount(count, locale)}
            </Typography>
          ))}
        </Box>
      )}
      <DailyChart daily={stats.daily} />
      {allowedActions.canManage && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Button
            variant="secondary"
            startIcon={<Pencil />}
            onClick={() => setDialog('set')}
            fullWidth
          >
            {formatMessage({ id: t('manage.set'), defaultMessage: 'Set counts' })}
          </Button>
          <Button
            variant="tertiary"
            startIcon={<Download />}
            fullWidth
            onClick={() =>
              downloadDailyCsv(model, documentId).catch(() =>
                toggleNotification({
                  type: 'danger',
                  message: formatMessage({
                    id: t('manage.exportFailed'),
                    defaultMessage: 'The export failed.',
                  }),
                })
              )
            }
          >
            {formatMessage({ id: t('manage.export'), defaultMessage: 'Export per-day CSV' })}
          </Button>
          <Button
            variant="danger-light"
            startIcon={<Trash />}
            onClick={() => setDialog('reset')}
            fullWidth
          >
            {formatMessage({ id: t('manage.reset'), defaultMessage: 'Reset counts' })}
          </Button>
        </Flex>
      )}
      {dialog === 'set' && (
        <SetCountsDialog
          model={model}
          documentId={documentId}
          current={stats}
          onClose={() => setDialog(null)}
          onSaved={reload}
        />
      )}
      {dialog === 'reset' && (
        <ResetDialog
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await resetCounts(model, documentId);
            setDialog(null);
            await reload();
          }}
        />
      )}
    </Flex>
  );
};

/**
 * Edit-view side panel of a tracked content type: views, shares by network and a 30-day chart,
 * refreshed every few seconds. Hidden for untracked types, unsaved entries and roles without the
 * "read" permission.
 */
export const EngagementPanel = ({ model, documentId }: PanelProps) => {
  const { formatMessage } = useIntl();
  const { edit } = useDocumentLayout(model);
  const { allowedActions, isLoading } = useRBAC(ALL_PERMISSIONS);
  const tracked = Boolean(
    (edit.options as { engagement?: { tracked?: boolean } } | undefined)?.engagement?.tracked
  );
  // No panel at all (not even its title) for roles without the read permission.
  if (!tracked || !documentId || isLoading || !allowedActions.canRead) return null;
  return {
    title: formatMessage({ id: t('panel.title'), defaultMessage: 'Engagement' }),
    content: <PanelContent model={model} documentId={documentId} />,
  };
};
