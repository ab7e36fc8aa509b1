# One image for the web app and the inference worker (docker-compose.yml picks the command).
# Untested here: these machines have the Docker client but no engine. Everything it installs comes
# from the npm registry and Debian, like a bare-metal install.
FROM node:20-bookworm-slim
ENV NEXT_TELEMETRY_DISABLED=1 PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@10.34.8
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm --filter @basegun/ml model:prepare \
 && SKIP_ENV_VALIDATION=1 pnpm --filter @basegun/web build
# migrations run before the web app starts; the seed registers the shipped model versions
CMD ["sh", "-c", "pnpm --filter @basegun/db migrate:deploy && pnpm --filter @basegun/db seed && pnpm --filter @basegun/web start"]
