import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Strapi's core `delete` answers 204 for a documentId that does not exist; clients deserve a 404.
 * Call before the core delete.
 */
export async function assertDocumentExists(strapi: Core.Strapi, uid: UID.ContentType, documentId: string): Promise<void> {
  const existing = await strapi.db.query(uid).findOne({ select: ['id'], where: { documentId } });
  if (!existing) throw new errors.NotFoundError(`No ${strapi.contentType(uid).info.singularName} with id "${documentId}"`);
}
