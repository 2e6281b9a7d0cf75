/** The explorer at GET /explore: the reference front end (web/explore/), which needs no data from the server up front. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { servePage } from './web';

export const EXPLORER_PATH = '/explore';

export async function serveExplorerPage(req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<void> {
  await servePage(req, res, 'explore', () => Promise.resolve({ title: 'actor-graph explorer', rootId: 'explorer', loadingText: 'Loading the explorer…', inlineStyles: false }), logger);
}
