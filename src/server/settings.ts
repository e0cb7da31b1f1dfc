import type { Severity } from '../core/rules/types';

/** The `cloudwarden.*` settings the server uses, with defaults (package.json documents the same). */
export interface ServerSettings {
  lint: { enable: boolean; maxFileSize: number; debounceMs: number };
  rules: Record<string, Severity | 'off'>;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  lint: { enable: true, maxFileSize: 5_000_000, debounceMs: 150 },
  rules: {},
};

const SEVERITY_SETTINGS = new Set(['error', 'warning', 'info', 'off']);

/** Reads the client's `cloudwarden` section defensively: anything malformed falls back to the default. */
export function parseSettings(raw: unknown): ServerSettings {
  const section = isObject(raw) ? raw : {};
  const lint = isObject(section.lint) ? section.lint : {};
  const rules: Record<string, Severity | 'off'> = {};
  if (isObject(section.rules)) {
    for (const [id, value] of Object.entries(section.rules)) {
      if (typeof value === 'string' && SEVERITY_SETTINGS.has(value)) rules[id] = value as Severity | 'off';
    }
  }
  return {
    lint: {
      enable: typeof lint.enable === 'boolean' ? lint.enable : DEFAULT_SETTINGS.lint.enable,
      maxFileSize: positive(lint.maxFileSize) ?? DEFAULT_SETTINGS.lint.maxFileSize,
      debounceMs: positive(lint.debounceMs) ?? DEFAULT_SETTINGS.lint.debounceMs,
    },
    rules,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
