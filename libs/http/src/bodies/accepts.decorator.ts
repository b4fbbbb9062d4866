import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import { JSON_BODY } from './media-types';

/** The Fastify route option the content-type gate reads. */
export interface AcceptsRouteConfig {
  accepts?: readonly string[];
}

/**
 * The request bodies a route reads, when not JSON. Every other content type gets 415 before any
 * parser runs (see installBodyHandling), so a CSV stream never reaches a JSON route's validation.
 */
export function Accepts(...mediaTypes: [string, ...string[]]): MethodDecorator {
  const config: AcceptsRouteConfig = { accepts: mediaTypes };
  return applyDecorators(RouteConfig(config), ApiConsumes(...mediaTypes));
}

export function acceptedMediaTypes(config: unknown): readonly string[] {
  const accepts = (config as AcceptsRouteConfig | undefined)?.accepts;
  return Array.isArray(accepts) ? accepts : JSON_BODY;
}
