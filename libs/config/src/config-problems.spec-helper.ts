import { ConfigError, loadConfig } from './app-config';

/** What loading these settings refuses, one line per problem; none for settings that load. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
