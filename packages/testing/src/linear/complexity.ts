import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import { LINEAR_DEFAULT_PAGE_SIZE } from "./connection";

/** Linear's published ceiling for one query. */
export const LINEAR_MAX_QUERY_COMPLEXITY = 10_000;

/**
 * Linear's documented estimate: each property 0.1 point, each object 1 point, and a connection
 * multiplies its children by its page size (`first`, default 50); the total is rounded up.
 */
export function queryComplexity(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const value = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const v = variables[node.name.value];
      return typeof v === "number" ? v : undefined;
    }
    return undefined;
  };
  const score = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += score(fragment.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += score(selection.selectionSet);
      } else if (!selection.selectionSet) {
        total += 0.1;
      } else {
        const isConnection = selection.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "nodes");
        const first = value(selection.arguments?.find((a) => a.name.value === "first")?.value);
        if (!isConnection) total += 1 + score(selection.selectionSet);
        else {
          // A connection's `nodes` are multiplied by the page size; its `pageInfo` counts once.
          const nodes = selection.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && s.name.value === "nodes");
          const rest = selection.selectionSet.selections.filter((s) => !nodes.includes(s));
          const perNode = score({ kind: Kind.SELECTION_SET, selections: nodes });
          total += 1 + (first ?? LINEAR_DEFAULT_PAGE_SIZE) * perNode + score({ kind: Kind.SELECTION_SET, selections: rest });
        }
      }
    }
    return total;
  };
  let total = 0;
  for (const def of document.definitions) if (def.kind === Kind.OPERATION_DEFINITION) total += score(def.selectionSet);
  return Math.ceil(total);
}
