/**
 * A JSON-RPC result serialized once and kept (a cached proof), as UTF-8 bytes: the server copies them into the
 * response instead of serializing the object again. Anything else that serializes it (JSON.stringify) gets the
 * same JSON.
 */
export class EncodedJson {
  readonly bytes: Buffer;

  constructor(json: string) {
    this.bytes = Buffer.from(json, 'utf8');
  }

  toJSON(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }
}
