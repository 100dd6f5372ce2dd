/**
 * The meeting page's settings as Jitsi's page works them out (docs/jitsi/branding.md §1): the deployment's
 * config.js and interface_config.js, then the URL's `config.*` and `interfaceConfig.*` overrides, of which only the
 * whitelisted paths are kept (`setConfigFromURLParams` → `overrideConfigJSON` → `getWhitelistedJSON`), merged in
 * with arrays replaced. The `overwriteConfig` command goes through the same config filter.
 */
import { isObject } from '../../shared/json-checks.js';
import { DEFAULT_INTERFACE_CONFIG, DEPLOYMENT_SCRIPTS } from '../protocol/deployment.js';
import { CONFIG_WHITELIST, EMBEDDED_CONFIG_WHITELIST, INTERFACE_CONFIG_WHITELIST } from './override-whitelist.js';
import type { UrlParams } from './url-params.js';

export type JsonObject = Record<string, unknown>;

/** What the page acts on: the deployment's two objects with the overrides that reached them. */
export interface MeetingSettings {
  config: JsonObject;
  interfaceConfig: JsonObject;
}

/**
 * The deployment's settings, from the globals its config.js and interface_config.js set (the server's
 * `/config.js` and `/interface_config.js`); Jitsi's interface defaults stand in for anything missing.
 */
export function readDeployment(globals: object): MeetingSettings {
  const values = globals as Record<string, unknown>;
  const config = values[DEPLOYMENT_SCRIPTS.config.global];
  const interfaceConfig = values[DEPLOYMENT_SCRIPTS.interfaceConfig.global];
  return {
    config: isObject(config) ? config : {},
    interfaceConfig: { ...DEFAULT_INTERFACE_CONFIG, ...(isObject(interfaceConfig) ? interfaceConfig : {}) },
  };
}

/** The config paths a page may take from its URL or from `overwriteConfig`. */
export function configWhitelist(embedded: boolean): readonly string[] {
  return embedded ? [...CONFIG_WHITELIST, ...EMBEDDED_CONFIG_WHITELIST] : CONFIG_WHITELIST;
}

/**
 * Flat hash keys made into objects, as `setConfigFromURLParams` does: `config.p2p.enabled` → `{config: {p2p:
 * {enabled}}}`. A key under a value that is not an object is skipped (Jitsi's page would throw on it).
 */
function nest(params: UrlParams): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of Object.entries(params)) {
    const names = key.split('.');
    const last = names.pop()!;
    let base: JsonObject | undefined = root;
    for (const name of names) {
      // `base[name] || {}`, as Jitsi writes it: a falsy value gives way to an object.
      const next: unknown = base[name] || (base[name] = {});
      base = isObject(next) ? next : undefined;
      if (!base) break;
    }
    if (base) base[last] = value;
  }
  return root;
}

/** The value at `names` under `source`, through own properties of objects only. */
function valueAt(source: unknown, names: readonly string[]): { value: unknown } | undefined {
  let value = source;
  for (const name of names) {
    if (!isObject(value) || !Object.hasOwn(value, name)) return undefined;
    value = value[name];
  }
  return { value };
}

/** lodash `pick(source, paths)` on own properties: each dotted path that exists is copied, with its parents. */
export function pickPaths(source: unknown, paths: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const path of paths) {
    const names = path.split('.');
    const found = valueAt(source, names);
    if (!found) continue;
    let target = picked;
    for (const name of names.slice(0, -1)) {
      if (!isObject(target[name])) target[name] = {};
      target = target[name] as JsonObject;
    }
    target[names.at(-1)!] = found.value;
  }
  return picked;
}

/** lodash `mergeWith(base, override)` with arrays replaced, as Jitsi merges overrides; returns a new object. */
export function mergeOverrides(base: JsonObject, override: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const old = merged[key];
    if (isObject(old) && isObject(value)) merged[key] = mergeOverrides(old, value);
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** The overrides in a meeting page's hash that Jitsi applies; the rest of `config.*`/`interfaceConfig.*` is dropped. */
export function urlOverrides(hash: UrlParams, embedded: boolean): MeetingSettings {
  const nested = nest(hash);
  return {
    config: pickPaths(nested['config'], configWhitelist(embedded)),
    interfaceConfig: pickPaths(nested['interfaceConfig'], INTERFACE_CONFIG_WHITELIST),
  };
}

/** The deployment's settings with the page's overrides merged in. */
export function withOverrides(deployment: MeetingSettings, overrides: MeetingSettings): MeetingSettings {
  return {
    config: mergeOverrides(deployment.config, overrides.config),
    interfaceConfig: mergeOverrides(deployment.interfaceConfig, overrides.interfaceConfig),
  };
}
