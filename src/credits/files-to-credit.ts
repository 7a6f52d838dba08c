import { errors } from '@strapi/utils';
import { formatCreditLine } from '../utils/credit-line';
import { aiMadeReason } from './disclosure';
import { fileSaysAiMade, readProvenance } from './provenance';
import { suggestCredit, type CreditSuggestion } from './suggest';

/**
 * The admin's "Image rights" page: image files whose own metadata (rights or AI provenance) could make a
 * credit, newest first, one page at a time.
 */

export const FILES_TO_CREDIT_PAGE_SIZE = { default: 20, max: 100 } as const;

/** What a frontend-facing credit line says for an AI-made image whose tool the file does not name. */
export const UNNAMED_AI_TOOL = 'an AI tool';

export interface FilesToCreditQuery {
  page: number;
  pageSize: number;
  /** also list files that already have a credit (with their credit) */
  withCredit: boolean;
}

const invalid = (key: string, message: string): errors.ValidationError =>
  new errors.ValidationError(`${key} ${message}`, {
    errors: [{ path: [key], message, name: 'ValidationError' }],
  });

const positiveInteger = (
  query: Record<string, unknown>,
  key: string,
  fallback: number,
  max?: number
): number => {
  const value = query[key];
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  const range = max === undefined ? 'a positive integer' : `an integer from 1 to ${max}`;
  if (!Number.isSafeInteger(number) || number < 1 || (max !== undefined && number > max))
    throw invalid(key, `must be ${range}`);
  return number;
};

/**
 * The query of `GET /image-credits/files-to-credit` (`page`, `pageSize` up to 100, `withCredit=true|false`),
 * with defaults; a 400 naming the parameter when one is malformed.
 */
export function parseFilesToCreditQuery(query: Record<string, unknown>): FilesToCreditQuery {
  const withCredit = query.withCredit;
  if (withCredit !== undefined && withCredit !== 'true' && withCredit !== 'false')
    throw invalid('withCredit', 'must be true or false');
  return {
    page: positiveInteger(query, 'page', 1),
    pageSize: positiveInteger(
      query,
      'pageSize',
      FILES_TO_CREDIT_PAGE_SIZE.default,
      FILES_TO_CREDIT_PAGE_SIZE.max
    ),
    withCredit: withCredit === 'true',
  };
}

/** An upload file row as the list reads it. */
export interface FileToCreditRow {
  id: number;
  name: string;
  url: string;
  formats?: { thumbnail?: { url?: string } | null } | null;
  provenance?: unknown;
  createdAt?: string | Date | null;
}

/** One row of the list: the file, what its metadata suggests, and whether it says it is AI-made. */
export interface FileToCredit {
  id: number;
  name: string;
  url: string;
  /** Strapi's `thumbnail` format, else the file itself */
  thumbnailUrl: string;
  /** null when the metadata holds nothing a credit field could be filled from */
  suggestion: CreditSuggestion | null;
  /** the credit line the suggestion would print */
  suggestedCreditLine: string | null;
  /** why the file counts as AI-made (digital source type or C2PA), null when it does not */
  aiMade: string | null;
}

/**
 * The credit line a suggestion would print. An AI-made image whose tool is unknown reads "Image created
 * with an AI tool, …" rather than "Photo: …" (the editor names the tool when creating the credit).
 */
export function suggestedCreditLine(suggestion: CreditSuggestion | null): string | null {
  if (!suggestion) return null;
  return formatCreditLine({
    ...suggestion,
    aiTool: suggestion.aiGenerated ? (suggestion.aiTool ?? UNNAMED_AI_TOOL) : suggestion.aiTool,
  });
}

/** A file row as the list shows it (see {@link FileToCredit}); the suggestion is suggest.ts's. */
export function describeFileToCredit(row: FileToCreditRow): FileToCredit {
  const provenance = readProvenance(row.provenance);
  const suggestion = suggestCredit(provenance);
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    thumbnailUrl: row.formats?.thumbnail?.url ?? row.url,
    suggestion,
    suggestedCreditLine: suggestedCreditLine(suggestion),
    aiMade: provenance && fileSaysAiMade(provenance) ? aiMadeReason(provenance) : null,
  };
}
