import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { WorkspaceAssets } from './workspace-assets';

/** The stylesheet and script of the workspace pages. Nothing personal: no sign-in needed. */
@ApiExcludeController()
@Controller('coach/assets')
export class WorkspaceAssetsController {
  constructor(private readonly assets: WorkspaceAssets) {}

  @Get(':name')
  serve(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (!this.assets.isAsset(name)) throw new NotFoundException('No such file.');
    const asset = this.assets.get(name);
    void reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff');
    return asset.body;
  }
}
