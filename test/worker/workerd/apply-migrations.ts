/**
 * Setup file (runs in workerd before each test file): the D1 migrations read by the config, applied to the `DB`
 * binding. applyD1Migrations skips those already applied, so running it again is harmless.
 */
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
