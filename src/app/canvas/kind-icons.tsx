import type { LucideIcon } from 'lucide-react';
import {
  Archive,
  CalendarClock,
  Container,
  Database,
  Globe,
  Inbox,
  Lambda,
  Megaphone,
  Rows3,
  Scale,
  Server,
  Users,
  Workflow,
} from 'lucide-react';
import type { NodeKind } from '../../engine/kinds/types';

/** One icon per kind (lucide, ISC licence): generic shapes, not AWS's trademarked artwork. */
export const KIND_ICONS: Record<NodeKind, LucideIcon> = {
  producer: Users,
  schedule: CalendarClock,
  apiGateway: Globe,
  function: Lambda,
  queue: Inbox,
  topic: Megaphone,
  eventBus: Workflow,
  stream: Rows3,
  bucket: Archive,
  table: Database,
  server: Server,
  container: Container,
  loadBalancer: Scale,
};

export function KindIcon({ kind, size = 20 }: { kind: NodeKind; size?: number }) {
  const Icon = KIND_ICONS[kind] ?? Server;
  return (
    <span className={`kind-icon kind-icon--${kind}`} aria-hidden="true">
      <Icon size={size} strokeWidth={1.75} />
    </span>
  );
}
