/**
 * The GraphQL playground at GET /: GraphiQL (bundled by web/build.ts, served by web.ts) with one tab
 * per operation in operations/showcase.graphql, each with the fragments it uses and its comment.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, parse, print, TokenKind, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../log';
import { servePage, type PageContent } from './web';

export const SHOWCASE_FILE = path.join(PROJECT_ROOT, 'operations', 'showcase.graphql');

let content: Promise<PageContent> | undefined;

/** Answers GET / with the playground page. */
export async function servePlaygroundPage(req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<void> {
  await servePage(req, res, 'playground', () => (content ??= playgroundContent(logger)), logger);
}

async function playgroundContent(logger: Logger): Promise<PageContent> {
  const tabs = await readTabs(logger);
  return {
    title: 'actor-graph playground',
    rootId: 'graphiql',
    loadingText: 'Loading the playground…',
    data: { id: 'playground-props', value: { defaultTabs: tabs.length > 0 ? tabs : undefined } },
    inlineStyles: true,
  };
}

/** The playground's tabs: one per showcase operation, with the fragments it uses and its leading comment. */
export function showcaseTabs(source: string): { query: string }[] {
  const document = parse(source);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const used = new Set<string>();
      collectFragments(operation.selectionSet, fragments, used);
      const parts = [operation, ...[...used].map((name) => fragments.get(name)).filter((f) => f !== undefined)].map(print);
      return { query: `${leadingComment(operation)}${parts.join('\n\n')}\n` };
    });
}

function collectFragments(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, used: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (used.has(name) || fragment === undefined) continue;
      used.add(name);
      collectFragments(fragment.selectionSet, fragments, used);
    } else {
      collectFragments(selection.selectionSet, fragments, used);
    }
  }
}

/**
 * `print` drops comments, but the comment right above each showcase operation explains it, so keep
 * that one. A blank line ends it: what is above that (the file's header) is not about the operation.
 */
function leadingComment(definition: DefinitionNode): string {
  const lines: string[] = [];
  let below = definition.loc?.startToken;
  let token = below?.prev;
  // Only whole-line comments: `} # note` belongs to what precedes it.
  while (token?.kind === TokenKind.COMMENT && below !== undefined && token.line === below.line - 1 && token.prev?.line !== token.line) {
    lines.unshift(`#${token.value}\n`);
    below = token;
    token = token.prev;
  }
  return lines.join('');
}

async function readTabs(logger: Logger): Promise<{ query: string }[]> {
  try {
    return showcaseTabs(await fs.readFile(SHOWCASE_FILE, 'utf8'));
  } catch (e: unknown) {
    // Without the showcase the playground still works, with GraphiQL's default tab.
    logger.warn({ err: e, file: SHOWCASE_FILE }, 'playground: showcase operations unavailable; serving it without preloaded tabs');
    return [];
  }
}
