import * as React from 'react';
import {
  Button,
  Dialog,
  Field,
  Flex,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useIntl } from 'react-intl';
import {
  MODERATION_REASON_MAX_LENGTH,
  type BlockBy,
  type ModeratedComment,
} from '../../../shared/contracts';
import { t } from '../pluginId';

/**
 * The dialogs share one shape: fields, Cancel, and a confirm button that waits for `onConfirm`. The
 * dialog stays open when `onConfirm` fails (the caller has shown the server's message), so the moderator
 * can correct and retry.
 */
export const ActionDialog = ({
  title,
  confirmLabel,
  confirmVariant = 'default',
  canConfirm = true,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  confirmVariant?: 'default' | 'danger-light';
  canConfirm?: boolean;
  onConfirm: () => Promise<boolean>;
  onClose: () => void;
  children: React.ReactNode;
}) => {
  const { formatMessage } = useIntl();
  const [busy, setBusy] = React.useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      if (await onConfirm()) onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={4} width="100%">
            {children}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">
              {formatMessage({ id: t('dialog.cancel'), defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button
            variant={confirmVariant}
            onClick={() => void confirm()}
            loading={busy}
            disabled={!canConfirm}
          >
            {confirmLabel}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

const ReasonField = ({
  value,
  onChange,
  required,
}: {
  value: string;
  onChange: (value: string) => void;
  required: boolean;
}) => {
  const { formatMessage } = useIntl();
  return (
    <Field.Root
      name="reason"
      required={required}
      hint={formatMessage({
        id: t('dialog.reason.hint'),
        defaultMessage: 'Kept in the moderation log.',
      })}
    >
      <Field.Label>
        {formatMessage({ id: t('dialog.reason'), defaultMessage: 'Reason' })}
      </Field.Label>
      <TextInput
        name="reason"
        value={value}
        maxLength={MODERATION_REASON_MAX_LENGTH}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      />
      <Field.Hint />
    </Field.Root>
  );
};

/** A moderator's edit: the new text and the reason, both required (the server refuses an edit without a reason). */
export const EditDialog = ({
  comment,
  onSave,
  onClose,
}: {
  comment: ModeratedComment;
  onSave: (text: string, reason: string) => Promise<boolean>;
  onClose: () => void;
}) => {
  const { formatMessage } = useIntl();
  const [text, setText] = React.useState(comment.text);
  const [reason, setReason] = React.useState('');
  return (
    <ActionDialog
      title={formatMessage({ id: t('edit.title'), defaultMessage: 'Edit comment' })}
      confirmLabel={formatMessage({ id: t('edit.save'), defaultMessage: 'Save' })}
      canConfirm={text.trim() !== '' && reason.trim() !== ''}
      onConfirm={() => onSave(text, reason.trim())}
      onClose={onClose}
    >
      <Field.Root name="text" required>
        <Field.Label>{formatMessage({ id: t('edit.text'), defaultMessage: 'Text' })}</Field.Label>
        <Textarea
          name="text"
          value={text}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
        />
      </Field.Root>
      <ReasonField value={reason} onChange={setReason} required />
    </ActionDialog>
  );
};

/** Blocking the author (account or email) or the address of a comment; their waiting comments become spam. */
export const BlockDialog = ({
  comment,
  by,
  onBlock,
  onClose,
}: {
  comment: ModeratedComment;
  by: BlockBy;
  onBlock: (reason: string) => Promise<boolean>;
  onClose: () => void;
}) => {
  const { formatMessage } = useIntl();
  const [reason, setReason] = React.useState('');
  const who = comment.author.email ?? comment.author.name;
  return (
    <ActionDialog
      title={
        by === 'author'
          ? formatMessage({ id: t('block.author.title'), defaultMessage: 'Block the author' })
          : formatMessage({ id: t('block.address.title'), defaultMessage: 'Block the address' })
      }
      confirmLabel={formatMessage({ id: t('block.confirm'), defaultMessage: 'Block' })}
      confirmVariant="danger-light"
      onConfirm={() => onBlock(reason.trim())}
      onClose={onClose}
    >
      <Flex gap={2} alignItems="flex-start">
        <WarningCircle fill="danger600" />
        <Typography>
          {by === 'author'
            ? formatMessage(
                {
                  id: t('block.author.body'),
                  defaultMessage:
                    '{who} will not be able to comment any more. Their waiting comments become spam.',
                },
                { who }
              )
            : formatMessage({
                id: t('block.address.body'),
                defaultMessage:
                  'Nobody will be able to comment from the address this comment came from. Waiting comments from it become spam.',
              })}
        </Typography>
      </Flex>
      <ReasonField value={reason} onChange={setReason} required={false} />
    </ActionDialog>
  );
};

/** Confirms removing comments: they leave every queue and every thread. */
export const RemoveDialog = ({
  count,
  onRemove,
  onClose,
}: {
  count: number;
  onRemove: (reason: string) => Promise<boolean>;
  onClose: () => void;
}) => {
  const { formatMessage } = useIntl();
  const [reason, setReason] = React.useState('');
  return (
    <ActionDialog
      title={formatMessage({ id: t('remove.title'), defaultMessage: 'Remove comments' })}
      confirmLabel={formatMessage({ id: t('action.remove'), defaultMessage: 'Remove' })}
      confirmVariant="danger-light"
      onConfirm={() => onRemove(reason.trim())}
      onClose={onClose}
    >
      <Typography>
        {formatMessage(
          {
            id: t('remove.body'),
            defaultMessage:
              'Remove {count, plural, one {this comment} other {these # comments}}? Removed comments leave every thread and every queue.',
          },
          { count }
        )}
      </Typography>
      <ReasonField value={reason} onChange={setReason} required={false} />
    </ActionDialog>
  );
};
