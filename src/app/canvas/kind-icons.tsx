import type { IconKey } from '../../engine/kinds/catalog-types';
import { KINDS } from '../../engine/kinds/registry';
import type { NodeKind } from '../../engine/kinds/vocabulary';
// AWS Architecture Icons (via the aws-icons package; terms in the README): only the SVGs the
// kinds use are imported, each as a small asset URL, so the bundle carries 15 icons, not 800.
import apiGateway from 'aws-icons/icons/architecture-service/AmazonAPIGateway.svg';
import dynamodb from 'aws-icons/icons/architecture-service/AmazonDynamoDB.svg';
import ec2 from 'aws-icons/icons/architecture-service/AmazonEC2.svg';
import ecs from 'aws-icons/icons/architecture-service/AmazonElasticContainerService.svg';
import eventBridge from 'aws-icons/icons/architecture-service/AmazonEventBridge.svg';
import kinesis from 'aws-icons/icons/architecture-service/AmazonKinesisDataStreams.svg';
import sns from 'aws-icons/icons/architecture-service/AmazonSimpleNotificationService.svg';
import sqs from 'aws-icons/icons/architecture-service/AmazonSimpleQueueService.svg';
import s3 from 'aws-icons/icons/architecture-service/AmazonSimpleStorageService.svg';
import lambda from 'aws-icons/icons/architecture-service/AWSLambda.svg';
import stepFunctions from 'aws-icons/icons/architecture-service/AWSStepFunctions.svg';
import elb from 'aws-icons/icons/architecture-service/ElasticLoadBalancing.svg';
import pipes from 'aws-icons/icons/resource/AmazonEventBridgePipes.svg';
import scheduler from 'aws-icons/icons/resource/AmazonEventBridgeScheduler.svg';
import users from 'aws-icons/icons/resource/Users.svg';

/**
 * AWS's category colours, as in the icons themselves: a node's accent follows its service's
 * category, the way AWS diagrams read.
 */
export const CATEGORY_COLOURS = {
  compute: '#ed7100',
  integration: '#e7157b',
  networking: '#8c4fff',
  analytics: '#8c4fff',
  storage: '#7aa116',
  database: '#c925d1',
  general: '#232f3e',
} as const;

export type AwsCategory = keyof typeof CATEGORY_COLOURS;

interface KindArt {
  src: string;
  category: AwsCategory;
  /** A resource icon (glyph on transparent ground) rather than a service tile. */
  resource?: boolean;
}

/** The picture for each icon key a kind's catalog names (kinds/<kind>/catalog.ts). */
export const ICONS: Record<IconKey, KindArt> = {
  clients: { src: users, category: 'general', resource: true },
  clock: { src: scheduler, category: 'integration', resource: true },
  api: { src: apiGateway, category: 'networking' },
  lambda: { src: lambda, category: 'compute' },
  workflow: { src: stepFunctions, category: 'integration' },
  queue: { src: sqs, category: 'integration' },
  topic: { src: sns, category: 'integration' },
  bus: { src: eventBridge, category: 'integration' },
  pipe: { src: pipes, category: 'integration', resource: true },
  stream: { src: kinesis, category: 'analytics' },
  bucket: { src: s3, category: 'storage' },
  table: { src: dynamodb, category: 'database' },
  server: { src: ec2, category: 'compute' },
  container: { src: ecs, category: 'compute' },
  balancer: { src: elb, category: 'networking' },
};

function artOf(kind: NodeKind): KindArt | undefined {
  const key = KINDS[kind]?.icon;
  return key ? ICONS[key] : undefined;
}

export function categoryColour(kind: NodeKind): string {
  return CATEGORY_COLOURS[artOf(kind)?.category ?? 'general'];
}

/** The kind's AWS icon; decorative (the label beside it names the node). Size 0: sized by CSS. */
export function KindIcon({ kind, size = 20 }: { kind: NodeKind; size?: number }) {
  const art = artOf(kind);
  return (
    <span
      className={`kind-icon kind-icon--${kind}${art?.resource ? ' kind-icon--resource' : ''}`}
      style={size ? { width: size, height: size } : undefined}
      aria-hidden="true"
    >
      {art ? (
        <img src={art.src} alt="" width={size || undefined} height={size || undefined} draggable={false} />
      ) : null}
    </span>
  );
}
