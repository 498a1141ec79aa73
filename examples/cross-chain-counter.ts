// A cross-chain app on the interop devnet: a counter on chain B that moves only on messages proven to come from
// one sender on chain A. Deploys examples/contracts/CrossChainCounter.sol on B (compiled here with solc; it imports
// IInteropCenter and the message/proof types from @interop/contracts), sends a message on A with the SDK, waits
// until B can verify it, and calls the counter with the message and its proof.
// It then shows the two refusals the contract is for: a replay, and a message from another sender.
//
// Run it against a running devnet (`npx interop devnet` in another terminal):
//   npm run build && node dist/examples/cross-chain-counter.js
// It reads .interop/devnet.json (or INTEROP_DEVNET=<path of devnet.json or its dir>).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeInteropMessage, sendInteropMessage, waitForInteropMessage } from '@interop/sdk';
import {
  type Abi,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  encodeAbiParameters,
  type Hex,
  http,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployContract, readContract, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';

/** The parts of a devnet.json the example needs. */
export type ExampleNetwork = {
  l2: { chainId: number | bigint; rpcUrl: string }[];
  accounts: { address: Address; privateKey: Hex }[];
};

/** What the run did; the test checks it. */
export type CrossChainCounterResult = {
  counterAddress: Address;
  interopHash: Hex;
  counter: bigint;
  replayRefusedWith: string | undefined;
  untrustedRefusedWith: string | undefined;
};

type Solc = {
  compile(input: string, callbacks?: { import(path: string): { contents: string } | { error: string } }): string;
};

/** Finds examples/contracts/CrossChainCounter.sol from the source or the compiled (dist/examples) location. */
function contractSource(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const p of [
      join(dir, 'contracts', 'CrossChainCounter.sol'),
      join(dir, 'examples', 'contracts', 'CrossChainCounter.sol'),
    ]) {
      if (existsSync(p)) return readFileSync(p, 'utf8');
    }
    dir = dirname(dir);
  }
  throw new Error('examples/contracts/CrossChainCounter.sol not found');
}

/**
 * solc's import callback: `@interop/contracts/…` is the installed package's `src/…`, as the Foundry remapping
 * `@interop/contracts/=node_modules/@interop/contracts/src/` makes it (examples/contracts/remappings.txt).
 */
function readImport(path: string): { contents: string } | { error: string } {
  const prefix = '@interop/contracts/';
  if (!path.startsWith(prefix)) return { error: `${path}: only @interop/contracts/ imports are resolved` };
  const packageDir = dirname(createRequire(import.meta.url).resolve('@interop/contracts/package.json'));
  const file = join(packageDir, 'src', path.slice(prefix.length));
  return existsSync(file) ? { contents: readFileSync(file, 'utf8') } : { error: `${path}: no such file (${file})` };
}

