import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { CostEstimate, CostlyPath } from './populate-tree';

/**
 * Pure analysis of a GraphQL operation for the read budget, with nothing of Strapi in sight: its size
 * with every fragment expanded (counted without expanding, so a fragment that doubles at every level
 * cannot make the count itself exponential) and the most entries its response may hold.
 */

/** Size of an operation once its fragments are expanded. */
export interface OperationShape {
  /** Field selections, fragments expanded. */
  fields: number;
  /** Aliased field selections, fragments expanded. */
  aliases: number;
  /** Whether it reads the schema (`__schema`, `__type`). */
  introspection: boolean;
}

const fragmentsOf = (document: DocumentNode): Map<string, FragmentDefinitionNode> =>
  new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION
      )
      .map((fragment) => [fragment.name.value, fragment])
  );

/** The operations of a document that may run: the named one, or all when no name is given. */
export function operationsOf(
  document: DocumentNode,
  operationName?: string | null
): OperationDefinitionNode[] {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION
  );
  if (!operationName) return operations;
  return operations.filter((operation) => operation.name?.value === operationName);
}

/**
 * Counts fields and aliases with fragments expanded, memoized per fragment (a spread adds its
 * fragment's counts; a fragment that spreads itself, which validation refuses later, counts once).
 */
export function operationShape(
  document: DocumentNode,
  operationName?: string | null
): OperationShape {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, OperationShape>();
  const visiting = new Set<string>();
  const ofSet = (set: SelectionSetNode | undefined): OperationShape => {
    const shape: OperationShape = { fields: 0, aliases: 0, introspection: false };
    const add = (other: OperationShape) => {
      shape.fields += other.fields;
      shape.aliases += other.aliases;
      shape.introspection ||= other.introspection;
    };
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        shape.fields += 1;
        if (selection.alias) shape.aliases += 1;
        if (selection.name.value === '__schema' || selection.name.value === '__type')
          shape.introspection = true;
        add(ofSet(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(ofSet(selection.selectionSet));
      } else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          if (visiting.has(name)) continue;
          visiting.add(name);
          memo.set(name, ofSet(fragments.get(name)?.selectionSet));
          visiting.delete(name);
        }
        add(memo.get(name)!);
      }
    }
    return shape;
  };
  const total: OperationShape = { fields: 0, aliases: 0, introspection: false };
  for (const operation of operationsOf(document, operationName)) {
    const shape = ofSet(operation.selectionSet);
    total.fields = Math.max(total.fields, shape.fields);
    total.aliases = Math.max(total.aliases, shape.aliases);
    total.introspection ||= shape.introspection;
  }
  return total;
}

/** One list field as the cost estimate sees it. */
export interface ListField {
  /** Object type the field is on (`Query`, `Article`). */
  parentType: string;
  fieldName: string;
  /** Named type of the entries (`Article`, `ArticleRelationResponseCollection`). */
  typeName: string;
  /** The field's arguments with variables applied. */
  args: Record<string, unknown>;
}

/**
 * The most entries the operation's response may hold: every list field multiplies its parents by
 * `sizeOf` (a to-many relation's or a collection's largest page), summed over every field path. Call it
 * after {@link operationShape} has bounded the expanded size: it walks fragments expanded.
 */
export async function estimateOperation(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  sizeOf: (field: ListField) => Promise<number>;
}): Promise<CostEstimate> {
  const { schema, document, variables = {}, sizeOf } = options;
  const fragments = fragmentsOf(document);
  let entries = 0;
  let costliest: CostlyPath = { path: '', entries: 0, factors: [] };

  const walk = async (
    set: SelectionSetNode | undefined,
    type: GraphQLObjectType,
    parents: number,
    prefix: string,
    factors: number[],
    seen: Set<string>
  ) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (
          !fragment ||
          (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))
        )
          continue;
        const condition = fragment.typeCondition
          ? schema.getType(fragment.typeCondition.name.value)
          : type;
        const next =
          selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
        await walk(
          fragment.selectionSet,
          isObjectType(condition) ? condition : type,
          parents,
          prefix,
          factors,
          next
        );
        continue;
      }
      const field = type.getFields()[selection.name.value] as
        | GraphQLField<unknown, unknown>
        | undefined;
      if (!field || !selection.selectionSet) continue;
      const named = getNamedType(field.type);
      const size =
        isListType(getNullableType(field.type)) || named.name.endsWith('ResponseCollection')
          ? await sizeOf({
              parentType: type.name,
              fieldName: field.name,
              typeName: named.name,
              args: argumentsOf(field, selection),
            })
          : 1;
      const reached = parents * size;
      const path = prefix
        ? `${prefix}.${selection.alias?.value ?? field.name}`
        : (selection.alias?.value ?? field.name);
      const nodeFactors = [...factors, size];
      entries += reached;
      if (reached > costliest.entries) costliest = { path, entries: reached, factors: nodeFactors };
      if (isObjectType(named))
        await walk(selection.selectionSet, named, reached, path, nodeFactors, seen);
    }
  };

  for (const operation of operationsOf(document, options.operationName)) {
    const root =
      operation.operation === 'query'
        ? schema.getQueryType()
        : operation.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (root) await walk(operation.selectionSet, root, 1, '', [], new Set());
  }
  return { entries, costliest };

  function argumentsOf(
    field: GraphQLField<unknown, unknown>,
    node: FieldNode
  ): Record<string, unknown> {
    try {
      return getArgumentValues(field, node, variables);
    } catch {
      // Invalid arguments fail validation or execution with their own message; estimate with defaults.
      return {};
    }
  }
}
