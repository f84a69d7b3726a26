import { Field, ID, ObjectType } from '@nestjs/graphql';
import { KpiBucket } from './kpi-bucket.model';

@ObjectType({
  description:
    'The shift in progress of an asset, so far, re-read after the live job recomputed machines below it: the same entries as currentShiftKpis.',
})
export class CurrentShiftKpisUpdate {
  @Field(() => ID)
  assetId!: string;

  @Field(() => [ID], {
    description: 'The machines below the asset whose figures changed since the last update.',
  })
  machineIds!: string[];

  @Field(() => [KpiBucket])
  buckets!: KpiBucket[];
}
