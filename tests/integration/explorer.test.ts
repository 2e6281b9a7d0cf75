/**
 * The explorer at /explore, driven in headless Chromium (Debian's, through playwright-core) against
 * the seeded Neo4j, with every request that would leave the machine blocked. What each view must
 * show is computed from seed/ here (breadth-first over its relationships), never taken from the API.
 */
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { assertRelationship, retractRelationship, type AssertRelationshipInput } from '../../src/queries/curation';
import type { SeedRelationship } from '../../src/seed/read';
import { launchChromium } from '../support/chromium';
import { eventually, expectGraph, listed, offlineContext, viewportOf, watch } from '../support/explorer-page';
import { expectNoErrors, startTestServer, useSeededApi } from '../support/graphql';
import { distances, entityId, seed, seedNeighborhood } from '../support/seed-graph';
import { signTestToken, testAuthenticator } from '../support/tokens';

const seeded = useSeededApi();
const nameOf = new Map(seed.entities.map((e) => [entityId(e.slug), e.name]));

let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
const blocked: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  origin = new URL(seeded.api.url).origin;
  browser = await launchChromium();
  context = await offlineContext(browser, blocked);
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  watch(page, problems);
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Selects `wanted` in the element's text as a user would, then releases the mouse button. A string
 * (run in the page, where the DOM is) because this project's tests compile without the DOM's types.
 */
const SELECT_TEXT = `(root, wanted) => {
  // Where the quote starts and ends in the element's whole text, then in which text nodes.
  const from = root.textContent.indexOf(wanted);
  if (from < 0) throw new Error('the quote is not in the text: ' + wanted);
  const to = from + wanted.length;
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const length = node.textContent.length;
    if (from >= seen && from < seen + length) range.setStart(node, from - seen);
    if (to > seen && to <= seen + length) range.setEnd(node, to - seen);
    seen += length;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
}`;

/** The id the API gives the seed document with this title. */
async function documentIdOf(title: string | undefined): Promise<string> {
  const { documents } = expectNoErrors(await seeded.api.query<{ documents: { nodes: { id: string; title: string }[] } }>('{ documents { nodes { id title } } }'));
  return documents.nodes.find((d) => d.title === title)?.id ?? '';
}

const cooperative = (r: SeedRelationship): boolean => r.stance === 'COOPERATIVE';

/**
 * States, through the data layer as another client would, a relationship from New Zealand that the
 * seed does not have, to a fellow neighbour of NATO (so that it shows in NATO's neighbourhood),
 * with a passage of the seed document as its evidence.
 */
async function stateElsewhere({ type, targetId, modality, quote, occurrence }: Pick<AssertRelationshipInput, 'type' | 'targetId' | 'modality'> & { quote: string; occurrence?: number }): Promise<{ id: string }> {
  const documentId = await documentIdOf(seed.documents[0]?.title);
  return assertRelationship(seeded.neo4j.db, 'explorer-test', {
    sourceId: 'entity:new-zealand',
    type,
    targetId,
    stance: 'COOPERATIVE',
    modality,
    evidence: [{ documentId, quote, ...(occurrence === undefined ? {} : { occurrence }) }],
  });
}
const NEW_ZEALAND_COOPERATES_WITH_AUSTRALIA = { type: 'COOPERATES_WITH', targetId: 'entity:australia', modality: 'ASSERTED', quote: 'South Korea, Australia, and New Zealand', occurrence: 1 } as const;

