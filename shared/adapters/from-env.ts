/** Adapters built once per Lambda container from the environment; a handler imports only the ones it uses. */
import { type AppConfig, loadAppConfig } from "../config/app-config.ts";

let config: AppConfig | undefined;

export function appConfig(): AppConfig {
  config ??= loadAppConfig();
  return config;
}
