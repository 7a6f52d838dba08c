import { contentTypes } from '@strapi/utils';

/**
 * Query rewriting that keeps draft rows out of relation filters, populate filters and sorts.
 *
 * Why: `status: 'published'` makes Strapi read and populate published rows only, but a filter through a
 * relation (`/api/tags?filters[articles][title][$contains]=...`) joins every related row, drafts
 * included. Such a filter works as an oracle that spells out an embargoed title letter by letter, so for
 * requesters who may not read drafts each relation step into a draft & publish type also requires
 * `publishedAt` to be set.
 */

/** The part of a Strapi schema (content type or component) these functions read. */
export interface ModelLike {
  uid?: string;
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, { type: string; target?: string; component?: string }>;
}

export type GetModel = (uid: string) => ModelLike | undefined;

/** The filter that keeps a draft & publish model's rows to published ones. */
export const PUBLISHED = { publishedAt: { $notNull: true } } as const;
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$not']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema an attribute leads to (relation target, component, media), if any. */
function targetOf(
  attribute: ModelLike['attributes'][string] | undefined,
  getModel: GetModel
): ModelLike | undefined {
  if (!attribute) return undefined;
  if (attribute.type === 'relation' && attribute.target) return getModel(attribute.target);
  if (attribute.type === 'component' && attribute.component) return getModel(attribute.component);
  if (attribute.type === 'media') return getModel('plugin::upload.file');
  return undefined;
}

/**
 * `filters` with every relation step into a draft & publish type limited to published rows, at any depth
 * and inside `$and`/`$or`/`$not`. Filters on the model's own fields are left as they are.
 */
export function publishedOnlyFilters(
  filters: unknown,
  model: ModelLike | undefined,
  getModel: GetModel
): unknown {
  if (Array.isArray(filters))
    return filters.map((filter) => publishedOnlyFilters(filter, model, getModel));
  if (!isPlainObject(filters) || !model) return filters;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (LOGICAL_OPERATORS.has(key)) {
      out[key] = publishedOnlyFilters(value, model, getModel);
      continue;
    }
    const attribute = model.attributes[key];
    const target = targetOf(attribute, getModel);
    if (!target) {
      out[key] = value;
      continue;
    }
    const nested = publishedOnlyFilters(
      isPlainObject(value) ? value : { id: value },
      target,
      getModel
    );
    out[key] =
      attribute?.type === 'relation' && contentTypes.hasDraftAndPublish(target as never)
        ? { $and: [nested, PUBLISHED] }
        : nested;
  }
  return out;
}

/** One populated attribute's options (`filters`, nested `populate`, `on` fragments) made published-only. */
function publishedOnlyPopulateOptions(
  options: Record<string, unknown>,
  target: ModelLike | undefined,
  getModel: GetModel
) {
  const out = { ...options };
  if (options.filters !== undefined)
    out.filters = publishedOnlyFilters(options.filters, target, getModel);
  if (options.populate !== undefined)
    out.populate = publishedOnlyPopulate(options.populate, target, getModel);
  if (isPlainObject(options.on)) {
    out.on = Object.fromEntries(
      Object.entries(options.on).map(([uid, fragment]) => [
        uid,
        isPlainObject(fragment)
          ? publishedOnlyPopulateOptions(fragment, getModel(uid), getModel)
          : fragment,
      ])
    );
  }
  return out;
}

/**
 * `populate` with the `filters` of every populated relation (at any depth) made published-only; string,
 * array and boolean forms carry no filters and are returned as they are.
 */
export function publishedOnlyPopulate(
  populate: unknown,
  model: ModelLike | undefined,
  getModel: GetModel
): unknown {
  if (!isPlainObject(populate) || !model) return populate;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(populate)) {
    out[key] = isPlainObject(value)
      ? publishedOnlyPopulateOptions(value, targetOf(model.attributes[key], getModel), getModel)
      : value;
  }
  return out;
}

/** The first relation path of `fields` (dot-separated) that enters a draft & publish type, or null. */
function draftPath(
  fields: string[],
  model: ModelLike | undefined,
  getModel: GetModel
): string | null {
  let current = model;
  for (let i = 0; i < fields.length && current; i += 1) {
    const attribute = current.attributes[fields[i]];
    const target = targetOf(attribute, getModel);
    if (
      attribute?.type === 'relation' &&
      target &&
      contentTypes.hasDraftAndPublish(target as never)
    )
      return fields.slice(0, i + 1).join('.');
    current = target;
  }
  return null;
}

/**
 * The first `sort` key that orders by a field reached through a relation into a draft & publish type
 * (`sort=articles.title`), or null. Such a sort joins draft rows, so it would order by draft content.
 */
export function draftRelationSort(
  sort: unknown,
  model: ModelLike | undefined,
  getModel: GetModel
): string | null {
  if (typeof sort === 'string') {
    for (const part of sort.split(',')) {
      const path = draftPath(part.trim().split(':')[0].split('.'), model, getModel);
      if (path) return path;
    }
    return null;
  }
  if (Array.isArray(sort)) {
    for (const item of sort) {
      const path = draftRelationSort(item, model, getModel);
      if (path) return path;
    }
    return null;
  }
  if (isPlainObject(sort) && model) {
    for (const [key, value] of Object.entries(sort)) {
      const attribute = model.attributes[key];
      const target = targetOf(attribute, getModel);
      if (!target) continue;
      if (attribute?.type === 'relation' && contentTypes.hasDraftAndPublish(target as never))
        return key;
      const nested = draftRelationSort(value, target, getModel);
      if (nested) return `${key}.${nested}`;
    }
  }
  return null;
}

/**
 * A database-level `populate` (as `strapi.db.query` takes it) with every `on: { <uid>: true }` fragment of
 * a polymorphic relation written as `{}`. Why: Strapi's database layer passes the query's `filters` on to
 * populated relations, but only into fragments that are objects; `true` fragments (what the upload
 * plugin sends for a file's `related`) would skip the published-only filter.
 */
export function objectMorphFragments(populate: unknown): unknown {
  if (!isPlainObject(populate)) return populate;
  return Object.fromEntries(
    Object.entries(populate).map(([key, value]) => [key, objectMorphFragmentOptions(value)])
  );
}

/** One populated attribute's options with its `on` fragments and nested `populate` handled alike. */
function objectMorphFragmentOptions(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const next: Record<string, unknown> = { ...value };
  if (value.populate !== undefined) next.populate = objectMorphFragments(value.populate);
  if (isPlainObject(value.on)) {
    next.on = Object.fromEntries(
      Object.entries(value.on).map(([uid, fragment]) => [
        uid,
        fragment === true ? {} : objectMorphFragmentOptions(fragment),
      ])
    );
  }
  return next;
}
