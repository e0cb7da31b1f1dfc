// Rule cases by family, one file each; rules.test.ts runs them all (with its own) and checks that every
// rule has a case that finds something and one that does not.
import type { Case } from '../case';
import { hygieneCases } from './hygiene';
import { trustCases } from './trust';
import { leastPrivilegeCases } from './leastPrivilege';
import { validityCases } from './validity';

export const moreCases: Case[] = [...hygieneCases, ...trustCases, ...leastPrivilegeCases, ...validityCases];
