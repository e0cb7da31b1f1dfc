/**
 * The CloudWarden AWS emulator: an HTTP server on the loopback interface that AWS SDK clients
 * reach through an endpoint override (`AWS_ENDPOINT_URL`, or `endpoint` in code). See README.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { control, CONTROL_PREFIX } from './control';
import { dispatch } from './dispatch';
import { FaultController } from './faults';
import type { EmulatorRequest, EmulatorResponse } from './http';
import { RequestLog } from './requests';
import { findDefaultSeedFile, loadSeed, type Seed, type SeedInput } from './seed';
import { startServices } from './services/index';
import type { SecretValueCall } from './services/secretsManager/valueCalls';
import { RateLimiter } from './throttle';

/** The only interface the emulator listens on: its control endpoint is unsigned. */
const LOOPBACK = '127.0.0.1';
/** Larger bodies are refused: no emulated read-only call sends anything near this. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** How to start the emulator. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Always the loopback interface; the option exists to make that explicit. */
  readonly host?: typeof LOOPBACK;
  /** A seed object or the path of a JSON seed file; `test/fixtures/emulator/seed.json` by default. */
  readonly seed?: SeedInput | string;
  /** Receives one line per answered request, and diagnostics such as signature mismatches. */
  readonly log?: (line: string) => void;
  /** Receives one line per CloudTrail log file skipped at start; stderr by default. */
  readonly warn?: (line: string) => void;
  /** A folder of CloudTrail log files whose events LookupEvents serves (see README.md). */
  readonly cloudtrailLogs?: string;
  /** Enforce AWS's request rates (LookupEvents: 2 a second per account and region); the seed's `throttling` by default. */
  readonly throttling?: boolean;
  /** The millisecond clock the rate limits read, `Date.now` by default; tests step their own instead of waiting. */
  readonly throttleClock?: () => number;
}

/** A running emulator. */
export interface Emulator {
  /** The endpoint URL for SDK clients, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** The checked seed it serves. */
  readonly seed: Seed;
  /** The fault switch; starts with the seed's faults. */
  readonly faults: FaultController;
  /** The requests answered so far, per service and operation. */
  readonly requests: RequestLog;
  /**
   * Every refused GetSecretValue and BatchGetSecretValue since the start (never cleared): CloudWarden must
   * never read a secret value, so a suite's teardown fails when this is not empty.
   */
  secretValueCalls(): readonly SecretValueCall[];
  /** Stops listening and drops open connections; resolves when the port is free. */
  close(): Promise<void>;
}

/** Starts an emulator; rejects on a bad seed or a port in use. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host: string = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) throw new Error(`startEmulator failed: the emulator listens on ${LOOPBACK} only, not ${host}`);
  const seed = loadSeed(options.seed ?? findDefaultSeedFile());
  const data = startServices({
    seed,
    ...(options.cloudtrailLogs !== undefined && { cloudtrailLogs: options.cloudtrailLogs }),
    startedAtMs: Date.now(),
    warn: options.warn ?? ((line) => process.stderr.write(`${line}\n`)),
  });
  const faults = new FaultController();
  faults.add(...seed.faults);
  const requests = new RequestLog();
  const log = options.log ?? (() => undefined);
  const limiter = (options.throttling ?? seed.throttling) ? new RateLimiter(options.throttleClock) : undefined;

  const secretValueCalls = (): readonly SecretValueCall[] => data.secretsManager.valueCalls.calls;
  const answer = (req: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse =>
    req.rawUrl.startsWith(CONTROL_PREFIX)
      ? control(req, { faults, requests, secretValueCalls })
      : dispatch(req, { seed, faults, requests, log, data, ...(limiter && { limiter }) });
  const server = createServer((req, res) => void serve(req, res, answer, log));
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    seed,
    faults,
    requests,
    secretValueCalls,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep connections alive; without this, close() would wait for them to idle out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  answer: (req: EmulatorRequest) => Promise<EmulatorResponse> | EmulatorResponse,
  log: (line: string) => void,
): Promise<void> {
  let response: EmulatorResponse;
  try {
    const body = await readBody(req);
    response =
      body === undefined
        ? {
            status: 413,
            headers: { 'content-type': 'text/plain' },
            body: `request body over ${MAX_BODY_BYTES} bytes\n`,
          }
        : await answer({ method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headersDistinct, body });
  } catch (error) {
    log(
      `emulator failed on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    response = {
      status: 500,
      headers: { 'content-type': 'text/plain' },
      body: 'CloudWarden emulator internal error\n',
    };
  }
  if (res.destroyed) return; // the client gave up (or close() dropped it) while a delay fault slept
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

/** The whole body, or undefined when it is over the limit (read to the end anyway, so the 413 can be sent). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}
