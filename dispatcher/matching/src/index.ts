export * from './travel-times.js';
export * from './model.js';
export * from './prng.js';
export * from './planar.js';
export { buildProblem, FAR, type BuiltProblem, type Problem, type ProblemInput } from './problem.js';
export { checkRoute, scheduleRoute, routeCost, type Schedule, type Violation } from './route.js';
export { Solution } from './solution.js';
export { improve, type LnsOptions, type LnsStats } from './lns.js';
export { RoutePool, vehicleGroups, type PooledRoute } from './route-pool.js';
export { recombine } from './recombine.js';
export {
  lagrangianBound,
  setPartitionSearch,
  type SetPartitionInput,
  type SetPartitionSolver,
} from './set-partition.js';
export {
  construct,
  describe,
  planRoutes,
  type Plan,
  type PlanOptions,
  type PlannedRoute,
  type PlannedStopTime,
} from './plan.js';
export { assignBatch, assignmentStage, type BatchOptions, type BatchResult } from './assign.js';
export { insertRequest } from './match.js';
export { nearest, straightLine } from './nearest.js';
export { assignWithPenalty, solveAssignment } from './hungarian.js';
export type { Exclusion, ExclusionReason, Explanation } from './explain.js';
export * from './travel/great-circle-travel-times.js';
export * from './travel/matrix-cache.js';
