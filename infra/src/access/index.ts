export {
  HTTPAPI_TABLE_ACTIONS,
  httpApiPermissions,
  RATE_LIMIT_TABLE_ACTIONS,
  REATTEST_TABLE_ACTIONS,
  reattestPermissions,
  STREAM_READ_ACTIONS,
  STREAMER_TABLE_ACTIONS,
  streamerPermissions,
} from './policies.js';
