// What a route module of the simulated tenant (skills-routes.ts, session-routes.ts) answers; server.ts
// sends it, an error (one with a description) with its icStatusDescription and error body.

/** A status and body; `description` (errors only) goes into icStatusDescription and the error body. */
export interface RouteAnswer {
  status: number;
  body: unknown;
  description?: string;
}
