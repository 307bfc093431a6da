/**
 * The workflow (流程) of self-evaluation tasks and evaluations, pure: states, roles and their scope, the declared
 * transition tables with `can` / `transition`, visibility and editing, return reasons beside their fields, and the
 * results-use registry. No clock (every call takes `now`), no storage: the store keeps what these functions decide,
 * the server and the web app ask them. docs/workflow.md is written from these tables.
 */
export * from './access.ts';
export * from './decisions.ts';
export * from './reasons.ts';
export * from './result-use.ts';
export * from './roles.ts';
export * from './states.ts';
export * from './table.ts';
export * from './task.ts';
export * from './transitions.ts';
