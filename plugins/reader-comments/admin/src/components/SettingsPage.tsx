import * as React from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  IconButton,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { PreModerationSettings, RelatedPreModerationRule } from '../../../shared/contracts';
import { PERMISSIONS, t } from '../pluginId';
import {
  fetchPreModeration,
  fetchRelatedOptions,
  fetchWordLists,
  savePreModeration,
  saveWordLists,
  serverMessage,
} from '../utils/api';

/** A locale's lists as edited: one entry per line. */
interface LocaleRow {
  key: number;
  locale: string;
  banned: string;
  suspect: string;
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Tells the admin what happened, or the server's reason for refusing. */
const useReport = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  return {
    saved: () =>
      toggleNotification({
        type: 'success',
        message: formatMessage({ id: t('settings.saved'), defaultMessage: 'Saved' }),
      }),
    failed: (error: unknown) =>
      toggleNotification({
        type: 'danger',
        message:
          serverMessage(error) ??
          formatMessage({
            id: t('notification.failed'),
            defaultMessage: 'The server did not answer. Try again.',
          }),
      }),
  };
};

let nextKey = 1;

/** Banned and suspect words per locale (`*`: every locale); saved lists replace the config's `words`. */
const WordListsSection = () => {
  const { formatMessage } = useIntl();
  const report = useReport();
  const [rows, setRows] = React.useState<LocaleRow[] | null>(null);
  const [source, setSource] = React.useState<'config' | 'admin'>('config');
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    fetchWordLists().then((data) => {
      setSource(data.source);
      const entries = Object.entries(data.words);
      setRows(
        (entries.length > 0 ? entries : [['*', { banned: [], suspect: [] }] as const]).map(
          ([locale, lists]) => ({
            key: nextKey++,
            locale,
            banned: lists.banned.join('\n'),
            suspect: lists.suspect.join('\n'),
          })
        )
      );
    }, report.failed);
    // loaded once
  }, []);

  if (!rows) return null;
  const update = (key: number, change: Partial<LocaleRow>) =>
    setRows(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const save = async () => {
    setSaving(true);
    try {
      const words = Object.fromEntries(
        rows
          .filter((row) => row.locale.trim())
          .map((row) => [
            row.locale.trim(),
            { banned: lines(row.banned), suspect: lines(row.suspect) },
          ])
      );
      const saved = await saveWordLists(words);
      setSource(saved.source);
      report.saved();
    } catch (error) {
      report.failed(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {formatMessage({ id: t('settings.words'), defaultMessage: 'Word lists' })}
        </Typography>
        <Typography variant="pi" textColor="neutral600" data-testid="words-source">
          {source === 'config'
            ? formatMessage({
                id: t('settings.words.config'),
                defaultMessage:
                  'From config/plugins.ts (words) until you save here. A banned word refuses a comment; a suspect word holds it for a moderator. One word or phrase per line; "*" applies to every locale.',
              })
            : formatMessage({
                id: t('settings.words.admin'),
                defaultMessage:
                  'Saved here. A banned word refuses a comment; a suspect word holds it for a moderator. One word or phrase per line; "*" applies to every locale.',
              })}
        </Typography>
        {rows.map((row) => (
          <Grid.Root key={row.key} gap={4}>
            <Grid.Item col={2} s={12} alignItems="flex-start">
              <Field.Root name={`locale-${row.key}`} width="100%">
                <Field.Label>
                  {formatMessage({ id: t('settings.locale'), defaultMessage: 'Locale' })}
                </Field.Label>
                <TextInput
                  value={row.locale}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                    update(row.key, { locale: event.target.value })
                  }
                />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} alignItems="flex-start">
              <Field.Root name={`banned-${row.key}`} width="100%">
                <Field.Label>
                  {formatMessage({ id: t('settings.banned'), defaultMessage: 'Banned' })}
                </Field.Label>
                <Textarea
                  value={row.banned}
                  onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                    update(row.key, { banned: event.target.value })
                  }
                />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={5} s={12} alignItems="flex-start">
              <Field.Root name={`suspect-${row.key}`} width="100%">
                <Field.Label>
                  {formatMessage({ id: t('settings.suspect'), defaultMessage: 'Suspect' })}
                </Field.Label>
                <Textarea
                  value={row.suspect}
                  onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                    update(row.key, { suspect: event.target.value })
                  }
                />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={1} s={12} alignItems="center">
              <IconButton
                label={formatMessage({ id: t('settings.removeLocale'), defaultMessage: 'Remove' })}
                onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
              >
                <Trash />
              </IconButton>
            </Grid.Item>
          </Grid.Root>
        ))}
        <Flex gap={2}>
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() =>
              setRows([...rows, { key: nextKey++, locale: '', banned: '', suspect: '' }])
            }
          >
            {formatMessage({ id: t('settings.addLocale'), defaultMessage: 'Add a locale' })}
          </Button>
          <Button onClick={() => void save()} loading={saving} data-testid="save-words">
            {formatMessage({ id: t('settings.saveWords'), defaultMessage: 'Save word lists' })}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};

