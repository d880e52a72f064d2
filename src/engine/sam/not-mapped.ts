/** Why a resource type is not simulated, in the report's words. */
const RULES: [RegExp, string][] = [
  [
    /^AWS::StepFunctions::Activity$/,
    'Step Functions activities (workers polling for tasks) have no simulator kind',
  ],
  [/^AWS::IAM::/, 'IAM: permissions are not simulated'],
  [
    /^AWS::(Lambda::Permission|SQS::QueuePolicy|SNS::TopicPolicy|S3::BucketPolicy|Events::EventBusPolicy|Lambda::LayerVersionPermission)$/,
    'permissions are not simulated',
  ],
  [
    /^AWS::(Logs|CloudWatch|XRay|ApplicationInsights|Synthetics|CloudTrail)::/,
    'logging and monitoring are not simulated',
  ],
  [
    /^AWS::(EC2::(VPC|Subnet|SecurityGroup|SecurityGroupIngress|SecurityGroupEgress|InternetGateway|NatGateway|EIP|Route|RouteTable|SubnetRouteTableAssociation|VPCGatewayAttachment|VPCEndpoint)|Route53|CertificateManager|ACMPCA|CloudFront)/,
    'networking, DNS, CDN and certificates are not simulated',
  ],
  [
    /^AWS::(Serverless::LayerVersion|Lambda::LayerVersion|Serverless::Application|CloudFormation::|SSM::Parameter|SecretsManager::|KMS::)/,
    'packaging, configuration and secrets are not simulated',
  ],
  [/^AWS::(Lambda::Url)$/, 'function URLs have no simulator kind (use an HTTP API)'],
  [
    /^AWS::(ApiGateway::(ApiKey|UsagePlan|UsagePlanKey|Account|DomainName|DomainNameV2|BasePathMapping|BasePathMappingV2|DomainNameAccessAssociation|Authorizer|RequestValidator|GatewayResponse)|ApiGatewayV2::(DomainName|ApiMapping|Authorizer))$/,
    'API keys, usage plans, domains and authorizers are not simulated',
  ],
  [
    /^AWS::Events::(Connection|ApiDestination|Archive)$/,
    'EventBridge API destinations, connections and archives have no simulator kind',
  ],
];

export function notMappedReason(type: string): string {
  for (const [re, reason] of RULES) if (re.test(type)) return reason;
  return 'no simulator kind for this type';
}
