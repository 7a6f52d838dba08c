import type { Core } from '@strapi/strapi';

/** The Document Service actions that write a document's fields from the caller's data. */
export type WriteAction = 'create' | 'update' | 'clone';

export interface DocumentRuleInput {
  strapi: Core.Strapi;
  action: WriteAction;
  /**
   * The write's data; rules may change it in place (add computed fields, drop untouched ones). On clone
   * it is what the caller sends, merged by Strapi over the source document after the rule has run.
   */
  data: Record<string, unknown>;
  /** The document being updated, or the source of a clone; undefined on create. */
  documentId?: string;
  /**
   * The locale written, for a localized type (the request's `locale`, else the default locale); undefined
   * for types that are not localized. Rules of localized fields look only at rows of this locale.
   */
  locale?: string;
}

/** Validates and completes one write before Strapi makes it; throws a 400 to reject it. */
export type DocumentRule = (input: DocumentRuleInput) => Promise<void>;

/**
 * Which other document a uniqueness check must ignore: the document itself on update; nothing on create
 * and clone (a clone is a new document, so even its source's slug and name count as taken).
 */
export const otherThan = ({
  action,
  documentId,
}: Pick<DocumentRuleInput, 'action' | 'documentId'>): string | undefined =>
  action === 'update' ? documentId : undefined;
