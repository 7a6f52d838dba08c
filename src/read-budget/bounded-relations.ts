import {
  populateObject,
  type GetSchema,
  type PopulateNode,
  type PopulateObject,
} from './populate-tree';

/**
 * Relation lists capped per parent. Why not Strapi's own `populate[x][limit]`: its database layer loads a
 * populated to-many relation for all parents in one query, so a limit there caps the sum over every
 * parent, not each list; and without a limit a tag with 10,000 articles returns all of them. A relation
 * that may hold more than the cap is taken out of the populate Strapi runs and loaded afterwards for
 * each parent with its own LIMIT (in the relation's order, or the `sort` its populate asks for). The
 * rest of a list is read from the other side, paged: `/api/articles?filters[tags][slug][$eq]=ai`.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What to do after Strapi's query: load a capped relation per parent, or walk into a populated one. */
export type Step =
  | {
      kind: 'load';
      node: PopulateNode;
      options: Record<string, unknown>;
      limit: number;
      after: Step[];
    }
  | { kind: 'descend'; attribute: string; after: Step[] };

/**
 * Splits a populate into what Strapi loads in its own query and the {@link Step}s to run after it.
 * `needsCap(node)` says whether a to-many relation must be loaded per parent.
 */
export function planPopulate(
  populate: unknown,
  nodes: PopulateNode[],
  getSchema: GetSchema,
  cap: number,
  needsCap: (node: PopulateNode) => boolean
): { populate: PopulateObject; steps: Step[] } {
  const object = populateObject(populate, nodes[0] ? getSchema(nodes[0].parentUid) : undefined);
  const steps: Step[] = [];
  const kept: PopulateObject = {};
  for (const node of nodes) {
    const options = object[node.attribute];
    if (options === undefined) continue;
    const own = isPlainObject(options) ? options : {};
    const nested =
      node.targetUid && own.populate !== undefined
        ? planPopulate(own.populate, node.children, getSchema, cap, needsCap)
        : { populate: {}, steps: [] };
    const nestedOptions = own.populate !== undefined ? { ...own, populate: nested.populate } : own;
    if (node.fanout === 'many' && node.relational && !node.countOnly && needsCap(node)) {
      steps.push({ kind: 'load', node, options: nestedOptions, limit: cap, after: nested.steps });
      continue;
    }
    kept[node.attribute] = isPlainObject(options) ? nestedOptions : true;
    if (nested.steps.length > 0)
      steps.push({ kind: 'descend', attribute: node.attribute, after: nested.steps });
  }
  return { populate: kept, steps };
}

/** Loads the first `limit` entries of one parent's relation (`options`: the populate's fields, filters, sort, populate). */
export type LoadPage = (
  node: PopulateNode,
  parentId: unknown,
  options: Record<string, unknown>,
  limit: number
) => Promise<unknown>;

/**
 * Runs the steps on the entries Strapi returned (one entry, a list, or null): each capped relation is
 * loaded per parent (`check` runs before each load, so a deadline stops the work), then its own steps.
 */
export async function runSteps(
  result: unknown,
  steps: Step[],
  load: LoadPage,
  check: () => void
): Promise<void> {
  const entries = (Array.isArray(result) ? result : result ? [result] : []).filter(isPlainObject);
  for (const step of steps) {
    if (step.kind === 'descend') {
      const children = entries.flatMap((entry) => {
        const value = entry[step.attribute];
        return Array.isArray(value) ? value : value ? [value] : [];
      });
      await runSteps(children, step.after, load, check);
      continue;
    }
    for (const entry of entries) {
      check();
      const loaded = await load(step.node, entry.id, step.options, step.limit);
      entry[step.node.attribute] = loaded ?? [];
      await runSteps(loaded, step.after, load, check);
    }
  }
}
