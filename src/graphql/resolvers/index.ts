import type { Resolvers } from '../../generated/resolvers';
import { Entity } from './Entity';
import { Node } from './Node';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Node, Entity };
