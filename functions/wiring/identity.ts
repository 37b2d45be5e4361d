/**
 * The reporter-identity vault and the key that seals it. CDK sets IDENTITY_KEY_ID only on the functions
 * it grants a use of the key (intake: seal; the identity read: open); one machine uses a key file.
 */
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import type { DataKeyProvider } from '#shared/identity/envelope.ts';
import { FileKeyProvider } from '#shared/identity/file-key-provider.ts';
import { KmsKeyProvider } from '#shared/identity/kms-key-provider.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdentityVault } from '#shared/store/identity-vault.ts';
import { identityUseCases } from '#shared/usecases/identity-usecases.ts';
import { doc, tableName } from './table.ts';

export function identityKeys(): DataKeyProvider | undefined {
  const config = runtimeConfig();
  if (config.IDENTITY_KEY_ID) return new KmsKeyProvider(config.IDENTITY_KEY_ID);
  if (config.IDENTITY_KEY_FILE) return new FileKeyProvider(config.IDENTITY_KEY_FILE);
  return undefined;
}

/** The vault and key for intake, when this function was given the key. */
export function identitySealing(): { vault: IdentityVault; keys: DataKeyProvider } | undefined {
  const keys = identityKeys();
  return keys && { vault: new IdentityVault(doc, tableName()), keys };
}

export function composeIdentityUseCases() {
  const keys = identityKeys();
  return identityUseCases({
    cases: new CaseRepository(doc, tableName()),
    vault: new IdentityVault(doc, tableName()),
    ...(keys && { keys }),
  });
}
