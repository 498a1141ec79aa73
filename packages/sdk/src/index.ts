// The package's main entry: the protocol core and the SDK actions.

export * from './actions/index.js';
export * from './core/index.js';
