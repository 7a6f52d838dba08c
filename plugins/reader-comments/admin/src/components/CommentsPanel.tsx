import * as React from 'react';
import {
  Box,
  Field,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import {
  DOCUMENT_COMMENT_MODES,
  type DocumentCommentMode,
  type DocumentCommentsSummary,
  type QueueCounts,
} from '../../../shared/contracts';
import { PAGE_PATH, PERMISSIONS, t } from '../pluginId';
import { fetchDocumentComments, saveDocumentMode, serverMessage } from '../utils/api';

type Summary = DocumentCommentsSummary['data'];

const FIGURES: Array<[keyof QueueCounts, MessageDescriptor]> = [
  ['approved', { id: t('panel.approved'), defaultMessage: 'Approved' }],
  ['pending', { id: t('panel.pending'), defaultMessage: 'Pending' }],
  ['reported', { id: t('panel.reported'), defaultMessage: 'Reported' }],
  ['spam', { id: t('panel.spam'), defaultMessage: 'Spam' }],
];

export const MODE_LABELS: Record<DocumentCommentMode, MessageDescriptor> = {
  open: { id: t('mode.open'), defaultMessage: 'Open' },
  'pre-moderated': { id: t('mode.pre-moderated'), defaultMessage: 'Pre-moderated' },
  closed: { id: t('mode.closed'), defaultMessage: 'Closed' },
};

const ALL_PERMISSIONS = [...PERMISSIONS.moderate, ...PERMISSIONS.configure];

/**
 * The document's summary, or `absent` when its type takes no comments (the server answers 404): the
 * panel is then not shown at all.
 */
function useSummary(model: string, documentId: string | undefined, enabled: boolean) {
  const [summary, setSummary] = React.useState<Summary | 'absent' | null>(null);
  React.useEffect(() => {
    if (!documentId || !enabled) return undefined;
    let live = true;
    fetchDocumentComments(model, documentId).then(
      (next) => live && setSummary(next),
      () => live && setSummary('absent')
    );
    return () => {
      live = false;
    };
  }, [model, documentId, enabled]);
  return [summary, setSummary] as const;
}

const PanelContent = ({
  summary,
  canConfigure,
  onSaved,
}: {
  summary: Summary;
  canConfigure: boolean;
  onSaved: (next: Summary) => void;
}) => {
  const { formatMessage, formatNumber } = useIntl();
  const { toggleNotification } = useNotification();
  const [saving, setSaving] = React.useState(false);
  const queueLink = (queue: string) =>
    `/${PAGE_PATH}?tab=${queue}&uid=${encodeURIComponent(summary.uid)}&documentId=${encodeURIComponent(summary.documentId)}`;

  const changeMode = async (mode: DocumentCommentMode) => {
    setSaving(true);
    try {
      onSaved(await saveDocumentMode(summary.uid, summary.documentId, mode));
      toggleNotification({
        type: 'success',
        message: formatMessage(
          { id: t('panel.modeSaved'), defaultMessage: 'Comments: {mode}' },
          { mode: formatMessage(MODE_LABELS[mode]) }
        ),
      });
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message:
          serverMessage(error) ??
          formatMessage({
            id: t('notification.failed'),
            defaultMessage: 'The server did not answer. Try again.',
          }),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="comments-panel">
      <Flex gap={3} wrap="wrap">
        {FIGURES.map(([key, label]) => (
          <Box key={key} data-testid={`comments-panel-${key}`}>
            <Typography variant="omega" textColor="neutral600" tag="p">
              {formatMessage(label)}
            </Typography>
            <Typography variant="beta" tag="p">
              {formatNumber(summary.counts[key])}
            </Typography>
          </Box>
        ))}
      </Flex>
      <Link tag={RouterLink} to={queueLink('all')} data-testid="comments-panel-queue">
        {formatMessage({ id: t('panel.queue'), defaultMessage: 'Moderate these comments' })}
      </Link>
      {canConfigure ? (
        <Field.Root name="comments-mode" width="100%">
          <Field.Label>
            {formatMessage({ id: t('panel.mode'), defaultMessage: 'New comments' })}
          </Field.Label>
          <SingleSelect
            aria-label={formatMessage({ id: t('panel.mode'), defaultMessage: 'New comments' })}
            value={summary.mode}
            disabled={saving}
            onChange={(value: string | number) => void changeMode(value as DocumentCommentMode)}
            data-testid="comments-panel-mode"
          >
            {DOCUMENT_COMMENT_MODES.map((mode) => (
              <SingleSelectOption key={mode} value={mode}>
                {formatMessage(MODE_LABELS[mode])}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      ) : (
        <Typography variant="pi" textColor="neutral600" data-testid="comments-panel-mode-text">
          {formatMessage({ id: t('panel.mode'), defaultMessage: 'New comments' })}:{' '}
          {formatMessage(MODE_LABELS[summary.mode])}
        </Typography>
      )}
    </Flex>
  );
};

/**
 * Edit-view side panel of a commented type: the document's comments per queue (approved, pending,
 * reported, spam), a link to the moderation queue filtered to it and, for admins with the configure
 * permission, whether it takes comments (open, pre-moderated, closed). Not shown for other types,
 * unsaved entries, or roles without the moderate permission.
 */
export const CommentsPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(ALL_PERMISSIONS);
  const [summary, setSummary] = useSummary(model, documentId, allowedActions.canModerate);
  if (!documentId || isLoading || !allowedActions.canModerate) return null;
  if (summary === null || summary === 'absent') return null;
  return {
    title: formatMessage({ id: t('panel.title'), defaultMessage: 'Comments' }),
    content: (
      <PanelContent
        summary={summary}
        canConfigure={Boolean(allowedActions.canConfigure)}
        onSaved={setSummary}
      />
    ),
  };
};