describe('the explorer, in headless Chromium, offline', () => {
  it('finds an actor from the keyboard and draws its neighbourhood', async () => {
    await page.goto(`${origin}/explore`);
    const search = page.getByRole('combobox', { name: 'Find an actor' });
    await search.focus();
    await page.keyboard.type('NATO');
    const first = page.getByRole('option').first();
    await eventually(() => first.innerText(), (value) => expect(value).toMatch(/^NATO\b/));
    expect((await first.innerText()).replace(/\s+/g, ' ')).toBe('NATO Organization');
    await page.keyboard.press('Enter');
    await expectGraph(page, seedNeighborhood('nato', 1));
    expect(new URL(page.url()).searchParams.get('entity')).toBe('entity:nato');
    // Each edge says its relation type in words.
    const ids = await listed(page, 'edge-list');
    for (const id of ids) {
      const r = seed.relationships.find((x) => x.id === id);
      const text = await page.locator(`[data-testid="edge-list"] button[data-id="${id}"]`).innerText();
      expect(text).toContain(`${nameOf.get(entityId(r?.sourceSlug ?? ''))} → ${r?.type.toLowerCase().replace(/_/g, ' ')} → ${nameOf.get(entityId(r?.targetSlug ?? ''))}`);
    }
  });

  it('pans and zooms the graph from the keyboard, and shows it whole again with 0', async () => {
    const viewport = () => viewportOf(page);
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('0');
    await eventually(viewport, (v) => expect(v.zoom).toBeGreaterThan(0));
    const fit = await viewport();
    await page.keyboard.press('+');
    await eventually(viewport, (v) => expect(v.zoom).toBeCloseTo(fit.zoom * 1.25, 6));
    const zoomed = await viewport();
    await page.keyboard.press('ArrowLeft');
    await eventually(viewport, (v) => expect([v.zoom, v.panX]).toEqual([zoomed.zoom, zoomed.panX + 60]));
    await page.keyboard.press('0');
    await eventually(viewport, (v) => expect(v).toEqual(fit));
  });

  it('filters on the server: hiding cooperative relationships changes the edges and the actors', async () => {
    await page.getByRole('group', { name: 'Stance' }).getByLabel('Cooperative').uncheck();
    await expectGraph(page, seedNeighborhood('nato', 1, (r) => r.stance !== 'COOPERATIVE'));
    expect(new URL(page.url()).searchParams.get('stance')).toBe('NEUTRAL,ADVERSARIAL');
    await page.getByRole('group', { name: 'Stance' }).getByLabel('Cooperative').check();
    await expectGraph(page, seedNeighborhood('nato', 1));
  });

  it('shows an edge’s evidence, the quote in a <mark> inside its paragraph, chosen from the list with Enter', async () => {
    const r = seed.relationships.find((x) => x.sourceSlug === 'nato' && x.type === 'ESTABLISHES');
    if (r === undefined) throw new Error('the seed has no NATO ESTABLISHES relationship');
    await page.locator(`[data-testid="edge-list"] button[data-id="${r.id}"]`).focus();
    await page.keyboard.press('Enter');
    const marks = page.locator('.details .evidence mark');
    await eventually(() => marks.allInnerTexts(), (value) => expect(value).toEqual(r.evidence.map((e) => e.quote)));
    const text = seed.documents.find((d) => d.slug === r.evidence[0]?.documentSlug)?.text ?? '';
    const quotes = page.locator('.details .evidence blockquote');
    for (const [i, e] of r.evidence.entries()) {
      // The paragraph is the document's line that holds the quote.
      const line = text.split('\n').find((l) => l.includes(e.quote));
      expect(await quotes.nth(i).innerText()).toBe(line);
    }
    expect(new URL(page.url()).searchParams.get('select')).toBe(`edge:${r.id}`);
  });

  it('opens the document with every mention of a known actor highlighted', async () => {
    const doc = seed.documents[0];
    if (doc === undefined) throw new Error('the seed has no document');
    await page.locator('.details .evidence .source button').first().click();
    const body = page.locator('.document-text');
    await eventually(() => body.innerText(), (value) => expect(value).toBe(doc.text));
    // Every highlighted span names an actor: it is one of that actor's names, whole.
    const names = new Map(seed.entities.map((e) => [entityId(e.slug), [e.name, ...e.aliases].map((n) => n.toLowerCase())]));
    const marks = await Promise.all((await body.locator('mark.mention').all()).map(async (m) => ({ text: (await m.textContent()) ?? '', title: (await m.getAttribute('title')) ?? '' })));
    expect(marks.length).toBeGreaterThan(20);
    const byName = new Map(seed.entities.map((e) => [e.name, entityId(e.slug)]));
    for (const mark of marks) expect(names.get(byName.get(mark.title) ?? '')).toContain(mark.text.toLowerCase());
    // The actors the article is about are each highlighted.
    const highlighted = new Set(marks.map((m) => m.title));
    for (const name of ['NATO', 'Japan', 'China', 'South Korea', 'Australia', 'New Zealand', 'United States']) expect([name, highlighted.has(name)]).toEqual([name, true]);
  });

  it('finds the path from New Zealand to China step by step, and says plainly that no cooperative one exists', async () => {
    const pick = async (label: string, text: string): Promise<void> => {
      const box = page.getByRole('combobox', { name: label, exact: true });
      await box.fill(text);
      await page.getByRole('option', { name: new RegExp(`^${text}`) }).first().click();
    };
    await pick('From', 'New Zealand');
    await pick('To', 'China');
    await page.getByRole('button', { name: 'Find path' }).click();
    const hops = distances('new-zealand').get('china');
    if (hops === undefined) throw new Error('the seed has no path from New Zealand to China');
    const steps = page.locator('[data-testid="path-steps"] > li');
    await eventually(() => steps.count(), (value) => expect(value).toBe(hops));
    expect(await page.locator('.graph-canvas').getAttribute('data-drawn-nodes')).toBe(String(hops + 1));
    expect(await steps.first().innerText()).toMatch(/^New Zealand — /);
    expect(await steps.last().innerText()).toMatch(/ — China\n/);
    const search = new URL(page.url()).searchParams;
    expect([search.get('from'), search.get('to')]).toEqual(['entity:new-zealand', 'entity:china']);

    expect(distances('new-zealand', cooperative).has('china')).toBe(false);
    await page.getByLabel('Cooperative only').check();
    await eventually(() => page.locator('[data-testid="path-steps"]').innerText(), (value) => expect(value).toMatch(/^There is no path between these two actors/));
    expect(new URL(page.url()).searchParams.get('stance')).toBe('COOPERATIVE');
  });

  it('goes back through the views with the browser’s back button', async () => {
    await page.goBack(); // the path, not cooperative-only
    await eventually(() => page.locator('[data-testid="path-steps"] > li').count(), (value) => expect(value).toBe(distances('new-zealand').get('china')));
    await page.goBack(); // the document
    await page.goBack(); // the edge
    await page.goBack(); // NATO, nothing selected
    await expectGraph(page, seedNeighborhood('nato', 1));
  });

  it('opens the same view from a deep link', async () => {
    const other = await context.newPage();
    watch(other, problems);
    try {
      const neighborhoodRequests: number[] = [];
      other.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql' && (request.postData() ?? '').includes('"ExplorerNeighborhood"')) neighborhoodRequests.push(Date.now());
      });
      await other.goto(`${origin}/explore?entity=entity:new-zealand&depth=2&stance=COOPERATIVE`);
      await expectGraph(other, seedNeighborhood('new-zealand', 2, cooperative));
      await eventually(() => other.getByRole('radio', { name: '2' }).isChecked(), (value) => expect(value).toBe(true));
      // The page's early script sent the graph request before the app ran, and the app took its
      // answer instead of asking again: one request until the first answer was in (the app reads
      // the graph once more when its live connection opens; see the next test).
      const [sent, asked, answeredAt] = await other.evaluate((): [number, number, number] => [
        performance.getEntriesByType('resource').find((r) => r.name.endsWith('/graphql'))?.startTime ?? Number.NaN,
        performance.getEntriesByName('graph-requested')[0]?.startTime ?? Number.NaN,
        performance.timeOrigin + (performance.getEntriesByName('graph-answered')[0]?.startTime ?? Number.NaN),
      ]);
      expect(sent).toBeLessThan(asked);
      expect(neighborhoodRequests.filter((at) => at <= answeredAt)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('shows a relationship stated elsewhere as it commits, and takes a retracted one away, without a reload', async () => {
    await page.goto(`${origin}/explore?entity=entity:nato&depth=1`);
    await expectGraph(page, seedNeighborhood('nato', 1));
    const stated = await stateElsewhere(NEW_ZEALAND_COOPERATES_WITH_AUSTRALIA);
    await eventually(() => listed(page, 'edge-list'), (value) => expect(value).toContain(stated.id));
    await retractRelationship(seeded.neo4j.db, 'explorer-test', stated.id, 'a test statement');
    await eventually(() => listed(page, 'edge-list'), (value) => expect(value).not.toContain(stated.id));
    await expectGraph(page, seedNeighborhood('nato', 1));
  });

  it('does not miss a change committed after the graph was read but before its live connection opened', async () => {
    const late = await context.newPage();
    watch(late, problems);
    // The live connection is held back until the change is in: the page's messages wait here, and
    // reach the server (which then acknowledges the connection) once it is let through.
    let letThrough!: () => void;
    const through = new Promise<void>((resolve) => (letThrough = resolve));
    await late.routeWebSocket(
      (url) => url.pathname === '/graphql',
      (ws) => {
        const waiting: (string | Buffer)[] = [];
        let server: WebSocketRoute | undefined;
        ws.onMessage((message) => (server === undefined ? waiting.push(message) : server.send(message)));
        void through.then(() => {
          server = ws.connectToServer();
          for (const message of waiting.splice(0)) server.send(message);
        });
      },
    );
    try {
      await late.goto(`${origin}/explore?entity=entity:nato&depth=1`);
      await expectGraph(late, seedNeighborhood('nato', 1));
      const stated = await stateElsewhere(NEW_ZEALAND_COOPERATES_WITH_AUSTRALIA);
      try {
        letThrough();
        // Subscribed only from now on, it never hears of the change: the graph is read again.
        await eventually(() => listed(late, 'edge-list'), (value) => expect(value).toContain(stated.id));
      } finally {
        await retractRelationship(seeded.neo4j.db, 'explorer-test', stated.id, 'a test statement');
      }
      await eventually(() => listed(late, 'edge-list'), (value) => expect(value).not.toContain(stated.id));
    } finally {
      await late.close();
    }
  });

  it('curates in place with a token: states a relationship from a selected passage, then retracts it; refusals are shown in words', async () => {
    const doc = seed.documents[0];
    const documentId = await documentIdOf(doc?.title);
    await page.goto(`${origin}/explore?entity=entity:nato&depth=1&select=doc:${encodeURIComponent(documentId)}`);
    await page.locator('.document-text').waitFor();
    expect(await page.locator('.details').innerText()).toContain('Paste a token');

    // A token without the editor role: the server's refusal appears next to the form.
    await page.getByLabel('Curation token').fill(await signTestToken({ sub: 'reader', roles: [] }));
    await page.getByRole('button', { name: 'Use' }).click();
    const quote = 'NATO aims to enhance ties with key regional partners';
    expect(doc?.text.includes(quote)).toBe(true);
    const selectQuote = async (): Promise<void> => {
      await page.evaluate(`(${SELECT_TEXT})(document.querySelector('.document-text'), ${JSON.stringify(quote)})`);
      await eventually(() => page.getByTestId('selected-quote').innerText(), (value) => expect(value).toBe(quote));
    };
    const form = page.getByRole('form', { name: 'State a relationship from the selected passage' });
    const fillAssertForm = async (): Promise<void> => {
      await form.getByLabel('Source', { exact: true }).selectOption({ label: 'NATO' });
      await form.getByLabel('Relation', { exact: true }).selectOption({ label: 'partner of' });
      await form.getByLabel('Target', { exact: true }).selectOption({ label: 'South Korea' });
      await form.getByLabel('Modality', { exact: true }).selectOption({ label: 'Planned' });
      await form.getByRole('button', { name: 'State it' }).click();
    };
    await selectQuote();
    await fillAssertForm();
    await eventually(() => page.locator('form.curation [role="alert"]').innerText(), (value) => expect(value).toMatch(/role/i));

    // With an editor's token it is stated, with the selection as its evidence.
    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.getByLabel('Curation token').fill(await signTestToken({ sub: 'curator', roles: ['editor'] }));
    await page.getByRole('button', { name: 'Use' }).click();
    await selectQuote();
    await fillAssertForm();
    await page.getByText('Stated: the relationship has this passage as evidence.').waitFor();
    const between = expectNoErrors(
      await seeded.api.query<{ relationshipsBetween: { id: string; type: string; stance: string; modality: string; source: { id: string }; evidence: { quote: string; start: number }[] }[] }>(
        'query ($a: ID!, $b: ID!) { relationshipsBetween(a: $a, b: $b, filter: { modalities: [PLANNED], types: [PARTNER_OF] }) { id type stance modality source { id } evidence { quote start } } }',
        { a: 'entity:nato', b: 'entity:south-korea' },
      ),
    ).relationshipsBetween;
    expect(between).toHaveLength(1);
    expect(between[0]).toMatchObject({ type: 'PARTNER_OF', stance: 'COOPERATIVE', modality: 'PLANNED', source: { id: 'entity:nato' }, evidence: [{ quote, start: doc?.text.indexOf(quote) }] });
    const id = between[0]?.id ?? '';
    await eventually(() => listed(page, 'edge-list'), (value) => expect(value).toContain(id));

    // Retracted from its edge panel, with a reason.
    await page.locator(`[data-testid="edge-list"] button[data-id="${id}"]`).click();
    await page.getByLabel('Reason').fill('stated by the explorer test');
    await page.getByRole('button', { name: 'Retract this relationship' }).click();
    await page.locator('.details .retracted').filter({ hasText: 'Retracted by curator' }).filter({ hasText: 'stated by the explorer test' }).waitFor();
    await eventually(() => listed(page, 'edge-list'), (value) => expect(value).not.toContain(id));
    const after = expectNoErrors(await seeded.api.query<{ node: { retraction: { reason: string; by: string } | null } | null }>('query ($id: ID!) { node(id: $id) { ... on Relationship { retraction { reason by } } } }', { id }));
    expect(after.node?.retraction).toEqual({ reason: 'stated by the explorer test', by: 'curator' });
  });

  it('works against a server that runs only persisted documents and needs a token for reads', async () => {
    // The production recommendation (TRUSTED_DOCUMENTS_ONLY) with AUTH_REQUIRED_FOR_READS: every
    // query, and the live subscription, must go by document id and carry the session's token.
    const strict = await startTestServer(seeded.neo4j.db, { trustedDocumentsOnly: true, authenticator: await testAuthenticator({ requiredForReads: true }) });
    const strictPage = await context.newPage();
    watch(strictPage, problems);
    try {
      const strictOrigin = new URL(strict.url).origin;
      // The query text is refused there, so nothing but persisted documents can draw the graph.
      const text = await fetch(strict.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ entity(id: "entity:nato") { id } }' }) });
      expect(text.status).toBe(403);
      // A reader's token in the session, as the curation panel would keep it.
      const token = await signTestToken({ sub: 'reader', roles: [] });
      await strictPage.goto(`${strictOrigin}/explore`);
      await strictPage.evaluate(`sessionStorage.setItem('actor-graph.token', ${JSON.stringify(token)})`);
      await strictPage.goto(`${strictOrigin}/explore?entity=entity:nato&depth=1`);
      await expectGraph(strictPage, seedNeighborhood('nato', 1));
      // The live subscription is accepted too: a relationship stated elsewhere appears without a reload.
      // Between two of NATO's neighbours, and not in the seed: a relationship of its own.
      const stated = await stateElsewhere({ type: 'CONSULTS', targetId: 'entity:japan', modality: 'PLANNED', quote: 'NATO aims to enhance ties with key regional partners' });
      expect(seed.relationships.some((r) => r.sourceSlug === 'new-zealand' && r.targetSlug === 'japan')).toBe(false);
      try {
        await eventually(() => listed(strictPage, 'edge-list'), (value) => expect(value).toContain(stated.id));
      } finally {
        await retractRelationship(seeded.neo4j.db, 'explorer-test', stated.id, 'added by the explorer test');
      }
    } finally {
      await strictPage.close();
      await strict.stop();
    }
  });

  it('sent nothing off the machine and logged no errors or warnings', () => {
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });
});
