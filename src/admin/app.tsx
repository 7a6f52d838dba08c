import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { getFetchClient, type StrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

const ARTICLE = 'api::article.article';
const CREDIT = 'api::image-credit.image-credit';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { updatedAt?: string } | null;
}

/** The saved article's cover credit line, read with the editor's own content-manager permissions. */
async function loadCreditLine(documentId: string): Promise<string | null> {
  const { get } = getFetchClient();
  const relation = await get<{ results: Array<{ documentId: string }> }>(`/content-manager/relations/${ARTICLE}/${documentId}/coverCredit`);
  const credit = relation.data.results[0];
  if (!credit) return null;
  const { data } = await get<{ data: { creditLine?: string | null } }>(`/content-manager/collection-types/${CREDIT}/${credit.documentId}`);
  return data.data.creditLine ?? null;
}

const CreditLine = ({ documentId, version }: { documentId: string; version?: string }) => {
  const { formatMessage } = useIntl();
  const [line, setLine] = React.useState<string | null | undefined>(undefined);
  React.useEffect(() => {
    let live = true;
    loadCreditLine(documentId).then(
      (value) => live && setLine(value),
      () => live && setLine(null),
    );
    return () => {
      live = false;
    };
  }, [documentId, version]);
  if (line === undefined) return <Typography textColor="neutral600">…</Typography>;
  if (line === null) {
    return (
      <Typography textColor="neutral600">
        {formatMessage({ id: 'app.coverCredit.none', defaultMessage: 'No credit for the cover yet: pick one in "coverCredit".' })}
      </Typography>
    );
  }
  return (
    <Typography tag="p" data-testid="cover-credit-line">
      {line}
    </Typography>
  );
};

/** Edit-view side panel of articles: the credit line a frontend prints under the cover. */
const CoverCreditPanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== ARTICLE || !documentId) return null;
  return {
    title: formatMessage({ id: 'app.coverCredit.title', defaultMessage: 'Cover credit' }),
    content: <CreditLine documentId={documentId} version={document?.updatedAt} />,
  };
};

export default {
  config: { locales: [] as string[] },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel: (panels: unknown[]) => void } };
    contentManager.apis.addEditViewSidePanel([CoverCreditPanel]);
  },
};
