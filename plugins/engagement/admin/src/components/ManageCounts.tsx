import * as React from 'react';
import { Box, Button, Dialog, Field, Flex, NumberInput, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { t } from '../pluginId';
import type { DocumentStats } from '../../../shared/contracts';
import { fetchSettings, setCounts } from '../utils/api';

interface SetCountsProps {
  model: string;
  documentId: string;
  current: DocumentStats;
  onClose: () => void;
  onSaved: () => Promise<void> | void;
}

/** Sets (or imports from an old site) a document's views and shares per network. */
export const SetCountsDialog = ({
  model,
  documentId,
  current,
  onClose,
  onSaved,
}: SetCountsProps) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const [networks, setNetworks] = React.useState<string[]>([]);
  const [views, setViews] = React.useState<number | undefined>(current.views);
  const [shares, setShares] = React.useState<Record<string, number | undefined>>(
    current.shares.byNetwork
  );
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    fetchSettings()
      .then((settings) => setNetworks(settings.networks))
      .catch(() => setNetworks(Object.keys(current.shares.byNetwork)));
  }, [current]);

  const save = async () => {
    setSaving(true);
    try {
      const shareValues = Object.fromEntries(
        Object.entries(shares).filter(([, v]) => typeof v === 'number')
      ) as Record<string, number>;
      await setCounts(model, documentId, { views: views ?? 0, shares: shareValues });
      toggleNotification({
        type: 'success',
        message: formatMessage({ id: t('manage.saved'), defaultMessage: 'Counts saved.' }),
      });
      await onSaved();
      onClose();
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response
        ?.data?.error?.message;
      toggleNotification({
        type: 'danger',
        message:
          message ?? formatMessage({ id: t('manage.failed'), defaultMessage: 'Saving failed.' }),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Dialog.Content>
        <Dialog.Header>
          {formatMessage({ id: t('manage.set'), defaultMessage: 'Set counts' })}
        </Dialog.Header>
        <Dialog.Body>
          {/* one field per network makes a tall form: it scrolls inside the dialog so Save stays on screen */}
          <Box width="100%" style={{ maxHeight: '55vh', overflowY: 'auto' }} paddingRight={2}>
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <Typography variant="pi" textColor="neutral600">
                {formatMessage({
                  id: t('manage.setHint'),
                  defaultMessage:
                    'Replaces the totals, e.g. to carry over the figures of an article from an old site.',
                })}
              </Typography>
              <Field.Root name="views">
                <Field.Label>
                  {formatMessage({ id: t('panel.views'), defaultMessage: 'Views' })}
                </Field.Label>
                <NumberInput
                  name="views"
                  value={views}
                  onValueChange={(value: number | undefined) => setViews(value)}
                />
              </Field.Root>
              {networks.map((network) => (
                <Field.Root key={network} name={`shares.${network}`}>
                  <Field.Label>
                    {formatMessage(
                      { id: t('manage.sharesOn'), defaultMessage: 'Shares on {network}' },
                      { network }
                    )}
                  </Field.Label>
                  <NumberInput
                    name={`shares.${network}`}
                    value={shares[network]}
                    onValueChange={(value: number | undefined) =>
                      setShares((prev) => ({ ...prev, [network]: value }))
                    }
                  />
                </Field.Root>
              ))}
            </Flex>
          </Box>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">
              {formatMessage({ id: t('manage.cancel'), defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button onClick={save} loading={saving}>
            {formatMessage({ id: t('manage.save'), defaultMessage: 'Save' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

/** Confirms resetting every count of a document. */
export const ResetDialog = ({
  onClose,
  onConfirm,
}: {
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) => {
  const { formatMessage } = useIntl();
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Dialog.Content>
        <Dialog.Header>
          {formatMessage({ id: t('manage.reset'), defaultMessage: 'Reset counts' })}
        </Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          {formatMessage({
            id: t('manage.resetConfirm'),
            defaultMessage:
              'Delete every view and share of this entry, including the per-day figures?',
          })}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">
              {formatMessage({ id: t('manage.cancel'), defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button variant="danger-light" onClick={() => void onConfirm()}>
            {formatMessage({ id: t('manage.resetAction'), defaultMessage: 'Reset' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
