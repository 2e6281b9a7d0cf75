/**
 * Look-ahead into a resolver's selection set, so a query can leave out what nobody asked for
 * (the evidence of a neighbourhood's edges, say). Fragments and inline fragments are followed;
 * `@skip`/`@include` are not evaluated, so a conditionally selected field counts as selected:
 * the answer can only err towards reading more.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function fieldsNamed(selectionSet: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, into: FieldNode[]): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsNamed(selection.selectionSet, name, info, into);
    } else {
      fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, info, into);
    }
  }
  return into;
}

/** Whether the field being resolved selects `path` below it (e.g. ['edges', 'evidence']), under any alias. */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((field) => fieldsNamed(field.selectionSet, name, info, []));
    if (level.length === 0) return false;
  }
  return true;
}
