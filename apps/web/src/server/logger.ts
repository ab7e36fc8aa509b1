import pino from "pino";

/** JSON logs on stdout; the level comes from LOG_LEVEL (read directly: logging must work before env validation). */
export const logger = pino({ name: "web", level: process.env.LOG_LEVEL ?? "info" });
