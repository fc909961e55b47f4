/**
 * The layout's import rules, checked by `npm run lint` (and so by `npm test`):
 *   routes → components, models (and auth, i18n, utils; services for HTTP-level pieces: CSV responses, the mailbox)
 *   models → services, db    services → db
 * no cycles, nothing in app/ imports tests/, no route imports another route.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "A cycle means two modules cannot be understood apart.", from: {}, to: { circular: true } },
    { name: "app-not-tests", severity: "error", comment: "The app never loads test code.", from: { path: "^(app|emails)/" }, to: { path: "^tests/" } },
    { name: "route-not-route", severity: "error", comment: "Share through components/ or models/, not another route.", from: { path: "^app/routes/" }, to: { path: "^app/routes/" } },
    { name: "route-not-db", severity: "error", comment: "Routes query through models.", from: { path: "^app/routes/" }, to: { path: "^db/" } },
    { name: "component-layer", severity: "error", comment: "Components are presentational: no routes, no server code (a component's own *.server.ts only re-exports a part loaded apart, see app/components/lazy-part.tsx).", from: { path: "^app/components/" }, to: { path: ["^app/routes/", "\\.server\\.tsx?$", "^db/", "^app/services/"], pathNot: "^app/components/.+\\.server\\.ts$" } },
    { name: "model-not-web", severity: "error", comment: "Models know nothing of routes or components.", from: { path: "^app/models/" }, to: { path: "^app/(routes|components)/" } },
    { name: "service-not-domain", severity: "error", comment: "Services (pdf, csv, mail, jobs, rate limits, photos) know no area.", from: { path: "^app/services/" }, to: { path: "^app/(models|routes|components|auth)/" } },
    { name: "db-not-app", severity: "error", comment: "Schema and client stand alone; only the seeds use the models.", from: { path: "^db/", pathNot: "^db/seed" }, to: { path: "^app/" } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|build|\\.builds|public/build|\\.cache|data)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".d.ts"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
