import { configure } from '@testing-library/react';

// Testing Library's waits (waitFor, findBy…) give up after 1 s by default: on a loaded CI
// machine a chart mounts (one at a time, after a paint: mount-queue.tsx) later than that. A
// wait that is met returns at once, so this costs time only when a check fails.
configure({ asyncUtilTimeout: 10_000 });
