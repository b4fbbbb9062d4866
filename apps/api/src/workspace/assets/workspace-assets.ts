import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';

const TYPES = {
  'workspace.css': 'text/css; charset=utf-8',
  'workspace.js': 'text/javascript; charset=utf-8',
};
export type AssetName = keyof typeof TYPES;

interface Asset {
  body: string;
  type: string;
  version: string;
}

/**
 * The workspace's stylesheet and script, served as files (never inline, so a Content-Security-
 * Policy can forbid inline script and style). Read once, on first use, from `static/` beside this file, or
 * from the source tree when a build did not copy them (a benchmark compiled on its own).
 */
@Injectable()
export class WorkspaceAssets {
  private readonly loaded = new Map<AssetName, Asset>();

  isAsset(name: string): name is AssetName {
    return Object.hasOwn(TYPES, name);
  }

  get(name: AssetName): Asset {
    const cached = this.loaded.get(name);
    if (cached) return cached;
    const candidates = [
      join(__dirname, 'static', name),
      join(process.cwd(), 'apps/api/src/workspace/assets/static', name),
    ];
    const path = candidates.find((candidate) => existsSync(candidate));
    if (!path) throw new Error(`Workspace asset ${name} is missing: looked in ${candidates.join(', ')}`);
    const body = readFileSync(path, 'utf8');
    const asset = {
      body,
      type: TYPES[name],
      version: createHash('sha256').update(body).digest('hex').slice(0, 12),
    };
    this.loaded.set(name, asset);
    return asset;
  }

  /** The address to link to; the version changes with the content, so it can be cached for long. */
  href(name: AssetName): string {
    return `/coach/assets/${name}?v=${this.get(name).version}`;
  }
}
