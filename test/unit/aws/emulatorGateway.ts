import { after, afterEach, before } from 'node:test';
import { AwsGateway } from '../../../src/aws/gateway';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../emulator/server';
import { fixtureCredentials } from '../emulator/helpers';
import { awsHome, type AwsHome } from './awsHome';
import { emulatorProfile } from './emulatorProfile';

/**
 * For the tests of one describe: the emulator (started with `options()`), a home whose default profile
 * signs in to it as the fixture's user, and a gateway of that profile; faults and recorded requests are
 * cleared after each test, everything closed after the last.
 */
export function emulatorGateway(options: () => EmulatorOptions = () => ({})): {
  readonly emulator: Emulator;
  readonly gateway: AwsGateway;
} {
  const { user } = fixtureCredentials();
  let emulator: Emulator | undefined;
  let home: AwsHome | undefined;
  let gateway: AwsGateway | undefined;
  before(async () => {
    emulator = await startEmulator(options());
    home = awsHome({ config: emulatorProfile(emulator, user) });
    gateway = new AwsGateway();
  });
  after(async () => {
    gateway?.dispose();
    home?.restore();
    await emulator?.close();
  });
  afterEach(() => {
    emulator?.faults.clear();
    emulator?.requests.clear();
  });
  return {
    get emulator() {
      return emulator!;
    },
    get gateway() {
      return gateway!;
    },
  };
}
