// Rule cases by family, one file each; rules.test.ts runs them all (with its own) and checks that every
// rule has a case that finds something and one that does not.
import type { Case } from '../case';
import { validityCases } from './validity';

export const moreCases: Case[] = [
  ...validityCases,
];
