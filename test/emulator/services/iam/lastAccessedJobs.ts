/**
 * GenerateServiceLastAccessedDetails and GetServiceLastAccessedDetails, as IAM answers them: a job per
 * request, reported IN_PROGRESS on its first poll and COMPLETED from the next (so a client's polling
 * is exercised; FAILED with its error for a principal the seed says so of), its report in pages of at most the seed's page size however many MaxItems asks for
 * (IAM may answer fewer, and says IsTruncated). Errors are IAM's: ValidationError for a member that
 * breaks the model's constraints, InvalidInput for a malformed ARN or marker, NoSuchEntity for a
 * principal or job IAM does not know.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import type { XmlObject } from '../../protocols/xml';
import type { QueryParams } from '../types';
import { type IamPrincipal, type IamSeed, PRINCIPAL_ARN, type ServiceUse } from './principals';

type Granularity = 'SERVICE_LEVEL' | 'ACTION_LEVEL';
const GRANULARITIES: readonly Granularity[] = ['SERVICE_LEVEL', 'ACTION_LEVEL'];

interface Job {
  readonly id: string;
  readonly principal: IamPrincipal;
  readonly granularity: Granularity;
  readonly createdAt: Date;
  completedAt?: Date;
}

/** The jobs of one running emulator. */
export class LastAccessedJobs {
  readonly #jobs = new Map<string, Job>();

  constructor(private readonly seed: IamSeed) {}

  generate(params: QueryParams): XmlObject {
    const arn = params.get('Arn');
    if (arn === undefined)
      throw validation("Value null at 'arn' failed to satisfy constraint: Member must not be null");
    const granularity = params.get('Granularity') ?? 'SERVICE_LEVEL';
    if (!GRANULARITIES.includes(granularity as Granularity))
      throw validation(
        `Value '${granularity}' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [${GRANULARITIES.join(', ')}]`,
      );
    const principal = this.seed.principals.get(arn);
    if (principal === undefined) throw unknownPrincipal(arn);
    const job: Job = { id: randomUUID(), principal, granularity: granularity as Granularity, createdAt: new Date() };
    this.#jobs.set(job.id, job);
    return { JobId: job.id };
  }

  get(params: QueryParams): XmlObject {
    const id = params.get('JobId');
    if (id === undefined)
      throw validation("Value null at 'jobId' failed to satisfy constraint: Member must not be null");
    const job = this.#jobs.get(id);
    if (job === undefined) throw new AwsError('NoSuchEntity', 404, `No job with ID ${id} exists.`);
    const maxItems = readMaxItems(params.get('MaxItems'));
    const head = { JobStatus: 'IN_PROGRESS', JobType: job.granularity, JobCreationDate: job.createdAt };
    if (job.completedAt === undefined) {
      // The first poll finds the job running; it is done by the next.
      job.completedAt = new Date();
      return { ...head, ServicesLastAccessed: [], IsTruncated: false };
    }
    const { jobError } = job.principal;
    if (jobError)
      return {
        ...head,
        JobStatus: 'FAILED',
        JobCompletionDate: job.completedAt,
        ServicesLastAccessed: [],
        IsTruncated: false,
        Error: { Message: jobError.message, Code: jobError.code },
      };
    const offset = readMarker(params.get('Marker'), job);
    const size = Math.min(maxItems, this.seed.pageSize);
    const page = job.principal.services.slice(offset, offset + size);
    const next = offset + page.length;
    const truncated = next < job.principal.services.length;
    return {
      ...head,
      JobStatus: 'COMPLETED',
      JobCompletionDate: job.completedAt,
      ServicesLastAccessed: page.map((s) => serviceMember(s, job)),
      IsTruncated: truncated,
      ...(truncated && { Marker: marker(job, next) }),
    };
  }
}

/** One ServiceLastAccessed, members in the model's order; tracked actions only in an ACTION_LEVEL report. */
function serviceMember(service: ServiceUse, job: Job): XmlObject {
  const used = service.last !== undefined;
  return {
    ServiceName: service.name,
    ServiceNamespace: service.namespace,
    ...(service.last && {
      LastAuthenticated: new Date(service.last.at),
      LastAuthenticatedEntity: job.principal.arn,
      LastAuthenticatedRegion: service.last.region,
    }),
    TotalAuthenticatedEntities: used ? 1 : 0,
    ...(job.granularity === 'ACTION_LEVEL' &&
      service.actions && {
        TrackedActionsLastAccessed: service.actions.map((a) => ({
          ActionName: a.name,
          ...(a.last && {
            LastAccessedEntity: job.principal.arn,
            LastAccessedTime: new Date(a.last.at),
            LastAccessedRegion: a.last.region,
          }),
        })),
      }),
  };
}

/** IAM's answer for an ARN it does not know: NoSuchEntity naming the entity, or InvalidInput when it is not an ARN it reports on. */
function unknownPrincipal(arn: string): AwsError {
  const match = PRINCIPAL_ARN.exec(arn);
  if (match === null) return new AwsError('InvalidInput', 400, `ARN ${arn} is not valid.`);
  const [, , type, name] = match;
  if (type === 'policy') return new AwsError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
  return new AwsError('NoSuchEntity', 404, `The ${type} with name ${name} cannot be found.`);
}

function readMaxItems(value: string | undefined): number {
  if (value === undefined) return 100;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw validation(
      `Value '${value}' at 'maxItems' failed to satisfy constraint: Member must have value ${n < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`,
    );
  return n;
}

/** Markers are opaque to the caller and good only for the job that issued them. */
function marker(job: Job, offset: number): string {
  return Buffer.from(`${job.id}/${offset}`).toString('base64url');
}

function readMarker(value: string | undefined, job: Job): number {
  if (value === undefined) return 0;
  const [id, offset] = Buffer.from(value, 'base64url').toString('utf8').split('/');
  if (id !== job.id || offset === undefined || !/^\d+$/.test(offset))
    throw new AwsError('InvalidInput', 400, 'Invalid Marker.');
  return Number(offset);
}

/** The awsQuery front end's answer to a member that breaks the model's constraints. */
function validation(detail: string): AwsError {
  return new AwsError('ValidationError', 400, `1 validation error detected: ${detail}`);
}
