export type {
  ProgressMode,
  ProgressOptions,
  ProgressReporter,
  ProgressStream,
} from './progress.js';
export { createProgressReporter, formatDuration } from './progress.js';
