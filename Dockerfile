# The actor-graph API image: compiled TypeScript and the built web pages on Node 24 (the current LTS),
# production dependencies only (React, GraphiQL, Apollo Client and cytoscape are bundled at build time).
# It never starts Neo4j itself: NEO4J_URI must point at one (docker-compose.yml does).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The explorer and playground are bundled here (esbuild); the runtime image serves dist/web as files.
COPY web ./web
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY seed ./seed
COPY operations ./operations
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
