/** Registers the GraphQL text check of src/read-budget/middleware.ts as `global::graphql-limits`. */
export { graphqlLimitsMiddleware as default } from '../read-budget/middleware';
