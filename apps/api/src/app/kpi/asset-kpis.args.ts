import { ArgsType, Field, ID } from '@nestjs/graphql';
import { KpiRangeArgs } from './kpi-range.args';

@ArgsType()
export class AssetKpisArgs extends KpiRangeArgs {
  @Field(() => ID, { description: 'Any asset: a machine, or a line, area, site or enterprise to roll up.' })
  assetId!: string;
}
