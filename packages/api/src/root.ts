import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { apiKeysRouter } from "./routers/api-keys.ts";
import { datasetRouter } from "./routers/dataset.ts";
import { identificationRouter } from "./routers/identification.ts";
import { meRouter } from "./routers/me.ts";
import { modelsRouter } from "./routers/models.ts";
import { reviewRouter } from "./routers/review.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  identification: identificationRouter,
  me: meRouter,
  review: reviewRouter,
  dataset: datasetRouter,
  models: modelsRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
