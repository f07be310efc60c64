/** The CDK CLI's entry point (cdk.json "app"): synthesises both stacks with bundled functions. */
import { buildApp } from "./build-app.ts";

buildApp({ bundle: true }).app.synth();
