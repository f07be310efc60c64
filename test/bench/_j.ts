import { measureJourneys } from "./journeys.ts";

process.env.PARTNERFLOW_QUIET = "1";
const f = await measureJourneys(60, 8);
console.log(JSON.stringify(f));
process.exit(0);
