import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

export interface NestRoute {
  method: string;
  /** As the OpenAPI document writes it: /v1/enrollments/{id}. */
  path: string;
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : ''];
}

/**
 * Every route the Nest router serves, read from the controllers' own metadata (what Nest registers
 * with Fastify), including those left out of the OpenAPI document (participant and report pages).
 */
export function nestRoutes(app: INestApplication): NestRoute[] {
  const routes = new Map<string, NestRoute>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = paths(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const own = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (method === undefined || own === undefined) continue;
        for (const prefix of prefixes) {
          for (const suffix of paths(own)) {
            const path = `/${[prefix, suffix]
              .map((p) => p.replace(/^\/+|\/+$/g, ''))
              .filter(Boolean)
              .join('/')}`;
            const route = { method: RequestMethod[method], path: path.replace(/:(\w+)/g, '{$1}') };
            routes.set(`${route.method} ${route.path}`, route);
          }
        }
      }
    }
  }
  return [...routes.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
