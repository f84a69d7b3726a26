import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { AssetKind } from '@convergent/platform-data-access-db';
import { PageArgs } from '../graphql/connection';

export enum AssetOrder {
  TREE = 'TREE',
  NAME = 'NAME',
}
registerEnumType(AssetOrder, {
  name: 'AssetOrder',
  description: 'TREE: top-down (by depth, then name); NAME: alphabetical.',
});

@ArgsType()
export class AssetsArgs extends PageArgs {
  @Field(() => AssetKind, { nullable: true })
  kind?: AssetKind | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name (search).' })
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this asset's subtree (without the asset itself)." })
  under?: string | null;

  @Field(() => AssetOrder, { defaultValue: AssetOrder.TREE })
  orderBy!: AssetOrder;
}

@ArgsType()
export class ChildrenArgs extends PageArgs {
  @Field(() => AssetKind, { nullable: true })
  kind?: AssetKind | null;
}

@InputType()
export class CreateAssetInput {
  @Field(() => AssetKind)
  kind!: AssetKind;

  @Field({ description: '1 to 120 characters, unique among its siblings.' })
  name!: string;

  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required except for sites and enterprises.' })
  parentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone: required for sites, refused for others.',
  })
  timeZone?: string | null;
}
