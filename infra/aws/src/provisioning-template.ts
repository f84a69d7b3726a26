// The fleet-provisioning template body (AWS IoT's own template language, not CloudFormation).
// Parameter names are the ones the edge agent sends with RegisterThing (PROVISIONING_PARAMETERS in
// data-access-iot); SiteId and GatewayId are filled in by the pre-provisioning hook's answer.

export interface GatewayTemplateOptions {
  thingType: string;
  thingGroup: string;
  policyName: string;
}

export function gatewayTemplateBody({ thingType, thingGroup, policyName }: GatewayTemplateOptions) {
  return {
    Parameters: {
      ThingName: { Type: 'String' },
      ClaimToken: { Type: 'String' },
      SerialNumber: { Type: 'String', Default: '' },
      SiteId: { Type: 'String' },
      GatewayId: { Type: 'String' },
      'AWS::IoT::Certificate::Id': { Type: 'String' },
    },
    Resources: {
      thing: {
        Type: 'AWS::IoT::Thing',
        Properties: {
          ThingName: { Ref: 'ThingName' },
          ThingTypeName: thingType,
          ThingGroups: [thingGroup],
          AttributePayload: {
            siteId: { Ref: 'SiteId' },
            gatewayId: { Ref: 'GatewayId' },
            serialNumber: { Ref: 'SerialNumber' },
          },
        },
        OverrideSettings: {
          AttributePayload: 'REPLACE',
          ThingTypeName: 'REPLACE',
          ThingGroups: 'DO_NOTHING',
        },
      },
      certificate: {
        Type: 'AWS::IoT::Certificate',
        Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
      },
      policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: policyName } },
    },
    DeviceConfiguration: { siteId: { Ref: 'SiteId' }, gatewayId: { Ref: 'GatewayId' } },
  };
}
