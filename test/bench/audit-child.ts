/**
 * The audit section in a process of its own (audit-process.ts starts it): the handlers build their AWS clients
 * once at module load, so a second local runtime in the same process (after the journeys') would reach the
 * first one's stopped endpoints. Prints the rows and notes as one JSON line.
 */
import { configureLog } from "#shared/http/log.ts";
import { measureAudit } from "./audit.ts";

configureLog({ quiet: true });
const measured = await measureAudit();
process.stdout.write(`\n${JSON.stringify(measured)}\n`);
process.exit(0);
