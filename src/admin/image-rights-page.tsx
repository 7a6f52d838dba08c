import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { getFetchClient, Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { CreateCreditFromFileDialog, type CreditDraft, type FileCredit } from './credit-from-file';
import { CREDIT_UID, IMAGE_RIGHTS_READ } from './image-rights';

/** One row of `GET /image-credits/files-to-credit` (see src/credits/files-to-credit.ts on the server). */
interface FileToCredit {
  id: number;
  name: string;
  url: string;
  thumbnailUrl: string;
  suggestion: CreditDraft | null;
  suggestedCreditLine: string | null;
  /** why the file counts as AI-made, e.g. "digital source type trainedAlgorithmicMedia" */
  aiMade: string | null;
  credit: FileCredit | null;
}

interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

const PAGE_SIZE = 20;
const CREATE_CREDITS = {
  create: [{ action: 'plugin::content-manager.explorer.create', subject: CREDIT_UID }],
};

/** The page's list from the app's admin route, with the editor's admin session. */
async function loadFilesToCredit(
  page: number,
  withCredit: boolean
): Promise<{ data: FileToCredit[]; meta: { pagination: Pagination } }> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: FileToCredit[]; meta: { pagination: Pagination } }>(
    `/image-credits/files-to-credit?page=${page}&pageSize=${PAGE_SIZE}&withCredit=${withCredit}`
  );
  return data;
}

