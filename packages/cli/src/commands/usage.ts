// The usage text of every command, apart from the commands' code so that `--help` loads none of it.

/** `interop send`. */
export const sendUsage = `usage: interop send --chain <id> (--data 0x… | --text <string>) [--private-key 0x…] [--rpc <url>] [--json]

Sends an interop message from chain <id> through its InteropCenter and prints its interop hash.

options:
  --chain <id>          source chain (its endpoint comes from --rpc, INTEROP_RPC_<id> or devnet.json)
  --data 0x…            payload as hex bytes
  --text <string>       payload as UTF-8 text
  --private-key 0x…     sender key (default: INTEROP_PRIVATE_KEY, else the devnet's first funded account)
  --rpc <url>           endpoint of the source chain
  --data-dir <dir>      where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json                print one JSON object`;

/** `interop status`. */
export const statusUsage = `usage: interop status <interopHash> [--chain <id>] [--rpc <url>] [--json]

Shows where a message is: sent, sealed in a batch, committed, executed on the settlement layer,
root imported (and on which chains). Without --chain every known chain is asked.

options:
  --chain <id>        source chain of the message
  --rpc <url>         endpoint of the source chain
  --data-dir <dir>    where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json              print one JSON object`;

/** `interop proof`. */
export const proofUsage = `usage: interop proof <interopHash> [--on <chainId>] [--from-settlement-layer] [--chain <id>] [--rpc <url>] [--json]

Prints a message's proof: the InteropProof struct for InteropCenter.verifyInteropMessage
(chainId, l1BatchNumber, l2MessageIndex, txNumberInBatch, proof) and the settlement root it ends in.
Exit code 1 when the message is not provable yet.

options:
  --chain <id>               source chain of the message (default: every known chain is tried)
  --on <chainId>             the proof for verifying on that chain (with a Gateway: two levels up to the
                             Gateway's root for the chains on it, three up to L1's for L1 and its chains)
  --rpc <url>                endpoint of the source chain
  --from-settlement-layer    rebuild the proof from settlement-layer data only (commit calldata and
                             MessageRoot events); the source chain is not contacted. For a chain on
                             a Gateway: the Gateway's data, and L1's too for a proof to L1 (--on)
  --settlement-rpc <url>     settlement layer endpoint (default INTEROP_SETTLEMENT_RPC or devnet.json)
  --settlement <address>     InteropSettlement address (default INTEROP_SETTLEMENT_CONTRACT or devnet.json)
  --data-dir <dir>           where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json                     print one JSON object`;

/** `interop proof verify`. */
export const proofVerifyUsage = `usage: interop proof verify --chain <id> --batch <n> --index <n> --proof <json array | @file>
         (--log <json> | --message <json> | --interop-hash <0x…> --tx-number <n>)
         [--expect-root <0x…>] [--rpc <url>] [--json]

Verifies a message proof offline: walks it from the message's log up to its final root and prints
every level (chain, batch or settlement block, root). With --expect-root or --rpc it also decides
whether the proof is valid. Exit 0 when computed (and valid if checked), 1 when checked and not
valid, 2 on malformed input.

options:
  --chain <id>           source chain of the message
  --batch <n>            source batch holding the message
  --index <n>            index of the message's log in the batch
  --proof <json|@file>   proof words: a JSON array of 0x… words (or an object with a "proof" array)
  --log <json|@file>     the L2→L1 log {"l2ShardId","isService","txNumberInBatch","sender","key","value"}
  --message <json|@file> a ZKsync L2Message {"txNumberInBatch","sender","data"} (sent with sendToL1)
  --interop-hash <0x…>   a message sent through InteropCenter (needs --tx-number)
  --tx-number <n>        position of the sending transaction in its batch
  --expect-root <0x…>    valid only if the final root equals this
  --rpc <url>            valid only if the chain at <url> has imported this root
                         (InteropCenter.interopRoots(settlement chain, block))
  --json                 print one JSON object`;

/** `interop verify`. */
export const verifyUsage = `usage: interop verify <interopHash> --on <chainId> [--chain <id>] [--offchain] [--from-settlement-layer] [--json]

Fetches the message's proof from its source chain and verifies it on chain <chainId> with an eth_call
to InteropCenter.verifyInteropMessage (on the settlement layer: InteropSettlement.verifyInteropMessage).
Exit code 0 verified, 1 not verified (or not provable yet), 2 bad input or error.

options:
  --on <chainId>      chain to verify on (any L2, the source chain itself, or the settlement layer)
  --on-rpc <url>      endpoint of that chain (default INTEROP_RPC_<id> or devnet.json)
  --chain <id>        source chain of the message (default: every known chain is tried)
  --rpc <url>         endpoint of the source chain
  --offchain          also recompute the root locally and compare it with the imported one
  --from-settlement-layer
                      rebuild the proof from settlement-layer data instead of asking the source chain
                      (--settlement-rpc / --settlement as for \`interop proof\`)
  --data-dir <dir>    where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json              print one JSON object`;

/** `interop wait`. */
export const waitUsage = `usage: interop wait <interopHash> --on <chainId> [--timeout <s>] [--chain <id>] [--json]

Follows a message until it verifies on chain <chainId>: sent → sealed → executed → imported → verified.
On a terminal one live progress line; otherwise (or with --json) one line per stage.
Exit code 0 verified, 1 timed out (the message names the stage it stopped at), 2 bad input or error.

options:
  --on <chainId>      chain where the message must verify (an L2, the source itself, or the settlement layer)
  --on-rpc <url>      endpoint of that chain (default INTEROP_RPC_<id> or devnet.json)
  --timeout <s>       seconds before giving up (default 60)
  --chain <id>        source chain of the message (default: every known chain is tried); when given,
                      the message may be one not sent yet
  --rpc <url>         endpoint of the source chain
  --data-dir <dir>    where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json              one JSON object per stage`;

