import type { KindPicture } from '../catalog-types';
// Only the app loads this file (app/canvas/kind-icons.tsx gathers every kinds/*/icon.ts); the
// worker and Node never do. The picture is one of AWS's Architecture Icons (terms in the README).
import src from 'aws-icons/icons/architecture-service/AmazonDynamoDB.svg';

export default { src, category: 'database' } satisfies KindPicture;
