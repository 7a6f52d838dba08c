import type { Core, UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';

/**
 * Strapi's core `delete` answers 204 for a documentId that does not exist; clients deserve a 404.
 * Returns a `delete` action that checks the document exists first, then runs the core one.
 */
export function deleteWithNotFound(strapi: Core.Strapi, uid: UID.ContentType, coreDelete: (ctx: Context) => Promise<unknown>) {
  return async (ctx: Context) => {
    const { id } = ctx.params as { id: string };
    const existing = await strapi.db.query(uid).findOne({ select: ['id'], where: { documentId: id } });
    if (!existing) throw new errors.NotFoundError(`No ${strapi.contentType(uid).info.singularName} with id "${id}"`);
    return coreDelete(ctx);
  };
}
