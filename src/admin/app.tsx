import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { getFetchClient, type StrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import {
  CreateCreditFromFileDialog,
  loadFileSuggestion,
  type FileSuggestion,
} from './credit-from-file';
import {
  IMAGE_RIGHTS_PATH,
  IMAGE_RIGHTS_READ,
  ImageRightsIcon,
  ImageRightsLink,
} from './image-rights';

const ARTICLE = 'api::article.article';
const CREDIT = 'api::image-credit.image-credit';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { updatedAt?: string; cover?: { id?: number } | null } | null;
}

/** The saved article's own cover credit line (null: it has no credit of its own), read with the editor's content-manager permissions. */
async function loadOwnCreditLine(documentId: string): Promise<string | null> {
  const { get } = getFetchClient();
  const relation = await get<{ results: Array<{ documentId: string }> }>(
    `/content-manager/relations/${ARTICLE}/${documentId}/coverCredit`
  );
  const credit = relation.data.results[0];
  if (!credit) return null;
  const { data } = await get<{ data: { creditLine?: string | null } }>(
    `/content-manager/collection-types/${CREDIT}/${credit.documentId}`
  );
  return data.data.creditLine ?? null;
}

interface CoverState {
  /** the article's own credit line */
  own: string | null;
  /** the cover file's suggestion and credit, when the article has a cover */
  file: FileSuggestion | null;
}

/**
 * The effective cover credit (the article's own, else its cover file's) and, when there is none,
 * "Create credit from file" prefilled from the cover's metadata.
 */
const CoverCredit = ({
  documentId,
  coverId,
  version,
}: {
  documentId: string;
  coverId?: number;
  version?: string;
}) => {
  const { formatMessage } = useIntl();
  const [state, setState] = React.useState<CoverState | null | undefined>(undefined);
  const [creating, setCreating] = React.useState(false);
  const [reload, setReload] = React.useState(0);
  React.useEffect(() => {
    let live = true;
    Promise.all([
      loadOwnCreditLine(documentId),
      coverId ? loadFileSuggestion(coverId) : Promise.resolve(null),
    ]).then(
      ([own, file]) => live && setState({ own, file }),
      () => live && setState(null)
    );
    return () => {
      live = false;
    };
  }, [documentId, coverId, version, reload]);
  if (state === undefined) return <Typography textColor="neutral600">…</Typography>;
  if (state === null)
    return (
      <Typography textColor="neutral600">
        {formatMessage({
          id: 'app.coverCredit.error',
          defaultMessage: 'The cover credit could not be loaded.',
        })}
      </Typography>
    );

  const line = state.own ?? state.file?.credit?.creditLine ?? null;
  if (line !== null) {
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography tag="p" data-testid="cover-credit-line">
          {line}
        </Typography>
        {state.own === null ? (
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({
              id: 'app.coverCredit.fromFile',
              defaultMessage: "The cover image's own credit.",
            })}
          </Typography>
        ) : null}
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Typography textColor="neutral600">
        {formatMessage({
          id: 'app.coverCredit.none',
          defaultMessage: 'No credit for the cover yet: pick one in "coverCredit".',
        })}
      </Typography>
      {coverId && state.file?.suggestion ? (
        <Button variant="secondary" onClick={() => setCreating(true)}>
          {formatMessage({
            id: 'app.creditFromFile.open',
            defaultMessage: 'Create credit from file',
          })}
        </Button>
      ) : null}
      {creating && coverId && state.file ? (
        <CreateCreditFromFileDialog
          fileId={coverId}
          suggestion={state.file.suggestion}
          onClose={() => setCreating(false)}
          onCreated={() => setReload((n) => n + 1)}
        />
      ) : null}
    </Flex>
  );
};

/** Edit-view side panel of articles: the credit line a frontend prints under the cover. */
const CoverCreditPanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  if (model !== ARTICLE || !documentId) return null;
  return {
    title: formatMessage({ id: 'app.coverCredit.title', defaultMessage: 'Cover credit' }),
    content: (
      <CoverCredit
        documentId={documentId}
        coverId={document?.cover?.id}
        version={document?.updatedAt}
      />
    ),
  };
};

type ContentManagerPlugin = {
  apis: { addEditViewSidePanel: (panels: unknown[]) => void };
  injectComponent: (
    view: string,
    zone: string,
    component: { name: string; Component: React.ComponentType }
  ) => void;
};

export default {
  config: { locales: [] as string[] },
  register(app: StrapiApp) {
    // credits for files (issue 13): Strapi 5.54's Media Library has no injection zone in its file dialog,
    // so the files' "Create credit from file" lives on a page of its own
    app.addMenuLink({
      to: IMAGE_RIGHTS_PATH,
      icon: ImageRightsIcon,
      intlLabel: { id: 'app.imageRights.menu', defaultMessage: 'Image rights' },
      permissions: IMAGE_RIGHTS_READ,
      Component: () => import('./image-rights-page'),
    });
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as ContentManagerPlugin;
    contentManager.apis.addEditViewSidePanel([CoverCreditPanel]);
    contentManager.injectComponent('listView', 'actions', {
      name: 'image-rights-link',
      Component: ImageRightsLink,
    });
  },
};
