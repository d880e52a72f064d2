import type { CreateNode } from '../types';
import { TopicRuntime } from './runtime';
import type { TopicParams } from './schema';

export const createTopic: CreateNode<TopicParams> = (ctx, spec, index) => new TopicRuntime(ctx, spec, index);
