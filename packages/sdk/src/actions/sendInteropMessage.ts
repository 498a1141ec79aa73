import {
  type Account,
  BaseError,
  type Chain,
  type Client,
  type Hex,
  InsufficientFundsError,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
} from 'viem';
import { getChainId, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { INTEROP_CENTER_ADDRESS, type InteropMessage, InvalidInputError } from '../core/index.js';
import { interopCenterAbi } from './abi.js';
import {
  AccountNotFundedError,
  type ErrorType,
  MessageEventMissingError,
  type RpcUnreachableError,
  TransactionRevertedError,
  WrongChainError,
} from './errors.js';
import { withRpc } from './rpc.js';

/** Parameters of {@link sendInteropMessage}. */
export type SendInteropMessageParameters = {
  /** The payload. Any bytes; the protocol does not interpret them. */
  data: Hex;
  /** The sender; defaults to the wallet client's account. */
  account?: Account | undefined;
  /** The chain to send on; defaults to the client's chain (or the endpoint's, when the client has none). */
  chain?: Chain | null | undefined;
};

/** Result of {@link sendInteropMessage}. */
export type SendInteropMessageReturnType = {
  /** keccak256(abi.encode(message)): the message's identity on every chain. */
  interopHash: Hex;
  /** The full message as the InteropCenter built it. */
  message: InteropMessage;
  /** The sending transaction. */
  txHash: Hex;
  /** Its receipt (on the project's node it also carries `l1BatchNumber` once sealed). */
  receipt: TransactionReceipt;
};

/** Errors {@link sendInteropMessage} throws. */
export type SendInteropMessageErrorType =
  | InvalidInputError
  | WrongChainError
  | AccountNotFundedError
  | TransactionRevertedError
  | MessageEventMissingError
  | RpcUnreachableError
  | ErrorType;

/**
 * Sends an interop message through the InteropCenter (`0x…10008`) of the wallet's chain and waits for the
 * transaction to be mined. The message becomes provable once its batch is executed on the settlement layer.
 *
 * @throws {InvalidInputError} when there is no account to send from.
 * @throws {AccountNotFundedError} when the account cannot pay for gas.
 * @throws {TransactionRevertedError} when the transaction reverts.
 * @throws {MessageEventMissingError} when the transaction emitted no InteropMessageSent event.
 * @throws {WrongChainError} when the client's chain (or `chain`) is not the chain its endpoint serves.
 * @throws {RpcUnreachableError} when the endpoint does not answer.
 *
 * @example
 * import { createWalletClient, http, toHex } from 'viem';
 * import { privateKeyToAccount } from 'viem/accounts';
 * import { sendInteropMessage } from '@interop/sdk';
 *
 * const wallet = createWalletClient({ account: privateKeyToAccount(key), transport: http('http://127.0.0.1:3050') });
 * const { interopHash, message } = await sendInteropMessage(wallet, { data: toHex('hello') });
 */
export async function sendInteropMessage(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SendInteropMessageParameters,
): Promise<SendInteropMessageReturnType> {
  const account = parameters.account ?? client.account;
  if (!account)
    throw new InvalidInputError('no account to send from', {
      details: 'pass `account` or set it on the wallet client',
    });
  // Ask the endpoint, not the client's chain config: sending to the wrong chain must be caught here.
  const sourceChainId = BigInt(await withRpc(client, () => getChainId(client)));
  const expected = parameters.chain ?? client.chain;
  if (expected && BigInt(expected.id) !== sourceChainId) {
    throw new WrongChainError({
      expected: BigInt(expected.id),
      actual: sourceChainId,
      details: 'the wallet client is configured for another chain than its endpoint serves',
    });
  }
  let txHash: Hex;
  try {
    txHash = await withRpc(client, () =>
      writeContract(client, {
        address: INTEROP_CENTER_ADDRESS,
        abi: interopCenterAbi,
        functionName: 'sendInteropMessage',
        args: [parameters.data],
        account,
        chain: parameters.chain === undefined ? (client.chain ?? null) : parameters.chain,
      }),
    );
  } catch (err) {
    if (err instanceof BaseError && err.walk((e) => e instanceof InsufficientFundsError)) {
      throw new AccountNotFundedError({ address: account.address, chainId: sourceChainId, cause: err });
    }
    throw err;
  }
  const receipt = await withRpc(client, () => waitForTransactionReceipt(client, { hash: txHash }));
  if (receipt.status !== 'success') throw new TransactionRevertedError({ txHash });
  const [event] = parseEventLogs({ abi: interopCenterAbi, eventName: 'InteropMessageSent', logs: receipt.logs }).filter(
    (l) => l.address.toLowerCase() === INTEROP_CENTER_ADDRESS.toLowerCase(),
  );
  if (!event) throw new MessageEventMissingError({ txHash });
  const message: InteropMessage = {
    data: event.args.data,
    sender: event.args.sender,
    sourceChainId,
    messageNum: event.args.messageNum,
  };
  return { interopHash: event.args.interopHash, message, txHash, receipt };
}
