/** The handlers' logger: configured by what runs it, never by the environment. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { configureLog, log } from "#shared/http/log.ts";

afterEach(() => {
  vi.restoreAllMocks();
  configureLog({ quiet: true });
});

describe("log", () => {
  it("writes info and warn lines unless configured quiet, and error lines always", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    configureLog({ quiet: false });
    log("info", "one", { partnershipId: "P1" });
    log("warn", "two");
    configureLog({ quiet: true });
    log("info", "three");
    log("error", "four", { count: 2 });
    expect(out.mock.calls.map(([line]) => JSON.parse(String(line)).message)).toEqual(["one", "two"]);
    expect(JSON.parse(String(out.mock.calls[0]?.[0]))).toMatchObject({ level: "info", partnershipId: "P1" });
    expect(err.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
      { level: "error", message: "four", count: 2, time: expect.any(String) },
    ]);
  });

  it("gives back the options it replaces, so that a runner can put them back", () => {
    configureLog({ quiet: true });
    expect(configureLog({ quiet: false })).toEqual({ quiet: true });
    expect(configureLog({ quiet: true })).toEqual({ quiet: false });
  });

  it("is not quietened by PARTNERFLOW_QUIET: shared/ reads no environment for it", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.stubEnv("PARTNERFLOW_QUIET", "1");
    configureLog({ quiet: false });
    log("info", "still written");
    vi.unstubAllEnvs();
    expect(out).toHaveBeenCalledTimes(1);
  });
});
