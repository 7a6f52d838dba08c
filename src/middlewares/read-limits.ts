/** Registers src/read-budget/middleware.ts's hard stops of public reads as `global::read-limits`. */
export { readLimitsMiddleware as default } from '../read-budget/middleware';
