/**
 * Pure rules about what a content-API `populate` asks for, free of Strapi so they are unit tested on
 * their own: every form Strapi accepts (`*`, `a,b.c` strings, arrays, `populate[a][populate][b]=true`
 * objects with options and `on` fragments) is turned into one object form, and each populated attribute
 * is classified by how many entries it can bring per parent. The read budget (./index.ts) estimates a
 * request's cost from it and the bounded relation loader (./bounded-relations.ts) rewrites it.
 */

/** The part of a Strapi schema (content type or component) read here. */
export interface SchemaLike {
  uid?: string;
  attributes: Record<
    string,
    {
      type: string;
      relation?: string;
      target?: string;
      component?: string;
      components?: string[];
      multiple?: boolean;
      repeatable?: boolean;
    }
  >;
}

export type GetSchema = (uid: string) => SchemaLike | undefined;

/** Object form of a populate: attribute name → `true` or the attribute's options (`populate`, `fields`, ...). */
export type PopulateObject = Record<string, true | Record<string, unknown>>;

/** How many entries one populated attribute can bring per parent entry. */
export type Fanout =
  /** at most one (to-one relation, single media, single component) */
  | 'one'
  /** a list (to-many relation, multiple media, repeatable component, dynamic zone) */
  | 'many';

/** One populated attribute, with what it leads to. */
export interface PopulateNode {
  /** Attribute name on the parent schema. */
  attribute: string;
  /** Schema the attribute is on. */
  parentUid: string;
  /** Schema of the populated entries (relation target, component, `plugin::upload.file`), when there is exactly one. */
  targetUid: string | null;
  fanout: Fanout;
  /** Whether it is a relation or media (loaded from a join table), not a component or dynamic zone. */
  relational: boolean;
  /** `count: true`: one number per parent, no entries. */
  countOnly: boolean;
  /** The attribute's options as sent (`true` or an object). */
  options: true | Record<string, unknown>;
  children: PopulateNode[];
}

const POPULATABLE = new Set(['relation', 'media', 'component', 'dynamiczone']);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isDisabled = (value: unknown): boolean =>
  value === false ||
  value === 'false' ||
  value === '0' ||
  value === 0 ||
  value === null ||
  value === undefined;

/** Every attribute `*` populates on a schema. */
function everyPopulatable(schema: SchemaLike | undefined): PopulateObject {
  const out: PopulateObject = {};
  for (const [name, attribute] of Object.entries(schema?.attributes ?? {})) {
    if (POPULATABLE.has(attribute.type)) out[name] = true;
  }
  return out;
}

/** Adds the dotted path `a.b.c` to an object-form populate. */
function addPath(target: PopulateObject, path: string[]): void {
  const [head, ...rest] = path;
  if (!head) return;
  if (rest.length === 0) {
    target[head] ??= true;
    return;
  }
  const current = target[head];
  const options = isPlainObject(current) ? current : {};
  const nested = isPlainObject(options.populate) ? (options.populate as PopulateObject) : {};
  addPath(nested, rest);
  target[head] = { ...options, populate: nested };
}

/**
 * Any populate Strapi accepts, as one object form (`{ tags: true, articles: { populate: { tags: true } } }`).
 * `*` and `true` become every populatable attribute of `schema` (one level, as in Strapi); attribute
 * options are kept as sent. Unknown attributes are dropped (Strapi's query validation reports them).
 */
export function populateObject(populate: unknown, schema: SchemaLike | undefined): PopulateObject {
  if (isDisabled(populate)) return {};
  if (populate === '*' || populate === true || populate === 'true') return everyPopulatable(schema);
  if (typeof populate === 'string' || Array.isArray(populate)) {
    const out: PopulateObject = {};
    const parts = (Array.isArray(populate) ? populate : [populate]).flatMap((item) =>
      typeof item === 'string' ? item.split(',') : []
    );
    for (const part of parts
      .map((item) => item.trim())
      .filter((item) => item.length > 0 && !isDisabled(item))) {
      if (part === '*') Object.assign(out, { ...everyPopulatable(schema), ...out });
      else addPath(out, part.split('.'));
    }
    return out;
  }
  if (!isPlainObject(populate)) return {};
  const out: PopulateObject = {};
  for (const [key, value] of Object.entries(populate)) {
    // `populate[0]=a.b` past qs's array limit arrives as an object with numeric keys.
    if (/^\d+$/.test(key) && typeof value === 'string') {
      for (const [name, options] of Object.entries(populateObject(value, schema)))
        out[name] = options;
      continue;
    }
    if (key === '*') {
      Object.assign(out, { ...everyPopulatable(schema), ...out });
      continue;
    }
    if (
      isDisabled(value) ||
      !schema?.attributes[key] ||
      !POPULATABLE.has(schema.attributes[key].type)
    )
      continue;
    out[key] = isPlainObject(value) ? value : true;
  }
  return out;
}

