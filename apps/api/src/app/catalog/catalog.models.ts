import { ArgsType, Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LossClass } from '@convergent/platform-data-access-db';
import { ConnectionType, PageArgs } from '../graphql/connection';

registerEnumType(LossClass, {
  name: 'LossClass',
  description: 'Where a stop lands in the OEE waterfall: planned downtime or one of the six big losses.',
});

@ObjectType({ description: 'Something a machine makes, with its ideal cycle time.' })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'Ideal cycle time per unit (ISO 22400 PRU), milliseconds.' })
  idealCycleTimeMs!: number;
}
export const ProductConnection = ConnectionType(Product, 'A page of products, by code.');

@ObjectType({ description: 'A downtime reason code.' })
export class DowntimeReason {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => LossClass)
  lossClass!: LossClass;

  @Field(() => Date, {
    nullable: true,
    description: 'Set when archived: no longer offered, kept on past stops.',
  })
  archivedAt!: Date | null;
}
export const DowntimeReasonConnection = ConnectionType(
  DowntimeReason,
  'A page of reason codes, by loss class and code.',
);

@ArgsType()
export class ProductsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the code or name.' })
  search?: string | null;
}

@ArgsType()
export class DowntimeReasonsArgs extends PageArgs {
  @Field(() => LossClass, { nullable: true })
  lossClass?: LossClass | null;

  @Field({ defaultValue: false })
  includeArchived!: boolean;
}

@InputType()
export class CreateProductInput {
  @Field({ description: '1 to 40 of A-Z a-z 0-9 . _ -, unique in the tenant.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'More than 0, at most 86400000 (one day).' })
  idealCycleTimeMs!: number;
}

@InputType()
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Float, { nullable: true, description: 'Applies to KPIs computed from now on.' })
  idealCycleTimeMs?: number | null;
}

@InputType()
export class CreateDowntimeReasonInput {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => LossClass)
  lossClass!: LossClass;
}

@InputType()
export class UpdateDowntimeReasonInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => LossClass, { nullable: true })
  lossClass?: LossClass | null;

  @Field(() => Boolean, { nullable: true, description: 'true archives the code, false brings it back.' })
  archived?: boolean | null;
}

@ObjectType({
  description:
    "A machine's own ideal cycle time for a product: KPIs use it instead of the product's default.",
})
export class MachineCycleTime {
  @Field(() => ID)
  machineId!: string;

  @Field()
  machineName!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => Float, { description: 'Ideal cycle time per unit on this machine, milliseconds.' })
  idealCycleTimeMs!: number;
}
