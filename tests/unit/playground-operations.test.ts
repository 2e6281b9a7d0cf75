/**
 * The playground page's own scan for the operations a document defines (it runs in the browser,
 * where graphql-js is not at hand). graphql-js's parser is the reference it is checked against.
 */
import fs from 'node:fs';
import vm from 'node:vm';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { OPERATIONS_OF_SOURCE, SHOWCASE_FILE, showcaseTabs } from '../../src/http/playground';

type Operation = { type: string; name: string | undefined };
// A context of its own, as in the page: the source may use nothing but the language.
const operationsOf = vm.runInNewContext(`${OPERATIONS_OF_SOURCE}; operationsOf`) as (text: string) => Operation[];

function byGraphqlJs(text: string): Operation[] {
  return parse(text)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => ({ type: d.operation, name: d.name?.value }));
}

const documents: Record<string, string> = {
  'a subscription with variables and a leading comment': '# resume with { after }\nsubscription LiveChanges($after: String) { changes(after: $after) { cursor } }',
  'a query shorthand': '{ entity(name: "nato") { id } }',
  'several operations and fragments': 'query A { ...F }\nfragment F on Query { entity(name: "x") { id } }\nmutation B($n: String = "}") { addEntity(input: { name: $n }) { id } }\nsubscription C { changes { cursor } }',
  'braces and parentheses inside strings and block strings': 'query Q { search(text: "{ ( subscription X {") { __typename } } mutation M { a(t: """ } ) \\""" query Z { """) }',
  'braces inside comments': 'query Q # {\n{ a } # subscription S {\nsubscription S2 { b }',
  'directives and commas': 'query @skip(if: true) , { a } subscription Named @live { b }',
  'an anonymous query keyword': 'query { a }',
};

describe('the playground page finds the operations in a document', () => {
  it.each(Object.entries(documents))('%s, as graphql-js parses it', (_, text) => {
    expect(operationsOf(text)).toEqual(byGraphqlJs(text));
  });

  it('agrees with graphql-js on every showcase tab', () => {
    for (const { query } of showcaseTabs(fs.readFileSync(SHOWCASE_FILE, 'utf8'))) expect(operationsOf(query)).toEqual(byGraphqlJs(query));
  });
});
