import * as React from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Download, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { t } from '../pluginId';
import { erasePersonalData, exportPersonalData, serverMessage } from '../utils/api';
import { ActionDialog } from './CommentDialogs';

/** `ada@example.com` → by email; `42` → by user id; anything else: nothing to ask for. */
const commenterOf = (value: string): { email: string } | { userId: number } | null => {
  const trimmed = value.trim();
  if (/^\d{1,15}$/.test(trimmed)) return { userId: Number(trimmed) };
  if (trimmed.includes('@') && trimmed.length <= 254) return { email: trimmed };
  return null;
};

/**
 * Data requests answered by an admin with the configure permission: everything kept about one commenter
 * (downloaded as JSON), or its erasure after a confirmation. A guest is named by email, a signed-in
 * reader by user id.
 */
export const DataRequestsView = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const [value, setValue] = React.useState('');
  const [confirming, setConfirming] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const commenter = commenterOf(value);

  const failed = (error: unknown) =>
    toggleNotification({
      type: 'danger',
      message:
        serverMessage(error) ??
        formatMessage({
          id: t('notification.failed'),
          defaultMessage: 'The server did not answer. Try again.',
        }),
    });

  const download = async () => {
    if (!commenter) return;
    setBusy(true);
    try {
      const data = await exportPersonalData(commenter);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = `comments-data-${'email' in commenter ? commenter.email : `user-${commenter.userId}`}.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const erase = async (): Promise<boolean> => {
    if (!commenter) return false;
    try {
      const { erased } = await erasePersonalData(commenter);
      toggleNotification({
        type: 'success',
        message: formatMessage(
          {
            id: t('data.erased'),
            defaultMessage: '{count, plural, one {# comment} other {# comments}} erased',
          },
          { count: erased }
        ),
      });
      setValue('');
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({
            id: t('data.hint'),
            defaultMessage:
              'A commenter asks what the site keeps about them, or to be forgotten. Name a guest by email, a signed-in reader by user id.',
          })}
        </Typography>
        <Field.Root
          name="commenter"
          error={
            value.trim() && !commenter
              ? formatMessage({
                  id: t('data.invalid'),
                  defaultMessage: 'An email address or a user id',
                })
              : undefined
          }
        >
          <Field.Label>
            {formatMessage({ id: t('data.commenter'), defaultMessage: 'Email or user id' })}
          </Field.Label>
          <TextInput
            value={value}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setValue(event.target.value)}
          />
          <Field.Error />
        </Field.Root>
        <Flex gap={2}>
          <Button
            variant="secondary"
            startIcon={<Download />}
            disabled={!commenter}
            loading={busy}
            onClick={() => void download()}
          >
            {formatMessage({ id: t('data.export'), defaultMessage: 'Download their data' })}
          </Button>
          <Button
            variant="danger-light"
            startIcon={<Trash />}
            disabled={!commenter}
            onClick={() => setConfirming(true)}
          >
            {formatMessage({ id: t('data.erase'), defaultMessage: 'Erase their data' })}
          </Button>
        </Flex>
      </Flex>
      {confirming && commenter && (
        <ActionDialog
          title={formatMessage({ id: t('data.confirm.title'), defaultMessage: 'Erase data?' })}
          confirmLabel={formatMessage({ id: t('data.erase'), defaultMessage: 'Erase their data' })}
          confirmVariant="danger-light"
          onConfirm={erase}
          onClose={() => setConfirming(false)}
        >
          <Typography>
            {formatMessage(
              {
                id: t('data.confirm.body'),
                defaultMessage:
                  'Every comment by {who} loses its text, name, email and address; answered ones stay as empty placeholders. This cannot be undone.',
              },
              { who: 'email' in commenter ? commenter.email : `user ${commenter.userId}` }
            )}
          </Typography>
        </ActionDialog>
      )}
    </Box>
  );
};
