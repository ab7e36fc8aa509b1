import { createTRPCRouter, protectedProcedure } from "../trpc.ts";

export const meRouter = createTRPCRouter({
  get: protectedProcedure.query(async ({ ctx }) => {
    const user = await ctx.deps.db.user.findUniqueOrThrow({
      where: { id: ctx.actor.userId },
      select: { id: true, email: true, name: true, role: true, unit: true },
    });
    return user;
  }),
});
