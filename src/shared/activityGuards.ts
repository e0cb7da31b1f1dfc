/**
 * Run-time checks of the activity data the client passes around: queries (from hover links, commands and
 * saved webview state) and the server's answers (before a webview renders them).
 */
import type { ActivityEvent, ActivityPrincipal, ActivityResource, AwsProblemKind } from '../core';
import { arrayOf, isBoolean, isNumber, isString, oneOf, optional, shape, shortString, type Guard } from './guards';
import type { ActivityQueryParams, ActivityRequest, AwsProblemInfo } from './protocol';

/** Longer than any ARN AWS issues (2,048 characters), short enough that nothing huge gets through. */
const MAX_VALUE = 4096;
const value = shortString(MAX_VALUE);

export const isActivityQuery: Guard<ActivityQueryParams> = shape<ActivityQueryParams>({
  resource: optional(value),
  principal: optional(value),
  accessKeyId: optional(value),
  eventId: optional(value),
  eventName: optional(value),
  action: optional(value),
  sourceIp: optional(value),
  errorsOnly: optional(isBoolean),
  since: isNumber,
  until: optional(isNumber),
});

const PROBLEM_KINDS = {
  noCredentials: true,
  ssoExpired: true,
  expiredToken: true,
  accessDenied: true,
  throttled: true,
  regionNotEnabled: true,
  network: true,
  timeout: true,
  serverError: true,
  cancelled: true,
  invalidRequest: true,
  noSuchTable: true,
  queryFailed: true,
  noOutputLocation: true,
  workgroupNotFound: true,
  noSuchPrincipal: true,
  noSuchStack: true,
  notFound: true,
  recommendationFailed: true,
  unknown: true,
} satisfies Record<AwsProblemKind, true>;

const isAwsProblemInfo: Guard<AwsProblemInfo> = shape<AwsProblemInfo>({
  kind: oneOf(...(Object.keys(PROBLEM_KINDS) as AwsProblemKind[])),
  sentence: isString,
  command: optional(isString),
  region: optional(isString),
});

const isPrincipal = shape<ActivityPrincipal>({
  type: isString,
  name: isString,
  arn: optional(isString),
  account: optional(isString),
  roleArn: optional(isString),
  sessionName: optional(isString),
  invokedBy: optional(isString),
});

const isResource = shape<ActivityResource>({
  arn: optional(isString),
  name: optional(isString),
  type: optional(isString),
  from: oneOf('resources', 'requestParameters', 'responseElements', 'lookup'),
});

export const isActivityEvent: Guard<ActivityEvent> = shape<ActivityEvent>({
  eventId: isString,
  eventTime: isString,
  time: isNumber,
  eventVersion: optional(isString),
  eventSource: isString,
  eventName: isString,
  action: optional(isString),
  principal: isPrincipal,
  accessKeyId: optional(isString),
  sourceIp: optional(isString),
  userAgent: optional(isString),
  region: isString,
  account: optional(isString),
  errorCode: optional(isString),
  errorMessage: optional(isString),
  readOnly: optional(isBoolean),
  category: oneOf('management', 'data', 'insight', 'networkActivity', 'unknown'),
  resources: arrayOf(isResource),
  file: optional(isString),
});

export const isActivityAnswer: Guard<ActivityRequest.Result> = shape<ActivityRequest.Result>({
  events: arrayOf(isActivityEvent),
  unreadable: arrayOf(
    shape<ActivityRequest.Result['unreadable'][number]>({
      region: optional(isString),
      file: optional(isString),
      eventId: optional(isString),
      reason: isString,
    }),
  ),
  problems: arrayOf(isAwsProblemInfo),
  truncated: arrayOf(isString),
  fetchedAt: isNumber,
  stale: isBoolean,
  source: optional(oneOf('lookupEvents', 'logFiles', 'athena', 'lake')),
  total: optional(isNumber),
  bytesScanned: optional(isNumber),
  days: optional(arrayOf(shape<{ day: string; count: number }>({ day: isString, count: isNumber }))),
});
