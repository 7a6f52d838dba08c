import * as React from 'react';
import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ALL_PERMISSIONS, t } from '../pluginId';
import { fetchSettings, type EngagementSettings } from '../utils/api';

const display = (value: unknown): string => {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Settings → Engagement: the configuration in effect (read-only; it is set in config/plugins). */
export const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC(ALL_PERMISSIONS);
  const [settings, setSettings] = React.useState<EngagementSettings | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    if (!allowedActions.canRead) return;
    fetchSettings().then(setSettings, () => setFailed(true));
  }, [allowedActions.canRead]);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (failed) return <Page.Error />;
  if (!settings) return <Page.Loading />;

  const title = formatMessage({ id: t('settings.title'), defaultMessage: 'Engagement' });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: t('settings.subtitle'),
          defaultMessage: 'The counting configuration in effect. Change it in config/plugins and restart.',
        })}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Typography variant="delta" tag="h2">
              {formatMessage({ id: t('settings.types'), defaultMessage: 'Tracked content types' })}
            </Typography>
            <Typography tag="p">{settings.types.map((type) => type.uid).join(', ')}</Typography>
          </Box>
          <Table colCount={2} rowCount={Object.keys(settings.config).length}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{formatMessage({ id: t('settings.key'), defaultMessage: 'Setting' })}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{formatMessage({ id: t('settings.value'), defaultMessage: 'Value' })}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {Object.entries(settings.config).map(([key, value]) => (
                <Tr key={key}>
                  <Td>
                    <Typography fontWeight="bold">{key}</Typography>
                  </Td>
                  <Td>
                    <Typography>{display(value)}</Typography>
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
