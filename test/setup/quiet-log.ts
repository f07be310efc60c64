/** Vitest setup: the handlers' logger writes only error lines during the tests (a test that reads the others turns them on). */
import { configureLog } from "#shared/http/log.ts";

configureLog({ quiet: true });