/** `interop watch`. */
export const watchUsage = `usage: interop watch [--json] [--history] [--interval <ms>] [--duration <s>] [--chain <id>]

A live view of interop messages across every known chain and the stage each one is at
(sent, sealed, committed, executed, imported on which chains). Ctrl-C (SIGINT) stops it (exit 0).
On a terminal the view is a table redrawn in place; otherwise one line per change.

options:
  --json            one JSON object per change
  --history         also show messages sent before the watch started
  --interval <ms>   polling interval (default 500)
  --duration <s>    stop after this many seconds
  --chain <id>      watch one chain only
  --rpc <url>       watch one endpoint only
  --data-dir <dir>  where devnet.json is (default .interop, or INTEROP_DEVNET)`;

/** `interop node`. */
export const nodeUsage = `usage: interop node --config <file>

Runs the interop node in the foreground against existing EVM JSON-RPC endpoints: a sequencer per L2
(batches committed and executed on the settlement layer), the settlement watcher and root importer,
and a JSON-RPC endpoint per L2 with the zks_* and interop_* methods. Ctrl-C (SIGINT) or SIGTERM stops it.

The config file is JSON (see docs/node.md):
  { "settlement": { "chainId": 9, "rpcUrl": "http://127.0.0.1:8545", "port": 8546,
                    "contracts": { "settlement": "0x…", "deployBlockNumber": 1 } },
    "chains": [ { "chainId": 271, "rpcUrl": "http://127.0.0.1:9271", "port": 3050,
                  "operatorPrivateKey": "0x…", "systemCaller": "impersonate" } ],
    "dataDir": ".interop-node", "batchMs": 250, "allowedOrigins": ["http://localhost:*"] }
systemCaller is required ({ "privateKey": "0x…" }, or "impersonate" on anvil). passThroughMethods and
allowedOrigins are optional (defaults: standard read methods + eth_sendRawTransaction; local pages).
A relative dataDir is resolved against the config file's folder.

options:
  --config <file>   the node configuration (required)
  --quiet           do not log batches and retries to stderr`;

/** `interop devnet`. */
export const devnetUsage = `usage: interop devnet [--l2 <n>] [--gateway | --topology <file>] [--batch-ms <ms>] [--block-time <s>]
                      [--l1-port <p>] [--l2-port <p>] [--gateway-port <p>] [--explorer-port <p>] [--no-explorer]
                      [--allow-origin <origins>] [--data-dir <dir>] [--persist] [--verbose]

Starts a local interop network in the foreground: a settlement layer (chain id 9) and n L2s
(chain ids 271, 272, …), each an anvil behind the node's JSON-RPC endpoint, with the system
contracts installed, the settlement contracts deployed and every chain registered, and serves
the explorer (a web page of every message, batch, root and proof) at http://127.0.0.1:5100.
With --gateway, three tiers: L1 (9) ← Gateway (506) ← the L2s; the Gateway is a chain of its own
and the settlement layer of the L2s, and its batches settle on L1.
Writes <data-dir>/devnet.json, then prints "ready". Ctrl-C (SIGINT) or SIGTERM stops it all.

options:
  --l2 <n>          number of L2 chains (default 2)
  --gateway         put a Gateway (chain 506) between the L2s and L1
  --topology <file> which chain settles on which (JSON, see docs/gateway.md), e.g.
                    {"gateway":506,"chains":[{"chainId":271,"settlesOn":506},{"chainId":273,"settlesOn":9}]}
  --gateway-port <p> the Gateway's endpoint port (default 3150)
  --batch-ms <ms>   batch interval of every L2 sequencer (default 250)
  --block-time <s>  the L2s mine a block every <s> seconds (e.g. 0.1) instead of one per transaction:
                    for load tests, where a block then carries many messages (default: a block per
                    transaction, the lowest latency; the settlement layer always mines per transaction)
  --l1-port <p>     settlement layer endpoint port (default 8545)
  --l2-port <p>     first L2 endpoint port; L2 i listens on <p> + i (default 3050)
  --explorer-port <p>  port of the explorer (default 5100)
  --no-explorer     do not serve the explorer
  --allow-origin <origins>  web pages allowed to call the endpoints: "*" or a comma-separated list
                    (http://localhost:* = any port; default: local pages on any port)
  --data-dir <dir>  node state and devnet.json (default .interop; wiped at each start unless --persist)
  --persist         keep the whole network (every chain and the node) in the data dir: a later
                    --persist start on the same dir resumes it instead of starting fresh (not with a Gateway yet)
  --verbose         print the node's log (batches sealed and settled, roots imported, errors) to stderr`;

/** `interop explorer`. */
export const explorerUsage = `usage: interop explorer [--port <p>] [--host <addr>] [--data-dir <dir>]

Serves the explorer — a web page of every message, batch, root and proof of the network — for a
running node: the chains come from <data-dir>/devnet.json, INTEROP_RPC_<chainId>,
INTEROP_SETTLEMENT_RPC and INTEROP_SETTLEMENT_CONTRACT, like the other commands. The page talks to
the node through this server (/rpc/<chainId>), so the node needs no CORS setting for it.
Ctrl-C (SIGINT) or SIGTERM stops it.

options:
  --port <p>        port to listen on (default 5100; 0 = a free one)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --data-dir <dir>  where devnet.json is (default .interop, or INTEROP_DEVNET)`;
