/**
 * Jest setup: tests log nothing unless TEST_LOG_LEVEL asks (e.g. TEST_LOG_LEVEL=debug npx jest …), so
 * the test output shows results, not the app's info lines. A test that checks logging configures its own.
 */
import { configureLogger } from '../../services/logging/logger';

configureLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
