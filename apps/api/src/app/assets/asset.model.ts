import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AssetKind } from '@convergent/platform-data-access-db';
import { ConnectionType } from '../graphql/connection';

registerEnumType(AssetKind, { name: 'AssetKind', description: 'ISA-95 equipment hierarchy level.' });

@ObjectType({ description: 'A node of the asset tree: enterprise, site, area, line, cell or machine.' })
export class Asset {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => AssetKind)
  kind!: AssetKind;

  @Field(() => String, { nullable: true, description: "The plant's own code for it." })
  code!: string | null;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The site this asset belongs to.' })
  siteId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone (sites only; others use their site's).",
  })
  timeZone!: string | null;

  @Field(() => Int, { description: 'Levels below the top of its tree (a top-level site is 0).' })
  depth!: number;

  ancestors!: string[];
  currentProductId!: string | null;
}

export const AssetConnection = ConnectionType(Asset, 'A page of assets.');
