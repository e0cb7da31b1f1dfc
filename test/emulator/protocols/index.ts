/**
 * The wire protocols, tried in order until one recognises the request's shape. awsJson1_1
 * (an `X-Amz-Target` header) comes before awsQuery; restJson1 (method and path) comes last,
 * since any request could have its shape.
 */
import { awsJson } from './awsJson';
import { awsQuery } from './awsQuery';
import { restJson } from './restJson';
import type { Protocol } from './types';

/** Every protocol the emulator speaks, in the order they are tried. */
export const PROTOCOLS: readonly Protocol[] = [awsJson, awsQuery, restJson];
