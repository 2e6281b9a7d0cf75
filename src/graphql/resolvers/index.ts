import type { Resolvers } from '../../generated/resolvers';
import { Change } from './Change';
import { Document, Evidence, Mention } from './Document';
import { Mutation } from './Mutation';
import { DateTime } from '../scalars';
import { Entity } from './Entity';
import { Node } from './Node';
import { Path } from './Path';
import { Query } from './Query';
import { Relationship } from './Relationship';
import { SearchHit } from './SearchHit';
import { Subscription } from './Subscription';

export const resolvers: Resolvers = { Query, Mutation, Subscription, Change, DateTime, Node, Entity, Relationship, Document, Evidence, Mention, Path, SearchHit };