/** A file URL the browser can load: local uploads are relative to the server, as in the Media Library. */
const fileUrl = (url: string): string => {
  const backend =
    (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
  return url.startsWith('/') ? `${backend}${url}` : url;
};

const FileRow = ({
  file,
  canCreate,
  onCreate,
}: {
  file: FileToCredit;
  canCreate: boolean;
  onCreate: (file: FileToCredit) => void;
}) => {
  const { formatMessage } = useIntl();
  return (
    <Tr data-testid="image-rights-row">
      <Td>
        <Box width="6.4rem" height="6.4rem" background="neutral100" hasRadius overflow="hidden">
          <img
            src={fileUrl(file.thumbnailUrl)}
            alt=""
            width={64}
            height={64}
            style={{ objectFit: 'cover', display: 'block' }}
          />
        </Box>
      </Td>
      <Td>
        <Typography fontWeight="semiBold" ellipsis>
          {file.name}
        </Typography>
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {file.suggestedCreditLine ? (
            <Typography data-testid="suggested-credit-line">{file.suggestedCreditLine}</Typography>
          ) : (
            <Typography textColor="neutral600">
              {formatMessage({
                id: 'app.imageRights.noSuggestion',
                defaultMessage: 'Metadata present, but no credit fields in it.',
              })}
            </Typography>
          )}
          {file.aiMade ? (
            <Flex gap={2}>
              <Badge active>
                {formatMessage({ id: 'app.imageRights.aiMade', defaultMessage: 'AI-made' })}
              </Badge>
              <Typography variant="pi" textColor="neutral600">
                {file.aiMade}
              </Typography>
            </Flex>
          ) : null}
          {file.aiMade && !file.suggestion?.aiTool && !file.credit ? (
            <Typography variant="pi" textColor="neutral600">
              {formatMessage({
                id: 'app.imageRights.nameTool',
                defaultMessage: 'The file does not name the AI tool: name it in the credit.',
              })}
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td>
        {file.credit ? (
          <Typography data-testid="file-credit-line">{file.credit.creditLine}</Typography>
        ) : canCreate ? (
          <Button variant="secondary" onClick={() => onCreate(file)}>
            {formatMessage({
              id: 'app.creditFromFile.open',
              defaultMessage: 'Create credit from file',
            })}
          </Button>
        ) : (
          <Typography textColor="neutral600">
            {formatMessage({ id: 'app.imageRights.noCredit', defaultMessage: 'No credit' })}
          </Typography>
        )}
      </Td>
    </Tr>
  );
};

/**
 * The list itself: image files whose metadata (rights or AI provenance) could make a credit and that
 * have none, newest first; "Create credit from file" opens the same prefilled dialog as the article's
 * Cover credit panel, and a credited file leaves the list.
 */
const ImageRightsList = () => {
  const { formatMessage } = useIntl();
  const { allowedActions } = useRBAC(CREATE_CREDITS);
  const [page, setPage] = React.useState(1);
  const [withCredit, setWithCredit] = React.useState(false);
  const [result, setResult] = React.useState<
    { data: FileToCredit[]; pagination: Pagination } | null | undefined
  >(undefined);
  const [creating, setCreating] = React.useState<FileToCredit | null>(null);
  const [reload, setReload] = React.useState(0);

  React.useEffect(() => {
    let live = true;
    loadFilesToCredit(page, withCredit).then(
      ({ data, meta }) => {
        if (!live) return;
        // the last file of the last page was just credited: show the page before it
        if (data.length === 0 && page > 1) setPage(Math.max(1, meta.pagination.pageCount));
        else setResult({ data, pagination: meta.pagination });
      },
      () => live && setResult(null)
    );
    return () => {
      live = false;
    };
  }, [page, withCredit, reload]);

  if (result === null) return <Page.Error />;
  const title = formatMessage({ id: 'app.imageRights.title', defaultMessage: 'Image rights' });
  const { pagination } = result ?? { pagination: { page, pageCount: 0, total: 0 } };

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: 'app.imageRights.subtitle',
          defaultMessage:
            'Images whose own metadata names their rights or AI provenance, newest first: turn it into their credit.',
        })}
      />
      <Layouts.Action
        startActions={
          <Checkbox
            name="withCredit"
            checked={withCredit}
            onCheckedChange={(checked: boolean | 'indeterminate') => {
              setPage(1);
              setWithCredit(checked === true);
            }}
          >
            {formatMessage({
              id: 'app.imageRights.withCredit',
              defaultMessage: 'Show credited images too',
            })}
          </Checkbox>
        }
      />
      <Layouts.Content>
        {result === undefined ? (
          <Page.Loading />
        ) : result.data.length === 0 ? (
          <EmptyStateLayout
            content={
              withCredit
                ? formatMessage({
                    id: 'app.imageRights.noMetadata',
                    defaultMessage: 'No image carries rights or provenance metadata.',
                  })
                : formatMessage({
                    id: 'app.imageRights.allCredited',
                    defaultMessage: 'Every image with rights or provenance metadata has a credit.',
                  })
            }
          />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Table colCount={4} rowCount={result.data.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">
                      {formatMessage({ id: 'app.imageRights.image', defaultMessage: 'Image' })}
                    </Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">
                      {formatMessage({ id: 'app.imageRights.file', defaultMessage: 'File' })}
                    </Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">
                      {formatMessage({
                        id: 'app.imageRights.metadata',
                        defaultMessage: 'The file says',
                      })}
                    </Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">
                      {formatMessage({ id: 'app.imageRights.credit', defaultMessage: 'Credit' })}
                    </Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {result.data.map((file) => (
                  <FileRow
                    key={file.id}
                    file={file}
                    canCreate={allowedActions.canCreate === true}
                    onCreate={setCreating}
                  />
                ))}
              </Tbody>
            </Table>
            <Flex justifyContent="space-between">
              <Typography textColor="neutral600">
                {formatMessage(
                  {
                    id: 'app.imageRights.pages',
                    defaultMessage:
                      'Page {page} of {pageCount} ({total, plural, one {# image} other {# images}})',
                  },
                  {
                    page: pagination.page,
                    pageCount: pagination.pageCount,
                    total: pagination.total,
                  }
                )}
              </Typography>
              <Flex gap={2}>
                <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  {formatMessage({ id: 'app.imageRights.previous', defaultMessage: 'Previous' })}
                </Button>
                <Button
                  variant="tertiary"
                  disabled={page >= pagination.pageCount}
                  onClick={() => setPage(page + 1)}
                >
                  {formatMessage({ id: 'app.imageRights.next', defaultMessage: 'Next' })}
                </Button>
              </Flex>
            </Flex>
          </Flex>
        )}
        {creating ? (
          <CreateCreditFromFileDialog
            fileId={creating.id}
            suggestion={creating.suggestion}
            onClose={() => setCreating(null)}
            onCreated={() => setReload((n) => n + 1)}
          />
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};

/** "Image rights" in the admin's main menu: only for admins who may read the Media Library. */
const ImageRightsPage = () => (
  <Page.Protect permissions={IMAGE_RIGHTS_READ}>
    <ImageRightsList />
  </Page.Protect>
);

export default ImageRightsPage;
