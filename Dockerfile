# The emulator as an image: production dependencies installed with `npm ci`, then Node 24 running the
# TypeScript sources directly (type stripping, no build step) as the unprivileged `node` user.
# Not exercised in CI (no Docker engine on the build machines): see the README's Docker section.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Without dev dependencies: the `node` devDependency only pins Node 24 for npm scripts, which the
# runtime image already is. No install scripts are needed by the production dependencies.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV HOST=0.0.0.0 \
    PORT=8080 \
    INFLUX_PORT=8086 \
    DATA_DIR=/data \
    NODE_COMPILE_CACHE=/home/node/.cache/node-compile-cache \
    MALLOC_ARENA_MAX=2 \
    MALLOC_TRIM_THRESHOLD_=131072
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
# Warm the compile cache at build time, so no start loads the TypeScript stripper (~20 MB resident).
RUN node --input-type=module -e "await import('/app/src/app.ts'); await import('/app/src/health/probe-cli.ts')"
VOLUME ["/data"]
EXPOSE 8080 8086
# The image has no curl: the probe is a small node script reading the same HOST/PORT/TLS settings.
HEALTHCHECK --interval=30s --timeout=15s --start-period=20s --retries=3 \
  CMD ["node", "src/health/probe-cli.ts"]
# Exec form: node is PID 1 and receives SIGTERM itself; server.ts drains in-flight requests and exits 0.
CMD ["node", "--max-semi-space-size=1", "src/server.ts"]
