# Build once, run the api or the worker from the same image (see docker-compose.yml).
# Node 26 is the Active LTS line (October 2026 to October 2027, security fixes until April 2029);
# the major tag follows its patch releases. Debian trixie is that line's default base.
FROM node:26-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY scripts scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:26-trixie-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
# 3000 the api, 3001 the worker's operations port, 3002 the api's (OPS_PORT): never publish the last two.
EXPOSE 3000 3001 3002
CMD ["node", "dist/apps/api/src/main.js"]
