/**
 * The default profile of a test's home folder, pointed at an emulator with one of the fixture seed's
 * credentials: what the adapters' tests run the real gateway with.
 */
import type { SeedCredential } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';

export function emulatorProfile(emulator: Emulator, credential: SeedCredential, region = 'us-east-1'): string {
  return [
    '[default]',
    `region = ${region}`,
    `endpoint_url = ${emulator.url}`,
    `aws_access_key_id = ${credential.accessKeyId}`,
    `aws_secret_access_key = ${credential.secretAccessKey}`,
    '',
  ].join('\n');
}
