export {
  httpApiPermissions,
  reattestPermissions,
  STREAM_READ_ACTIONS,
  streamerPermissions,
  TABLE_CONDITIONAL_WRITE_ACTIONS,
  TABLE_READ_WRITE_ACTIONS,
} from './policies.js';
