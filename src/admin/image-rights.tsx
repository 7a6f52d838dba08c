import * as React from 'react';
import { LinkButton } from '@strapi/design-system';
import { Image } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink, useParams } from 'react-router-dom';

/**
 * The "Image rights" page's entry points (main menu, Image credits list view); the page itself is
 * image-rights-page.tsx, loaded only when opened.
 */

export const CREDIT_UID = 'api::image-credit.image-credit';

/** The page's path under the admin (`/admin/image-rights`). */
export const IMAGE_RIGHTS_PATH = 'image-rights';

/** Who may open the page: admins who may read the Media Library (as the server's route asks). */
export const IMAGE_RIGHTS_READ = [{ action: 'plugin::upload.read', subject: null }];

export const ImageRightsIcon = Image;

/**
 * "Images to credit" in the Image credits list view (content-manager's `listView.actions` zone, rendered
 * in every collection type's list: shown only for image credits, to admins who may open the page).
 */
export const ImageRightsLink = () => {
  const { formatMessage } = useIntl();
  const { slug } = useParams<{ slug: string }>();
  const { allowedActions } = useRBAC({ read: IMAGE_RIGHTS_READ });
  if (slug !== CREDIT_UID || !allowedActions.canRead) return null;
  return (
    <LinkButton
      tag={NavLink}
      to={`/${IMAGE_RIGHTS_PATH}`}
      variant="secondary"
      size="S"
      startIcon={<Image />}
    >
      {formatMessage({ id: 'app.imageRights.link', defaultMessage: 'Images to credit' })}
    </LinkButton>
  );
};
