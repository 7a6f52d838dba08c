import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { fetchSettings, loadedSettings, loadTotals, readGrantedEarlier } from '../utils/api';
import { formatCount } from '../utils/format';

/** One row's views in the list view; the rows of a page are fetched in one request. */
export const ViewsCell = ({ model, documentId }: { model: string; documentId: string }) => {
  const { locale } = useIntl();
  const [views, setViews] = React.useState<number | null>(null);
  React.useEffect(() => {
    let live = true;
    void loadTotals(model, documentId).then((totals) => live && setViews(totals.views));
    return () => {
      live = false;
    };
  }, [model, documentId]);
  return (
    <Typography textColor="neutral800" data-testid="engagement-views-cell">
      {views === null ? '…' : formatCount(views, locale)}
    </Typography>
  );
};

interface ListHookArgs {
  displayedHeaders: unknown[];
  layout: { options?: { engagement?: { tracked?: boolean; canRead?: boolean } } };
}

/**
 * Whether the signed-in admin may read the figures: the settings route answers only with the read
 * permission. The list hook is a plain function (no React hooks), so it asks once and the column appears
 * on the list's next render (the list re-renders as soon as its rows arrive).
 */
let canRead: boolean | undefined;
let probing = false;
function readPermission(): boolean {
  // Fetched already (the homepage widgets and the edit-view panel do): known at once, no extra render needed.
  if (canRead === undefined && (loadedSettings() || readGrantedEarlier())) canRead = true;
  if (canRead === undefined && !probing) {
    probing = true;
    fetchSettings()
      .then(() => {
        canRead = true;
      })
      .catch((error: { status?: number; response?: { status?: number } }) => {
        const status = error.response?.status ?? error.status;
        // 401 means not signed in yet: ask again later; anything else is a definite no
        if (status !== 401) canRead = false;
      })
      .finally(() => {
        probing = false;
      });
  }
  return canRead === true;
}

/**
 * Adds a "Views" column to the list view of tracked content types (the server marks them in the
 * schema's pluginOptions). Roles without the read permission get no column.
 */
export const addViewsColumn = ({ displayedHeaders, layout }: ListHookArgs) => {
  if (!layout.options?.engagement?.tracked || !readPermission()) return { displayedHeaders, layout };
  return {
    displayedHeaders: [
      ...displayedHeaders,
      {
        attribute: { type: 'integer' },
        label: { id: 'engagement.list.views', defaultMessage: 'Views' },
        searchable: false,
        sortable: false,
        name: 'engagementViews',
        cellFormatter: (row: { documentId: string }, _header: unknown, meta: { model: string }) => (
          <ViewsCell model={meta.model} documentId={row.documentId} />
        ),
      },
    ],
    layout,
  };
};