type RelationField = PreModerationSettings['data']['fields'][number];
const fieldKey = (field: Pick<RelationField, 'contentType' | 'field'>) =>
  `${field.contentType}|${field.field}`;

/** One rule: a relation field of a commented type and the related documents whose comments wait. */
const RuleRow = ({
  rule,
  fields,
  onChange,
  onRemove,
}: {
  rule: RelatedPreModerationRule;
  fields: RelationField[];
  onChange: (rule: RelatedPreModerationRule) => void;
  onRemove: () => void;
}) => {
  const { formatMessage } = useIntl();
  const [options, setOptions] = React.useState<Array<{ documentId: string; label: string }>>([]);
  React.useEffect(() => {
    if (!rule.target) return;
    fetchRelatedOptions(rule.target).then(setOptions, () => setOptions([]));
  }, [rule.target]);
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={5} s={12} alignItems="flex-start">
        <Field.Root name="field" width="100%">
          <Field.Label>
            {formatMessage({ id: t('settings.rule.field'), defaultMessage: 'Relation' })}
          </Field.Label>
          <SingleSelect
            value={fieldKey(rule)}
            onChange={(value: string | number) => {
              const field = fields.find((candidate) => fieldKey(candidate) === value);
              if (field) onChange({ ...field, documentIds: [] });
            }}
          >
            {fields.map((field) => (
              <SingleSelectOption key={fieldKey(field)} value={fieldKey(field)}>
                {`${field.contentType} → ${field.field}`}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} alignItems="flex-start">
        <Field.Root name="documentIds" width="100%">
          <Field.Label>
            {formatMessage({
              id: t('settings.rule.documents'),
              defaultMessage: 'Pre-moderated when it holds',
            })}
          </Field.Label>
          <MultiSelect
            withTags
            value={rule.documentIds}
            onChange={(value: string[]) => onChange({ ...rule, documentIds: value })}
          >
            {options.map((option) => (
              <MultiSelectOption key={option.documentId} value={option.documentId}>
                {option.label}
              </MultiSelectOption>
            ))}
          </MultiSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={1} s={12} alignItems="center">
        <IconButton
          label={formatMessage({ id: t('settings.rule.remove'), defaultMessage: 'Remove rule' })}
          onClick={onRemove}
        >
          <Trash />
        </IconButton>
      </Grid.Item>
    </Grid.Root>
  );
};

/** Rules that pre-moderate every comment on documents related to chosen ones (an article's tags). */
const PreModerationSection = () => {
  const { formatMessage } = useIntl();
  const report = useReport();
  const [data, setData] = React.useState<PreModerationSettings['data'] | null>(null);
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    fetchPreModeration().then(setData, report.failed);
    // loaded once
  }, []);

  if (!data) return null;
  const setRules = (rules: RelatedPreModerationRule[]) => setData({ ...data, rules });
  const save = async () => {
    setSaving(true);
    try {
      setData(await savePreModeration(data.rules));
      report.saved();
    } catch (error) {
      report.failed(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {formatMessage({ id: t('settings.preModeration'), defaultMessage: 'Pre-moderation' })}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({
            id: t('settings.preModeration.hint'),
            defaultMessage:
              'Comments on a document wait for a moderator when it is related to one of the chosen documents (for example an article tagged "Elections"). Single documents are set in their edit view.',
          })}
        </Typography>
        {data.fields.length === 0 && (
          <Typography textColor="neutral600">
            {formatMessage({
              id: t('settings.preModeration.none'),
              defaultMessage: 'The commented types have no relations to other types.',
            })}
          </Typography>
        )}
        {data.rules.map((rule, index) => (
          <RuleRow
            key={`${fieldKey(rule)}-${index}`}
            rule={rule}
            fields={data.fields}
            onChange={(next) =>
              setRules(data.rules.map((other, i) => (i === index ? next : other)))
            }
            onRemove={() => setRules(data.rules.filter((_, i) => i !== index))}
          />
        ))}
        <Flex gap={2}>
          {data.fields.length > 0 && (
            <Button
              variant="secondary"
              startIcon={<Plus />}
              onClick={() => setRules([...data.rules, { ...data.fields[0], documentIds: [] }])}
            >
              {formatMessage({ id: t('settings.rule.add'), defaultMessage: 'Add a rule' })}
            </Button>
          )}
          <Button onClick={() => void save()} loading={saving} data-testid="save-rules">
            {formatMessage({ id: t('settings.rule.save'), defaultMessage: 'Save rules' })}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};

/** Settings → Reader comments: word lists per locale and pre-moderation rules (configure permission). */
export const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.configure);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canConfigure) return <Page.NoPermissions />;
  const title = formatMessage({ id: t('settings.title'), defaultMessage: 'Reader comments' });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: t('settings.subtitle'),
          defaultMessage:
            'Which words refuse or hold a comment, and which documents are pre-moderated.',
        })}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <WordListsSection />
          <PreModerationSection />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SettingsPage;
