import type { Resolvers } from '../../generated/resolvers';
import { Document, Evidence, Mention } from './Document';
import { Entity } from './Entity';
import { Node } from './Node';
import { Path } from './Path';
import { Query } from './Query';
import { Relationship } from './Relationship';
import { SearchHit } from './SearchHit';

export const resolvers: Resolvers = { Query, Node, Entity, Relationship, Document, Evidence, Mention, Path, SearchHit };
