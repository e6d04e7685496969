// A test sign-in server whose clock is off by CLOCK_OFFSET_MS, run in its own process (the offset must
// not touch the app's clock in the test process). The global Date is shifted before oidc-provider loads,
// so token times (iat, exp) and the Date header both follow it. Prints one JSON line
// {issuer, clientId} when listening; stops when stdin closes. ID_TOKEN_TTL_SECONDS sets the id_token's
// lifetime (default: the test provider's).
//   node --import tsx test/harness/shifted-provider.ts   (CLOCK_OFFSET_MS=-4200000)
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [string | number]));
  }
  static override now(): number {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate as DateConstructor;

const { startTestProvider } = await import('./oidc-provider');
const idTokenTtl = process.env.ID_TOKEN_TTL_SECONDS;
const op = await startTestProvider(idTokenTtl ? { idTokenTtlSeconds: Number(idTokenTtl) } : {});
process.stdout.write(`${JSON.stringify({ issuer: op.issuer, clientId: op.clientId })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void op.stop().then(() => process.exit(0)));

export {};
