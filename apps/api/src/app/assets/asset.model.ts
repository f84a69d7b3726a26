import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AssetKind } from '@convergent/platform-data-access-db';

registerEnumType(AssetKind, { name: 'AssetKind', description: 'ISA-95 equipment hierarchy level.' });

@ObjectType({ description: 'A node of the asset tree: enterprise, site, area, line, cell or machine.' })
export class Asset {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => AssetKind)
  kind!: AssetKind;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The site this asset belongs to.' })
  siteId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone (sites only; others use their site's).",
  })
  timeZone!: string | null;
}
