/**
 * The served schema must contain the public contract exactly: every type, field, argument (with
 * its default), input field, interface and enum value, with the same names and type references
 * (nullability included). The schema may add to it, never rename or remove.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { PROJECT_ROOT } from '../../src/config';
import { loadTypeDefs } from '../../src/graphql/type-defs';
import { ENTITY_KINDS, MODALITIES, RELATION_TYPES, relationTypePattern, STANCES } from '../../src/model/vocabulary';
import { itWhen } from '../support/prerequisites';

const CONTRACT_COPY = path.join(PROJECT_ROOT, 'tests', 'contract', 'api-contract.graphql');
const SHARED_CONTRACT = path.join(PROJECT_ROOT, '..', 'shared', 'api-contract.graphql');

function differences(contract: GraphQLSchema, served: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const expected of Object.values(contract.getTypeMap())) {
    if (expected.name.startsWith('__')) continue;
    const actual: GraphQLNamedType | undefined = served.getType(expected.name);
    if (actual === undefined) {
      problems.push(`type ${expected.name} is missing`);
      continue;
    }
    if (actual.constructor !== expected.constructor) problems.push(`type ${expected.name} is a ${actual.constructor.name}, expected ${expected.constructor.name}`);
    if ((isObjectType(expected) || isInterfaceType(expected)) && (isObjectType(actual) || isInterfaceType(actual))) {
      const actualInterfaces = actual.getInterfaces().map((i) => i.name);
      for (const i of expected.getInterfaces()) if (!actualInterfaces.includes(i.name)) problems.push(`${expected.name} does not implement ${i.name}`);
      const fields = actual.getFields();
      for (const field of Object.values(expected.getFields())) {
        const got = fields[field.name];
        if (got === undefined) {
          problems.push(`${expected.name}.${field.name} is missing`);
          continue;
        }
        if (String(got.type) !== String(field.type)) problems.push(`${expected.name}.${field.name} is ${String(got.type)}, expected ${String(field.type)}`);
        for (const arg of field.args) {
          const gotArg = got.args.find((a) => a.name === arg.name);
          if (gotArg === undefined) problems.push(`${expected.name}.${field.name}(${arg.name}) is missing`);
          else {
            if (String(gotArg.type) !== String(arg.type)) problems.push(`${expected.name}.${field.name}(${arg.name}) is ${String(gotArg.type)}, expected ${String(arg.type)}`);
            if (JSON.stringify(gotArg.defaultValue) !== JSON.stringify(arg.defaultValue)) problems.push(`${expected.name}.${field.name}(${arg.name}) defaults to ${JSON.stringify(gotArg.defaultValue)}, expected ${JSON.stringify(arg.defaultValue)}`);
          }
        }
        for (const gotArg of got.args) {
          if (!field.args.some((a) => a.name === gotArg.name) && String(gotArg.type).endsWith('!') && gotArg.defaultValue === undefined) {
            problems.push(`${expected.name}.${field.name}(${gotArg.name}) is a new required argument: existing queries would break`);
          }
        }
      }
    }
    if (isInputObjectType(expected) && isInputObjectType(actual)) {
      const fields = actual.getFields();
      for (const field of Object.values(expected.getFields())) {
        if (fields[field.name] === undefined) problems.push(`${expected.name}.${field.name} is missing`);
        else if (String(fields[field.name]?.type) !== String(field.type)) problems.push(`${expected.name}.${field.name} has another type`);
      }
    }
    if (isEnumType(expected) && isEnumType(actual)) {
      const values = actual.getValues().map((v) => v.name);
      for (const v of expected.getValues()) if (!values.includes(v.name)) problems.push(`enum value ${expected.name}.${v.name} is missing`);
    }
    if (isUnionType(expected) && isUnionType(actual)) {
      const members = actual.getTypes().map((t) => t.name);
      for (const t of expected.getTypes()) if (!members.includes(t.name)) problems.push(`union ${expected.name} lacks ${t.name}`);
    }
  }
  return problems;
}

describe('the served schema', () => {
  const served = buildSchema(loadTypeDefs().join('\n'));

  it('contains the whole public contract', () => {
    const contract = buildSchema(fs.readFileSync(CONTRACT_COPY, 'utf8'));
    expect(differences(contract, served)).toEqual([]);
  });

  it('detects a contract violation (the check itself can fail)', () => {
    const contract = buildSchema(fs.readFileSync(CONTRACT_COPY, 'utf8'));
    const broken = buildSchema(loadTypeDefs().join('\n').replace('aliases: [String!]!', 'aliases: [String!]').replace(/\n {2}PLANNED\n/, '\n  PLANNED_LATER\n'));
    expect(differences(contract, broken)).toEqual(['Entity.aliases is [String!], expected [String!]!', 'enum value Modality.PLANNED is missing']);
  });

  // Skipped (and reported so) in a checkout without ../shared; CI has it, so there it must match.
  itWhen(fs.existsSync(SHARED_CONTRACT))('uses the same contract as ../shared', () => {
    expect(fs.readFileSync(CONTRACT_COPY, 'utf8')).toBe(fs.readFileSync(SHARED_CONTRACT, 'utf8'));
  });
});

describe('the vocabulary', () => {
  const served = buildSchema(loadTypeDefs().join('\n'));
  const values = (name: string): string[] => {
    const type = served.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
    return type.getValues().map((v) => v.name);
  };

  it('is the same in the schema enums and in the allowlists the loader and the Cypher layer use', () => {
    expect(values('RelationType')).toEqual([...RELATION_TYPES]);
    expect(values('EntityKind')).toEqual([...ENTITY_KINDS]);
    expect(values('Stance')).toEqual([...STANCES]);
    expect(values('Modality')).toEqual([...MODALITIES]);
  });

  it('only ever builds relationship-type patterns from the allowlist', () => {
    expect(relationTypePattern(['LEADS', 'NEAR'])).toBe(':LEADS|NEAR');
    expect(relationTypePattern(null)).toBe(`:${RELATION_TYPES.join('|')}`);
    expect(() => relationTypePattern(['LEADS]->() DETACH DELETE n //'])).toThrow('not a relationship type of the vocabulary');
  });
});