/** Schema uid and fan-out of one attribute. */
function describe(attribute: SchemaLike['attributes'][string]): {
  targetUid: string | null;
  fanout: Fanout;
  relational: boolean;
} {
  switch (attribute.type) {
    case 'relation': {
      const many = /Many$/.test(attribute.relation ?? '');
      return {
        targetUid: attribute.target ?? null,
        fanout: many ? 'many' : 'one',
        relational: true,
      };
    }
    case 'media':
      return {
        targetUid: 'plugin::upload.file',
        fanout: attribute.multiple ? 'many' : 'one',
        relational: true,
      };
    case 'component':
      return {
        targetUid: attribute.component ?? null,
        fanout: attribute.repeatable ? 'many' : 'one',
        relational: false,
      };
    default:
      return { targetUid: null, fanout: 'many', relational: false };
  }
}

/**
 * The populate of a request on `uid` as a tree of {@link PopulateNode}s, for the cost estimate. Nested
 * populates follow the target schema; `on` fragments (dynamic zones, morph relations) count each
 * fragment's populate as children.
 */
export function populateTree(populate: unknown, uid: string, getSchema: GetSchema): PopulateNode[] {
  const schema = getSchema(uid);
  return Object.entries(populateObject(populate, schema)).map(([attribute, options]) => {
    const described = describe(schema!.attributes[attribute]);
    const object = options === true ? undefined : options;
    let children: PopulateNode[] = [];
    if (object && described.targetUid)
      children = populateTree(object.populate, described.targetUid, getSchema);
    if (object && isPlainObject(object.on)) {
      for (const [fragmentUid, fragment] of Object.entries(object.on)) {
        if (isPlainObject(fragment))
          children.push(...populateTree(fragment.populate, fragmentUid, getSchema));
      }
    }
    const countOnly = Boolean(object && (object.count === true || object.count === 'true'));
    return { attribute, parentUid: uid, ...described, countOnly, options, children };
  });
}

/** Where the cost of a request concentrates: the populate path whose entries add up to most. */
export interface CostlyPath {
  /** Dotted populate path (`tags.articles`), or '' for the entries themselves. */
  path: string;
  /** Entries this path alone may return. */
  entries: number;
  /** Per-level sizes multiplied to get `entries` (page size first). */
  factors: number[];
}

export interface CostEstimate {
  /** Entries the response may hold at most: the entries plus every populated entry at every level. */
  entries: number;
  costliest: CostlyPath;
}

/**
 * The most entries a read may return: `count` root entries, each populated attribute multiplying by its
 * largest per-parent size (`sizeOf`: 1 for to-one, the relation's largest list for to-many), summed over
 * every populate path. A `count: true` populate adds nothing (it is a number per parent).
 */
export function estimateCost(
  count: number,
  tree: PopulateNode[],
  sizeOf: (node: PopulateNode) => number
): CostEstimate {
  const root: CostlyPath = { path: '', entries: count, factors: [count] };
  let entries = count;
  let costliest = root;
  const walk = (nodes: PopulateNode[], parents: number, prefix: string, factors: number[]) => {
    for (const node of nodes) {
      if (node.countOnly) continue;
      const size = node.fanout === 'one' ? 1 : Math.max(0, sizeOf(node));
      const reached = parents * size;
      const path = prefix ? `${prefix}.${node.attribute}` : node.attribute;
      const nodeFactors = [...factors, size];
      entries += reached;
      if (reached > costliest.entries || (costliest === root && reached >= root.entries))
        costliest = { path, entries: reached, factors: nodeFactors };
      walk(node.children, reached, path, nodeFactors);
    }
  };
  walk(tree, count, '', [count]);
  return { entries, costliest };
}
