/**
 * The explorer's first graph request, sent by a small script of its own that the page loads beside
 * the app: a deep link's neighbourhood (or path) is on its way while the browser still parses and
 * runs React, Apollo Client and cytoscape, and the app's identical request takes that answer
 * (persisted.ts). The variables come from the same functions the app uses (view.ts).
 */
import { sendEarly } from './persisted';
import { getToken } from './session';
import { neighborhoodVariables, parseView, pathVariables } from './view';

const { graph, filters } = parseView(location.search);
if (graph.mode === 'neighborhood') sendEarly('ExplorerNeighborhood', { ...neighborhoodVariables(graph.entity, graph.depth, filters) }, getToken());
else if (graph.mode === 'path') sendEarly('ExplorerPath', { ...pathVariables(graph, filters) }, getToken());
