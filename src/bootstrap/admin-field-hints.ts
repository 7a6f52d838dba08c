import type { Core } from '@strapi/strapi';

interface FieldHint {
  description?: string;
  editable?: boolean;
}

/** What editors see under the computed fields in the admin's edit view. */
export const FIELD_HINTS: Record<string, Record<string, FieldHint>> = {
  'api::article.article': {
    slug: {
      description:
        'Leave empty to generate it from the title. It stops following the title once the article is published.',
    },
    excerpt: { description: 'Leave empty to use the start of the body (at most 300 characters).' },
    readingTimeMinutes: { description: 'Computed from the body on every save.', editable: false },
  },
  'api::tag.tag': {
    slug: { description: 'Leave empty to generate it from the name.' },
  },
  'api::image-credit.image-credit': {
    creditLine: {
      description:
        'Leave empty to compose it from the other fields, e.g. "Image created with DALL·E, © 2023 Jane Doe".',
    },
    aiTool: {
      description: 'Required when the image is AI-generated, e.g. "DALL·E" or "Midjourney".',
    },
  },
};

type EditMetadata = { edit?: { description?: string; editable?: boolean } };

/**
 * Adds the hints above to the content manager's edit-view settings, only where an admin has not set a
 * description already, so it is safe to run at every start and never undoes an admin's own layout.
 */
export async function applyAdminFieldHints(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager')?.service('content-types');
  if (!contentTypes) return;
  for (const [uid, hints] of Object.entries(FIELD_HINTS)) {
    const contentType = strapi.contentType(uid as never);
    const configuration = (await contentTypes.findConfiguration(contentType)) as {
      metadatas: Record<string, EditMetadata>;
    };
    let changed = false;
    for (const [field, hint] of Object.entries(hints)) {
      const edit = configuration.metadatas[field]?.edit;
      if (!edit) continue;
      if (hint.description && !edit.description) {
        edit.description = hint.description;
        changed = true;
      }
      if (hint.editable === false && edit.editable !== false) {
        edit.editable = false;
        changed = true;
      }
    }
    if (changed) await contentTypes.updateConfiguration(contentType, configuration);
  }
}