/** Compiles the counter with the solc npm package (the same pinned compiler as the project's contracts). */
export function compileCounter(): { abi: Abi; bytecode: Hex } {
  const solc = createRequire(import.meta.url)('solc') as Solc;
  const input = {
    language: 'Solidity',
    sources: { 'CrossChainCounter.sol': { content: contractSource() } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { 'CrossChainCounter.sol': { CrossChainCounter: ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readImport }));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error');
  if (errors.length > 0)
    throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'));
  const c = output.contracts['CrossChainCounter.sol'].CrossChainCounter;
  return { abi: c.abi as Abi, bytecode: `0x${c.evm.bytecode.object}` };
}

function revertName(err: unknown): string | undefined {
  const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}

/** Runs the whole scenario on a devnet. `log` gets one line per step. */
export async function runCrossChainCounter(
  network: ExampleNetwork,
  log: (line: string) => void = (line) => console.log(line),
): Promise<CrossChainCounterResult> {
  if (network.l2.length < 2) throw new Error('the example needs two L2s (start the devnet with --l2 2)');
  const [chainA, chainB] = network.l2;
  // Accounts 2 and 3: the CLI's default is account 0, so running the example beside CLI use never races a nonce.
  const alice = privateKeyToAccount(network.accounts[2].privateKey); // the trusted sender on A
  const mallory = privateKeyToAccount(network.accounts[3].privateKey); // anyone else on A
  const transport = (url: string) => http(url, { retryCount: 0 });
  const walletA = (account = alice) =>
    createWalletClient({ account, transport: transport(chainA.rpcUrl), pollingInterval: 100 });
  const clientA = createPublicClient({ transport: transport(chainA.rpcUrl), pollingInterval: 100 });
  const clientB = createPublicClient({ transport: transport(chainB.rpcUrl), pollingInterval: 100 });
  const walletB = createWalletClient({ account: alice, transport: transport(chainB.rpcUrl), pollingInterval: 100 });

  // 1. Deploy the counter on B, trusting alice on A.
  const { abi, bytecode } = compileCounter();
  const deployHash = await deployContract(walletB, {
    abi,
    bytecode,
    args: [alice.address, BigInt(chainA.chainId)],
    chain: null,
  });
  const deployed = await waitForTransactionReceipt(clientB, { hash: deployHash });
  const counterAddress = deployed.contractAddress!;
  log(
    `deployed CrossChainCounter on chain ${chainB.chainId} at ${counterAddress}, trusting ${alice.address} on chain ${chainA.chainId}`,
  );

  // 2. Send "add 5" from A and wait until B can verify it.
  const amount = 5n;
  const sent = await sendInteropMessage(walletA(), { data: encodeAbiParameters([{ type: 'uint256' }], [amount]) });
  log(`sent message ${sent.interopHash} on chain ${chainA.chainId} (message #${sent.message.messageNum})`);
  const { proof } = await waitForInteropMessage(clientA, {
    interopHash: sent.interopHash,
    destination: clientB,
    onProgress: ({ stage }) => log(`  ${stage}`),
  });

  // 3. Deliver it: the counter checks the proof, the sender and its replay guard, then adds.
  const call = {
    address: counterAddress,
    abi,
    functionName: 'increment',
    args: [encodeInteropMessage(sent.message), proof],
    account: alice,
  } as const;
  const tx = await writeContract(walletB, { ...call, chain: null });
  await waitForTransactionReceipt(clientB, { hash: tx });
  const counter = (await readContract(clientB, { address: counterAddress, abi, functionName: 'counter' })) as bigint;
  log(`delivered on chain ${chainB.chainId}: counter = ${counter}`);

  // 4. The same message again: refused by the contract's own replay guard.
  const replayRefusedWith = await simulateContract(clientB, call).then(
    () => undefined,
    (err) => revertName(err) ?? 'reverted',
  );
  log(`replay of the same message: refused (${replayRefusedWith})`);

  // 5. A message from someone else on A: it verifies, but the counter does not trust its sender.
  const forged = await sendInteropMessage(walletA(mallory), {
    data: encodeAbiParameters([{ type: 'uint256' }], [1000n]),
  });
  const forgedProof = await waitForInteropMessage(clientA, { interopHash: forged.interopHash, destination: clientB });
  const untrustedRefusedWith = await simulateContract(clientB, {
    ...call,
    args: [encodeInteropMessage(forged.message), forgedProof.proof],
  }).then(
    () => undefined,
    (err) => revertName(err) ?? 'reverted',
  );
  log(`message from ${mallory.address}: refused (${untrustedRefusedWith})`);

  return { counterAddress, interopHash: sent.interopHash, counter, replayRefusedWith, untrustedRefusedWith };
}

/** Reads devnet.json from INTEROP_DEVNET (a file or a data dir) or .interop/devnet.json. */
export function readDevnetJson(): ExampleNetwork {
  const p = resolve(process.env.INTEROP_DEVNET ?? '.interop');
  const file = existsSync(p) && statSync(p).isDirectory() ? join(p, 'devnet.json') : p;
  if (!existsSync(file)) throw new Error(`no devnet at ${file}: start one with \`npx interop devnet\``);
  return JSON.parse(readFileSync(file, 'utf8')) as ExampleNetwork;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCrossChainCounter(readDevnetJson()).then(
    (r) => {
      const ok = r.counter === 5n && r.replayRefusedWith !== undefined && r.untrustedRefusedWith !== undefined;
      process.exitCode = ok ? 0 : 1;
    },
    (err) => {
      process.stderr.write(`cross-chain-counter: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
