import * as React from 'react';
import {
  Box,
  Button,
  Checkbox,
  Dialog,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { getFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

/** The credit fields a file's metadata can suggest (see src/credits/suggest.ts on the server). */
export interface CreditDraft {
  creator?: string;
  copyrightHolder?: string;
  year?: number;
  license?: string;
  sourceUrl?: string;
  aiGenerated?: boolean;
  aiTool?: string;
}

export interface FileCredit {
  documentId: string;
  creditLine: string | null;
}

/** What the admin route answers for a file: its suggested credit and the credit it already has. */
export interface FileSuggestion {
  file: { id: number; name: string };
  suggestion: CreditDraft | null;
  credit: FileCredit | null;
}

const LICENSES: Array<[string, string]> = [
  ['all_rights_reserved', 'All rights reserved'],
  ['cc_by', 'CC BY 4.0'],
  ['cc_by_sa', 'CC BY-SA 4.0'],
  ['cc_by_nc', 'CC BY-NC 4.0'],
  ['cc0', 'CC0 1.0'],
  ['public_domain', 'Public domain'],
  ['other', 'Other'],
];

/** The file's suggested credit and current credit, from the app's admin route. */
export async function loadFileSuggestion(fileId: number): Promise<FileSuggestion> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: FileSuggestion }>(`/image-credits/suggest/${fileId}`);
  return data.data;
}

const errorMessage = (error: unknown): string | undefined =>
  (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error
    ?.message;

/**
 * "Create credit from file": a dialog prefilled with what the file says about itself, every field
 * editable; Create makes the credit and links it to the file (the server never replaces a file's credit).
 */
export const CreateCreditFromFileDialog = ({
  fileId,
  suggestion,
  onClose,
  onCreated,
}: {
  fileId: number;
  suggestion: CreditDraft | null;
  onClose: () => void;
  onCreated: (credit: FileCredit) => void;
}) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const [draft, setDraft] = React.useState<CreditDraft>({
    license: 'all_rights_reserved',
    aiGenerated: false,
    ...(suggestion ?? {}),
  });
  const [saving, setSaving] = React.useState(false);
  const set = <K extends keyof CreditDraft>(key: K, value: CreditDraft[K]) =>
    setDraft((prev) => ({ ...prev, [key]: value }));

  const create = async () => {
    setSaving(true);
    try {
      const { post } = getFetchClient();
      const data = Object.fromEntries(
        Object.entries(draft).map(([key, value]) => [key, value === '' ? null : value])
      );
      const res = await post<{ data: FileCredit }>(`/image-credits/from-file/${fileId}`, { data });
      toggleNotification({
        type: 'success',
        message: formatMessage({
          id: 'app.creditFromFile.created',
          defaultMessage: 'Credit created for the image.',
        }),
      });
      onCreated(res.data.data);
      onClose();
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message:
          errorMessage(error) ??
          formatMessage({
            id: 'app.creditFromFile.failed',
            defaultMessage: 'The credit could not be created.',
          }),
      });
    } finally {
      setSaving(false);
    }
  };

  const text = (
    key: 'creator' | 'copyrightHolder' | 'sourceUrl' | 'aiTool',
    label: string,
    hint?: string
  ) => (
    <Field.Root name={key} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        name={key}
        value={draft[key] ?? ''}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(key, event.target.value)}
      />
      {hint ? <Field.Hint /> : null}
    </Field.Root>
  );

  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Dialog.Content>
        <Dialog.Header>
          {formatMessage({
            id: 'app.creditFromFile.title',
            defaultMessage: 'Create credit from file',
          })}
        </Dialog.Header>
        <Dialog.Body>
          <Box width="100%" style={{ maxHeight: '55vh', overflowY: 'auto' }} paddingRight={2}>
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <Typography variant="pi" textColor="neutral600">
                {suggestion
                  ? formatMessage({
                      id: 'app.creditFromFile.hint',
                      defaultMessage:
                        "Prefilled from the image's own metadata. Check and complete it.",
                    })
                  : formatMessage({
                      id: 'app.creditFromFile.empty',
                      defaultMessage: 'The image carries no rights metadata: fill in the credit.',
                    })}
              </Typography>
              {text('creator', 'Creator')}
              {text('copyrightHolder', 'Copyright holder')}
              <Field.Root name="year">
                <Field.Label>Year</Field.Label>
                {/* a plain number field: NumberInput would group digits ("2,023") */}
                <TextInput
                  name="year"
                  type="number"
                  value={draft.year === undefined ? '' : String(draft.year)}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                    set('year', event.target.value === '' ? undefined : Number(event.target.value))
                  }
                />
              </Field.Root>
              <Field.Root name="license">
                <Field.Label>License</Field.Label>
                <SingleSelect
                  value={draft.license}
                  onChange={(value: string | number) => set('license', String(value))}
                >
                  {LICENSES.map(([value, label]) => (
                    <SingleSelectOption key={value} value={value}>
                      {label}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              {text('sourceUrl', 'Source URL')}
              <Checkbox
                name="aiGenerated"
                checked={draft.aiGenerated === true}
                onCheckedChange={(checked: boolean | 'indeterminate') =>
                  set('aiGenerated', checked === true)
                }
              >
                AI-generated
              </Checkbox>
              {text('aiTool', 'AI tool', 'Required when the image is AI-generated, e.g. "DALL·E".')}
            </Flex>
          </Box>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">
              {formatMessage({ id: 'app.creditFromFile.cancel', defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button onClick={create} loading={saving}>
            {formatMessage({ id: 'app.creditFromFile.create', defaultMessage: 'Create credit' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
