import {
  Kind,
  parse,
  print,
  responsePathAsArray,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * The `engagement` field of GraphQL responses an app caches (GET requests, persisted queries), owned
 * here as the REST one is (./engagement-field.ts). A cached body holds `engagement` values as they were
 * when it was stored; each place one stands is recorded as an {@link EngagementSpot} while the query
 * runs ({@link engagementSpot}), and a cached answer gets the live values (`stats.values`) written into
 * those places by {@link withLiveEngagement}, field by field as the query selected them (aliases
 * included). Pure: no Strapi in sight.
 */

/** The field this plugin adds to every tracked type of the GraphQL schema (../graphql/index.ts). */
const FIELD_NAME = 'engagement';

/** One `engagement` field in a GraphQL response. */
export interface EngagementSpot {
  /** Path from the response's `data` to the field's value (`['articles', 3, 'engagement']`). */
  path: Array<string | number>;
  /** Content type and document whose counts it shows. */
  uid: string;
  documentId: string;
  /** The field's selection set as GraphQL text, fragments inlined (`{ views shares { total } }`). */
  selection: string;
}

/** A selection set with every fragment spread replaced by the fragment's own selections. */
function inlineFragments(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>
): SelectionSetNode {
  const selections = set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments[selection.name.value];
      return fragment ? inlineFragments(fragment.selectionSet, fragments).selections : [];
    }
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return inlineFragments(selection.selectionSet, fragments).selections;
    return [
      selection.selectionSet
        ? { ...selection, selectionSet: inlineFragments(selection.selectionSet, fragments) }
        : selection,
    ];
  });
  return { ...set, selections };
}

/** The GraphQL text of the selection sets of one response field (several nodes when fragments merge). */
function selectionText(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>
): string {
  const selections = nodes.flatMap((node) =>
    node.selectionSet ? inlineFragments(node.selectionSet, fragments).selections : []
  );
  return print({ kind: Kind.SELECTION_SET, selections });
}

/** What {@link engagementSpot} reads of a field being resolved (parts of Apollo's `willResolveField` info). */
export interface ResolvedField {
  fieldName: string;
  parentType: { name: string };
  path: GraphQLResolveInfo['path'];
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * Where a field being resolved shows an `engagement` value: its spot when it is the `engagement` field of
 * a document (`documentId` read from the field's parent) of a content type, else null. `uidOf` maps a
 * GraphQL type name to its content type (`Article` → `api::article.article`); it is asked only for
 * `engagement` fields.
 */
export function engagementSpot(
  field: ResolvedField,
  documentId: unknown,
  uidOf: (typeName: string) => string | undefined
): EngagementSpot | null {
  if (field.fieldName !== FIELD_NAME || typeof documentId !== 'string') return null;
  const uid = uidOf(field.parentType.name);
  return uid
    ? {
        path: responsePathAsArray(field.path),
        uid,
        documentId,
        selection: selectionText(field.fieldNodes, field.fragments),
      }
    : null;
}

const parsed = new Map<string, readonly FieldNode[]>();
/** The fields of a selection text, parsed once per distinct text (a few per site). */
function fieldsOf(selection: string): readonly FieldNode[] {
  let fields = parsed.get(selection);
  if (!fields) {
    const operation = parse(`query ${selection}`, { noLocation: true }).definitions[0] as {
      selectionSet: SelectionSetNode;
    };
    fields = operation.selectionSet.selections.filter(
      (node): node is FieldNode => node.kind === Kind.FIELD
    );
    if (parsed.size > 1000) parsed.clear();
    parsed.set(selection, fields);
  }
  return fields;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `target` with each selected field set from `live` (by alias), keeping what live values lack (`__typename`). */
function project(target: unknown, live: unknown, fields: readonly FieldNode[]): unknown {
  if (!isObject(live)) return live;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const field of fields) {
    const name = field.name.value;
    if (!(name in live)) continue;
    const key = field.alias?.value ?? name;
    const nested = field.selectionSet?.selections.filter(
      (node): node is FieldNode => node.kind === Kind.FIELD
    );
    out[key] = nested && nested.length > 0 ? project(out[key], live[name], nested) : live[name];
  }
  return out;
}

/**
 * A cached GraphQL body (JSON text) with live engagement values written into every recorded spot.
 * `values` maps `uid` → documentId → the `engagement` value; a spot whose document has no value keeps
 * what was stored. Returns the JSON text to send.
 */
export function withLiveEngagement(
  storedBody: string,
  spots: readonly EngagementSpot[],
  values: ReadonlyMap<string, ReadonlyMap<string, unknown>>
): string {
  const body = JSON.parse(storedBody) as { data?: unknown };
  for (const spot of spots) {
    const value = values.get(spot.uid)?.get(spot.documentId);
    if (value === undefined) continue;
    let parent: unknown = body.data;
    for (const step of spot.path.slice(0, -1))
      parent = (parent as Record<string | number, unknown> | null)?.[step];
    const last = spot.path[spot.path.length - 1];
    if (!parent || typeof parent !== 'object' || last === undefined) continue;
    const container = parent as Record<string | number, unknown>;
    container[last] = project(container[last], value, fieldsOf(spot.selection));
  }
  return JSON.stringify(body);
}
