import { ArgsType, Field } from '@nestjs/graphql';
import { AssetKpisArgs } from './asset-kpis.args';
import { KpiGranularity } from './kpi-granularity';

@ArgsType()
export class KpisArgs extends AssetKpisArgs {
  @Field(() => KpiGranularity)
  granularity!: KpiGranularity;
}
