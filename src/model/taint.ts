/** Moved to src/scenario/taint.ts (the scenario picks the taint set); kept for older imports. */
export * from '../scenario/taint.js';
