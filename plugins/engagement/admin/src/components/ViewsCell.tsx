import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { fetchSettings, loadTotals } from '../utils/api';
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

/** Reads the admin app's Redux store (created after plugins bootstrap, so asked for lazily). */
let getAdminStore: () => { getState: () => unknown } | null | undefined = () => undefined;
export const connectAdminStore = (getter: typeof getAdminStore) => {
  getAdminStore = getter;
};

interface PermissionsQuery {
  endpointName?: string;
  status?: string;
  data?: Array<{ action?: string }>;
}

/**
 * The signed-in admin's permissions as the admin itself loaded them (RTK Query's `getMyPermissions`
 * in the `adminApi` slice, Strapi 5.54), read synchronously: the list hook is a plain function whose
 * result the list view memoizes, so it must know the answer on its first call. Undefined when the
 * store holds no answer yet.
 */
function permissionsFromStore(): string[] | undefined {
  const state = getAdminStore()?.getState() as
    | { adminApi?: { queries?: Record<string, PermissionsQuery> } }
    | undefined;
  const query = Object.values(state?.adminApi?.queries ?? {}).find(
    (q) => q?.endpointName === 'getMyPermissions' && q.status === 'fulfilled'
  );
  return query?.data?.map((permission) => permission.action ?? '');
}

/**
 * Whether the signed-in admin may read the figures: from the admin's own permissions; should the store
 * not hold them (another Strapi version), the settings route (it answers only with the read permission)
 * is asked once and the column appears on a later render.
 */
let probed: boolean | undefined;
let probing = false;
function readPermission(): boolean {
  const permissions = permissionsFromStore();
  if (permissions) return permissions.includes('plugin::engagement.read');
  if (probed === undefined && !probing) {
    probing = true;
    fetchSettings()
      .then(
        () => {
          probed = true;
        },
        (error: { status?: number; response?: { status?: number } }) => {
          // 401 means not signed in yet: ask again later; anything else is a definite no
          if ((error.response?.status ?? error.status) !== 401) probed = false;
        }
      )
      .finally(() => {
        probing = false;
      });
  }
  return probed === true;
}

/**
 * Adds a "Views" column to the list view of tracked content types (the server marks them in the
 * schema's pluginOptions). Roles without the read permission get no column.
 */
export const addViewsColumn = ({ displayedHeaders, layout }: ListHookArgs) => {
  if (!layout.options?.engagement?.tracked || !readPermission())
    return { displayedHeaders, layout };
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
