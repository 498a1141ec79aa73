// The package's main entry: the protocol core and the SDK actions.
export * from './core/index.js';
export * from './actions/index.js';
