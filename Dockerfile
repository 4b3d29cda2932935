# AZX Dock API image. Two stages: the first compiles TypeScript with the
# full toolchain, the second carries only what runs in production.

FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so that source edits reuse the cached install layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build


FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    MIGRATE_ON_START=true
WORKDIR /app

# No runtime package needs an install script; skipping them keeps the layer lean.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# The migrator looks for migrations/ beside dist/, walking up from dist/src/storage.
COPY --from=build /app/dist ./dist
COPY migrations ./migrations

# Files stay owned by root (read-only to the app); only the PGlite folder is writable,
# for a container started without DATABASE_URL.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

EXPOSE 8080

# Slim images have no curl: node's own fetch asks /healthz, with a deadline under --timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]

# The server drains requests in flight and closes its pool on SIGTERM.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/server.js"]
