import type { Core } from '@strapi/strapi';

export interface DocumentRuleInput {
  strapi: Core.Strapi;
  action: 'create' | 'update';
  /** The write's data; rules may change it in place (add computed fields, drop untouched ones). */
  data: Record<string, unknown>;
  /** Set on update, undefined on create. */
  documentId?: string;
}

/** Validates and completes one create/update before Strapi writes it; throws a 400 to reject it. */
export type DocumentRule = (input: DocumentRuleInput) => Promise<void>;
