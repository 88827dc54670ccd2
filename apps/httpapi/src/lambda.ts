/**
 * The Lambda entry (docs/configuration.md): API Gateway HTTP API v2 events in, Hono's answers
 * out. Built once per instance; a bad setting fails the cold start with a message saying which.
 */
import { handle } from 'hono/aws-lambda';
import { createConfiguredApp } from './app/production.js';
import { readHttpApiConfig } from './config/config.js';

/** The API Gateway HTTP API (payload v2) handler. */
export const handler = handle(createConfiguredApp(readHttpApiConfig()));
