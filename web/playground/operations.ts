/**
 * The operations a document defines, `{ type, name }` in order, found by a scan of its top level
 * (comments and strings skipped; nothing inside braces or parentheses counts).
 *
 * Why the playground needs it: GraphiQL re-parses the editor 100 ms after an edit, so Run right
 * after a tab switch hands the fetcher the previous tab's operation name and parsed document; the
 * subscription then went over HTTP, naming an operation its text no longer held. The fetcher
 * trusts the text it is given instead. (graphql-js's parser would do, at the cost of its size in
 * the bundle for one question.)
 */
export interface OperationHead {
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
}

const TOKENS = /#[^\n\r]*|"""(?:\\"""|[^])*?(?:"""|$)|"(?:[^"\\\n\r]|\\.)*"?|[{}()]|[_A-Za-z][_0-9A-Za-z]*|[^]/g;

export function operationsOf(text: string): OperationHead[] {
  const operations: OperationHead[] = [];
  let depth = 0;
  let pending: { type: OperationHead['type'] | 'fragment'; name: string | undefined } | undefined;
  let named = false;
  for (const [token] of text.matchAll(TOKENS)) {
    if (token === '{' || token === '(') {
      if (depth === 0 && token === '{') {
        if (pending === undefined) operations.push({ type: 'query', name: undefined });
        else if (pending.type !== 'fragment') operations.push({ type: pending.type, name: pending.name });
        pending = undefined;
      }
      depth += 1;
    } else if (token === '}' || token === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && /^[_A-Za-z]/.test(token)) {
      if (pending === undefined && /^(query|mutation|subscription|fragment)$/.test(token)) {
        pending = { type: token as OperationHead['type'] | 'fragment', name: undefined };
        named = false;
      } else if (pending !== undefined && !named) {
        pending.name = token;
        named = true;
      }
    } else if (depth === 0 && pending !== undefined && !/^[\s,]$/.test(token)) {
      named = true;
    }
  }
  return operations;
}
