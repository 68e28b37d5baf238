/**
 * Who the CLI is to the access policy: the operator. Whoever runs `tertial` holds the store's
 * credentials, so no check could keep them out of the data; the policy's table still says what the
 * operator does (every command declares its action and runCli asks), and a decision is recorded
 * under the login name, or --by.
 */
import os from 'node:os';
import { operatorPrincipal, type Principal } from '../services/access/access-policy';

export function operator(by?: string): Principal {
  let user = 'cli';
  try {
    user = os.userInfo().username || 'cli';
  } catch {
    // no user database entry (containers): keep 'cli'
  }
  return operatorPrincipal({ id: `cli:${user}`, name: by ?? user });
}
