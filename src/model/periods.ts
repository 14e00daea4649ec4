/** Moved to src/time/periods.ts (periods sit below every layer that reads them); kept for older imports. */
export * from '../time/periods.js';
